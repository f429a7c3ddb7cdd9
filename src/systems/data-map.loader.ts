import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataMapSchema, type DataMap, type SystemEntry } from './data-map.schema';

export class DataMapError extends Error {}

/** Reads and validates the data map; every problem is listed with its path in the file. */
export function loadDataMap(file: string): DataMap {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DataMapError(`SYSTEMS_FILE ${file}: cannot read it as YAML (${(error as Error).message})`);
  }
  const parsed = dataMapSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new DataMapError(`SYSTEMS_FILE ${file} is not a valid data map:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

const YEARS = /^P(\d+)Y/;
/** bokføringsloven § 13 allows at most 5 years after the financial year (3½ for some records). */
const BOOKKEEPING_MAX_YEARS = 5;

/** Consent or contract, in English or Norwegian, incl. GDPR 6(1)(a)/(b) and 9(2)(a). */
const PORTABLE_BASIS = /consent|contract|samtykke|avtale|kontrakt|6\s*\(1\)\s*\(?[ab]\b|9\s*\(2\)\s*\(?a\b/i;

export function portableBasis(legalBasis: string): boolean {
  return PORTABLE_BASIS.test(legalBasis);
}

/** Warnings a DPO should see: retention longer than its stated legal basis allows, missing secrets. */
export function dataMapWarnings(map: DataMap, env: NodeJS.ProcessEnv): string[] {
  const warnings: string[] = [];
  const check = (system: SystemEntry, period: string | undefined, basis: string | undefined, where: string) => {
    const years = Number(YEARS.exec(period ?? '')?.[1] ?? 0);
    if (basis && /bokføringsloven/i.test(basis) && years > BOOKKEEPING_MAX_YEARS + 1) {
      warnings.push(
        `${system.id}.${where}: ${period} rests on bokføringsloven, which allows at most 5 years after the end of the financial year`,
      );
    }
  };
  for (const system of map.systems) {
    check(system, system.retention.period, system.retention.basis ?? system.legalBasis, 'retention');
    // Art 20(1)(a): only data processed under consent or a contract is portable.
    if (system.portable && !portableBasis(system.legalBasis)) {
      warnings.push(`${system.id}.portable: legal basis "${system.legalBasis}" is neither consent nor contract; portability (Art 20) covers only those, so its data goes into no portability package`);
    }
    system.legalHolds.forEach((hold, index) => check(system, hold.keepFor, hold.basis, `legalHolds.${index}`));
    for (const [key, value] of Object.entries(system.connection)) {
      if (key.endsWith('Env') && typeof value === 'string' && !env[value]) {
        warnings.push(`${system.id}.connection.${key}: environment variable ${value} is not set; its tasks will fail until it is`);
      }
    }
  }
  return warnings;
}
