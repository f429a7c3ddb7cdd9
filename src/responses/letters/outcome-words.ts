import type { Language } from '../../common/case-types';
import type { TaskFact } from './letter-facts';

/**
 * Connector outcomes are written for staff, in English, with internal ids ("user #123"). A letter
 * renders a system's share from the structured facts (action, status, record count) in the
 * letter's language; a summary a person typed for a manual task is theirs and kept as written.
 * Known English phrases of connector outcomes (kept records, bases, erased items) are mapped
 * for Norwegian letters; an unknown one is shown as it came, rather than dropped.
 */
const WORDS = {
  nb: {
    exported: (count: number) => `${count} ${count === 1 ? 'oppføring' : 'oppføringer'}, lagt i svarpakken`,
    none: 'ingen opplysninger om deg',
    erased: 'opplysningene om deg er slettet',
    done: 'utført',
  },
  en: {
    exported: (count: number) => `${count} ${count === 1 ? 'record' : 'records'}, included in the answer package`,
    none: 'no data about you',
    erased: 'the data about you has been erased',
    done: 'done',
  },
} as const;

/** One system's line in the letter ("Zendesk Support: 3 oppføringer, …"). */
export function taskLine(task: TaskFact, language: Language): string {
  const words = WORDS[language];
  if (task.byPerson && task.summary) return task.summary;
  if (task.status === 'not_found') return words.none;
  if (task.action === 'export' && task.recordCount !== undefined) return words.exported(task.recordCount);
  if (task.action === 'erase') return words.erased;
  return language === 'en' ? task.summary : words.done;
}

/** English phrases the connectors use for records and legal bases, in Norwegian. Longest first. */
const NB_PHRASES: Array<[RegExp, string]> = [
  [/invoices and customer ledger entries/gi, 'fakturaer og kundereskontro'],
  [/, financial year (\d{4}(?:\/\d{4})?)/gi, ', regnskapsåret $1'],
  [/e-mail address, phone and mobile phone of contact person (\d+)/gi, 'e-postadresse, telefon og mobiltelefon for kontaktperson $1'],
  [/e-mail address, phone and mobile phone on customer (\d+)/gi, 'e-postadresse, telefon og mobiltelefon på kunde $1'],
  [/e-mail address, phone and mobile phone on associate (\d+)/gi, 'e-postadresse, telefon og mobiltelefon på aktør $1'],
  [/customer (\d+) deleted with (\d+) contact person\(s\)/gi, 'kunde $1 slettet med $2 kontaktperson(er)'],
  [/associate (\d+) deleted with (\d+) contact person\(s\)/gi, 'aktør $1 slettet med $2 kontaktperson(er)'],
  [/contact person (\d+) deleted/gi, 'kontaktperson $1 slettet'],
  [/customer (\d+) deleted/gi, 'kunde $1 slettet'],
  [/associate (\d+) deleted/gi, 'aktør $1 slettet'],
  [/GDPR art\.?/gi, 'personvernforordningen art.'],
  [/(\d\)\([a-z]\)) and (\d+\()/gi, '$1 og $2'],
  [/\(5-year rule\)/gi, '(femårsregelen)'],
  [/\((?:3½|3\.5|3,5)-year rule\)/gi, '(regelen om 3½ år)'],
];

/** A connector's English phrase in the letter's language (records kept, basis, what was erased). */
export function phrase(text: string, language: Language): string {
  if (language === 'en') return text;
  return NB_PHRASES.reduce((result, [pattern, words]) => result.replace(pattern, words), text);
}
