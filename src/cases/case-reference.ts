import type { DataSource } from 'typeorm';

const UNDEFINED_TABLE = '42P01';
const UNIQUE_VIOLATION = '23505';

/**
 * Hands out the next human reference for a year, e.g. DSR-2026-000123, from a PostgreSQL
 * sequence per year. A sequence never blocks concurrent callers (a counter row would serialise
 * every registration until commit) and never repeats a number; a rolled-back registration
 * leaves a gap, which is fine. The year's sequence is created on its first use.
 */
export async function nextCaseReference(dataSource: DataSource, year: number): Promise<string> {
  return withReferenceSequence(dataSource, year, async (sequence) => {
    const [row] = await dataSource.query(`SELECT nextval('${sequence}') AS value`);
    return `${referencePrefix(year)}${String(row.value).padStart(6, '0')}`;
  });
}

/** The part of a year's references before the number. */
export const referencePrefix = (year: number) => `DSR-${year}-`;

/** Runs `use` with the name of the year's sequence, creating the sequence when `use` finds it
 *  missing (the year's first case) and running `use` again. */
export async function withReferenceSequence<T>(dataSource: DataSource, year: number, use: (sequence: string) => Promise<T>): Promise<T> {
  const sequence = `case_reference_${year}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await use(sequence);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== UNDEFINED_TABLE || attempt > 2) throw error;
      try {
        await dataSource.query(`CREATE SEQUENCE IF NOT EXISTS ${sequence}`);
      } catch (createError) {
        // Two processes creating the same year's sequence at once: the other one won.
        if ((createError as { code?: string }).code !== UNIQUE_VIOLATION) throw createError;
      }
    }
  }
}

/** What a case reference looks like (DSR-2026-123): a search or a form value naming a case. */
export const CASE_REFERENCE_PATTERN = /^DSR-\d{4}-\d{1,9}$/i;
