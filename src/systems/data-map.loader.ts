import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataMapSchema, type DataMap, type SystemEntry } from './data-map.schema';
import { uncontactedRecipients } from './art19-recipients';
import { bookkeepingOverrun } from './retention-limits';
import { missingLanguages, type LocalizedText } from './localized-text';

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
    const lines = parsed.error.issues.map((issue) => `${where(raw, issue.path)}: ${issue.message}`);
    throw new DataMapError(`SYSTEMS_FILE ${file} is not a valid data map:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** An issue's place in the file, with the system's id when it is inside one ("systems[2] (id "cctv").retention.period"). */
function where(raw: unknown, path: PropertyKey[]): string {
  if (path[0] !== 'systems' || typeof path[1] !== 'number') return path.map(String).join('.') || '(top)';
  const id = (raw as { systems?: Array<{ id?: unknown }> }).systems?.[path[1]]?.id;
  const system = `systems[${path[1]}]${typeof id === 'string' ? ` (id "${id}")` : ''}`;
  return [system, ...path.slice(2).map(String)].join('.');
}

/** Consent or contract, in English or Norwegian, incl. GDPR 6(1)(a)/(b) and 9(2)(a). */
const PORTABLE_BASIS = /consent|contract|samtykke|avtale|kontrakt|6\s*\(1\)\s*\(?[ab]\b|9\s*\(2\)\s*\(?a\b/i;

export function portableBasis(legalBasis: string): boolean {
  return PORTABLE_BASIS.test(legalBasis);
}

/** Warnings a DPO should see: retention longer than its stated legal basis allows, missing secrets,
 *  texts translated into one language only. */
export function dataMapWarnings(map: DataMap, env: NodeJS.ProcessEnv): string[] {
  const warnings: string[] = [];
  const check = (system: SystemEntry, period: string | undefined, basis: string | undefined, where: string, records?: string) => {
    const warning = bookkeepingOverrun(system, where, period, basis, records);
    if (warning) warnings.push(warning);
  };
  for (const system of map.systems) {
    check(system, system.retention.period, system.retention.basis ?? system.legalBasis, 'retention');
    // Art 20(1)(a): only data processed under consent or a contract is portable.
    if (system.portable && !portableBasis(system.legalBasis)) {
      warnings.push(
        `${system.id}.portable: legal basis "${system.legalBasis}" is neither consent nor contract; portability (Art 20) covers only those, so its data goes into no portability package`,
      );
    }
    system.legalHolds.forEach((hold, index) => check(system, hold.keepFor, hold.basis, `legalHolds.${index}`, hold.records));
    // Art 19: only recipientContacts get the notice by e-mail; anyone else must be told otherwise.
    for (const recipient of uncontactedRecipients(system)) {
      warnings.push(`${system.id}.recipients: Art 19 notices to "${recipient}" can't be e-mailed: add it to recipientContacts, or tell it by other means`);
    }
    warnings.push(...translationWarnings(system));
    for (const [key, value] of Object.entries(system.connection)) {
      if (key.endsWith('Env') && typeof value === 'string' && !env[value]) {
        warnings.push(`${system.id}.connection.${key}: environment variable ${value} is not set; its tasks will fail until it is`);
      }
    }
  }
  return warnings;
}

/** A `{nb}` or `{en}` text without the other language: answers in that language fall back to the one given. */
function translationWarnings(system: SystemEntry): string[] {
  const texts: Array<[string, LocalizedText | undefined]> = [
    ...system.texts.purposes.map((text, index): [string, LocalizedText] => [`purposes[${index}]`, text]),
    ...system.texts.categories.map((text, index): [string, LocalizedText] => [`categories[${index}]`, text]),
    ['retention.criteria', system.texts.retention.criteria],
    ['retention.basis', system.texts.retention.basis],
    ...Object.entries(system.fieldLabels).map(([field, text]): [string, LocalizedText] => [`fieldLabels.${field}`, text]),
  ];
  return texts.flatMap(([where, text]) =>
    text === undefined
      ? []
      : missingLanguages(text).map(
          (language) => `${system.id}.${where}: no "${language}" text; answers in ${language === 'nb' ? 'Norwegian' : 'English'} show the other language`,
        ),
  );
}
