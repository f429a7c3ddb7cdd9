import { LANGUAGES, type Language } from '../common/case-types';
import { humanDuration } from '../common/human-duration';
import { uncontactedRecipients } from './art19-recipients';
import type { DataMap, SystemEntry } from './data-map.schema';
import { missingLanguages, textIn, type LocalizedText } from './localized-text';
import { bookkeepingOverrun, type BookkeepingOverrun } from './retention-limits';

/** The kinds of warning; the data-map page explains each (staff/ui/pages/data-map-words.ts). */
export type WarningKind = 'retention' | 'portable' | 'recipients' | 'translation' | 'secret';

/**
 * What a DPO should look at in the data map: one finding, with the system and the field it
 * concerns and its line in each staff language. Each line starts with `<system id>.<field>:`; it
 * quotes the data map's own texts (a basis, a recipient) but never a person's data.
 */
export interface DataMapWarning {
  systemId: string;
  field: string;
  kind: WarningKind;
  text: Record<Language, string>;
}

/** Consent or contract, in English or Norwegian, incl. GDPR 6(1)(a)/(b) and 9(2)(a). */
const PORTABLE_BASIS = /consent|contract|samtykke|avtale|kontrakt|6\s*\(1\)\s*\(?[ab]\b|9\s*\(2\)\s*\(?a\b/i;

export function portableBasis(legalBasis: string): boolean {
  return PORTABLE_BASIS.test(legalBasis);
}

/** Every warning of the data map, in the order of its systems. */
export function dataMapFindings(map: DataMap, env: NodeJS.ProcessEnv): DataMapWarning[] {
  return map.systems.flatMap((system) => systemFindings(system, env));
}

/** The warnings as the start-up log writes them (English). */
export function dataMapWarnings(map: DataMap, env: NodeJS.ProcessEnv): string[] {
  return dataMapFindings(map, env).map((warning) => warning.text.en);
}

function systemFindings(system: SystemEntry, env: NodeJS.ProcessEnv): DataMapWarning[] {
  const found: DataMapWarning[] = [];
  const add = (field: string, kind: WarningKind, words: (language: Language) => string) =>
    found.push({ systemId: system.id, field, kind, text: each((language) => `${system.id}.${field}: ${words(language)}`) });

  // The retention's own basis, else the system's legal basis, is what the period must keep to.
  const retentionBasis = system.texts.retention.basis ?? system.texts.legalBasis;
  const overrun = bookkeepingOverrun(system, system.retention.period, system.retention.basis ?? system.legalBasis);
  if (overrun) add('retention', 'retention', (language) => overrunWords(overrun, textIn(retentionBasis, language), language));
  system.legalHolds.forEach((hold, index) => {
    const texts = system.texts.legalHolds[index];
    const held = bookkeepingOverrun(system, hold.keepFor, hold.basis, hold.records);
    if (held) add(`legalHolds.${index}`, 'retention', (language) => overrunWords(held, textIn(texts.basis, language), language));
  });
  // Art 20(1)(a): only data processed under consent or a contract is portable.
  if (system.portable && !portableBasis(system.legalBasis)) {
    add('portable', 'portable', (language) => WORDS[language].portable(textIn(system.texts.legalBasis, language)));
  }
  // Art 19: only recipientContacts get the notice by e-mail; anyone else must be told otherwise.
  for (const recipient of uncontactedRecipients(system)) add('recipients', 'recipients', (language) => WORDS[language].recipient(recipient));
  const untranslated = untranslatedFields(system);
  if (untranslated.length) {
    add('texts', 'translation', (language) =>
      WORDS[language].untranslated(untranslated.map(({ field, missing }) => `${field} (${missing.map((lacking) => WORDS[language].no[lacking]).join(', ')})`)),
    );
  }
  for (const [key, value] of Object.entries(system.connection)) {
    if (key.endsWith('Env') && typeof value === 'string' && !env[value]) add(`connection.${key}`, 'secret', (language) => WORDS[language].secret(value));
  }
  return found;
}

const each = (words: (language: Language) => string): Record<Language, string> =>
  Object.fromEntries(LANGUAGES.map((language) => [language, words(language)])) as Record<Language, string>;

/**
 * The texts a person reads that the data map gives as `{nb}` or `{en}` alone (a plain string is
 * meant for every reader): readers of the other language see the one given. One warning per
 * system names them all, so a map written in one language doesn't fill the log.
 */
export function untranslatedFields(system: SystemEntry): Array<{ field: string; missing: Language[] }> {
  const { texts } = system;
  const listed = (field: string, items: LocalizedText[]): Array<[string, LocalizedText]> => items.map((text, index) => [`${field}[${index}]`, text]);
  const fields: Array<[string, LocalizedText | undefined]> = [
    ['name', texts.name],
    ['legalBasis', texts.legalBasis],
    ...listed('purposes', texts.purposes),
    ...listed('categories', texts.categories),
    ['retention.criteria', texts.retention.criteria],
    ['retention.basis', texts.retention.basis],
    ...texts.legalHolds.flatMap((hold, index): Array<[string, LocalizedText]> => [
      [`legalHolds[${index}].records`, hold.records],
      [`legalHolds[${index}].basis`, hold.basis],
    ]),
    ...listed('recipients', texts.recipients),
    ['source', system.source],
    ['automatedDecisions', system.automatedDecisions],
    ['transfersOutsideEea', system.transfersOutsideEea],
    ...Object.entries(system.fieldLabels).map(([field, text]): [string, LocalizedText] => [`fieldLabels.${field}`, text]),
  ];
  return fields.flatMap(([field, text]) => {
    const missing = text === undefined ? [] : missingLanguages(text);
    return missing.length ? [{ field, missing }] : [];
  });
}

function overrunWords(overrun: BookkeepingOverrun, basis: string, language: Language): string {
  const words = WORDS[language];
  const period = humanDuration(overrun.period, language);
  const rule = overrun.short ? words.shortRule : words.longRule;
  return overrun.namesLaw ? words.beyondBasis(period, basis, rule) : words.beyondLaw(period, basis, rule);
}

interface WarningWords {
  shortRule: string;
  longRule: string;
  beyondBasis: (period: string, basis: string, rule: string) => string;
  beyondLaw: (period: string, basis: string, rule: string) => string;
  portable: (basis: string) => string;
  recipient: (recipient: string) => string;
  untranslated: (fields: string[]) => string;
  no: Record<Language, string>;
  secret: (variable: string) => string;
}

const WORDS: Record<Language, WarningWords> = {
  en: {
    shortRule: 'the 3½-year rule, which allows at most 3 years and 6 months after the end of the financial year (to 30 June of FY+4)',
    longRule: 'the 5-year rule, which allows at most 5 years after the end of the financial year',
    beyondBasis: (period, basis, rule) =>
      `${period} is longer than its basis "${basis}" allows: bokføringsloven § 13 has ${rule}; a longer period needs another legal basis`,
    beyondLaw: (period, basis, rule) =>
      `${period} is longer than bokføringsloven § 13 allows for the accounting records it keeps (basis given: "${basis}"): § 13 has ${rule}; keeping them longer needs another law that requires it, named in the basis`,
    portable: (basis) =>
      `legal basis "${basis}" is neither consent nor contract; portability (Art 20) covers only those, so its data goes into no portability package`,
    recipient: (recipient) => `Art 19 notices to "${recipient}" can't be e-mailed: add it to recipientContacts, or tell it by other means`,
    untranslated: (fields) => `written in one language only, so readers of the other see it as written: ${fields.join('; ')}`,
    no: { nb: 'no Norwegian', en: 'no English' },
    secret: (variable) => `environment variable ${variable} is not set; its tasks will fail until it is`,
  },
  nb: {
    shortRule: 'regelen om 3½ år, som tillater høyst 3 år og 6 måneder etter regnskapsårets slutt (til 30. juni i det fjerde året etter)',
    longRule: 'regelen om 5 år, som tillater høyst 5 år etter regnskapsårets slutt',
    beyondBasis: (period, basis, rule) =>
      `${period} er lengre enn grunnlaget «${basis}» tillater: bokføringsloven § 13 har ${rule}; en lengre periode krever et annet rettslig grunnlag`,
    beyondLaw: (period, basis, rule) =>
      `${period} er lengre enn bokføringsloven § 13 tillater for regnskapsmaterialet systemet oppbevarer (oppgitt grunnlag: «${basis}»): § 13 har ${rule}; lengre oppbevaring krever en annen lov som pålegger det, nevnt i grunnlaget`,
    portable: (basis) =>
      `rettslig grunnlag «${basis}» er verken samtykke eller avtale; dataportabilitet (art. 20) gjelder bare slike, så opplysningene kommer ikke med i noen portabilitetspakke`,
    recipient: (recipient) =>
      `varsel etter art. 19 til «${recipient}» kan ikke sendes på e-post: legg mottakeren inn under recipientContacts, eller varsle på annen måte`,
    untranslated: (fields) => `skrevet på bare ett språk, så lesere på det andre språket ser teksten slik den står: ${fields.join('; ')}`,
    no: { nb: 'mangler norsk', en: 'mangler engelsk' },
    secret: (variable) => `miljøvariabelen ${variable} er ikke satt; oppgavene for systemet feiler til den er satt`,
  },
};
