import type { Language } from '../../common/case-types';
import type { Channel, KeepBasis, RecordType } from '../../common/dispositions/disposition';

/**
 * The words a letter names records and channels with, from a disposition's system-neutral words
 * (RECORD_TYPES, CHANNELS) in the letter's language. A `what` that is not a RECORD_TYPES word is
 * a person's own description of the records and is shown as written.
 */
const RECORD_WORDS: Record<Language, Record<RecordType, [string, string]>> = {
  nb: {
    record: ['oppføring', 'oppføringer'],
    user: ['brukerkonto', 'brukerkontoer'],
    ticket: ['henvendelse', 'henvendelser'],
    'ticket-comment': ['kommentar i en henvendelse', 'kommentarer i henvendelser'],
    attachment: ['vedlegg', 'vedlegg'],
    customer: ['kundeoppføring', 'kundeoppføringer'],
    associate: ['aktøroppføring', 'aktøroppføringer'],
    contact: ['kontakt', 'kontakter'],
    'contact-person': ['kontaktperson', 'kontaktpersoner'],
    invoice: ['faktura', 'fakturaer'],
    voucher: ['bilag', 'bilag'],
    'ledger-entry': ['reskontropost', 'reskontroposter'],
    order: ['ordre', 'ordrer'],
    'marketing-subscription': ['markedsføringsabonnement', 'markedsføringsabonnementer'],
    recording: ['opptak', 'opptak'],
    'call-log-entry': ['oppføring i samtaleloggen', 'oppføringer i samtaleloggen'],
    'form-submission': ['skjemainnsending', 'skjemainnsendinger'],
    file: ['fil', 'filer'],
    'e-mail': ['e-post', 'e-poster'],
    note: ['notat', 'notater'],
  },
  en: {
    record: ['record', 'records'],
    user: ['user account', 'user accounts'],
    ticket: ['ticket', 'tickets'],
    'ticket-comment': ['ticket comment', 'ticket comments'],
    attachment: ['attachment', 'attachments'],
    customer: ['customer record', 'customer records'],
    associate: ['associate record', 'associate records'],
    contact: ['contact', 'contacts'],
    'contact-person': ['contact person', 'contact persons'],
    invoice: ['invoice', 'invoices'],
    voucher: ['voucher', 'vouchers'],
    'ledger-entry': ['ledger entry', 'ledger entries'],
    order: ['order', 'orders'],
    'marketing-subscription': ['marketing subscription', 'marketing subscriptions'],
    recording: ['recording', 'recordings'],
    'call-log-entry': ['call log entry', 'call log entries'],
    'form-submission': ['form submission', 'form submissions'],
    file: ['file', 'files'],
    'e-mail': ['e-mail', 'e-mails'],
    note: ['note', 'notes'],
  },
};

/** "5 tickets", "1 user account", "tickets" (count unknown); own words as written, "(3)" after them. */
export function recordsInWords(what: string, count: number | undefined, language: Language): string {
  const words = (RECORD_WORDS[language] as Record<string, [string, string]>)[what];
  if (!words) return count === undefined ? what : `${what} (${count})`;
  if (count === undefined) return words[1];
  return `${count} ${count === 1 ? words[0] : words[1]}`;
}

/** The record types and their words, for reading a rendered letter back (the claims check). */
export function recordWordTable(language: Language): Array<{ what: string; singular: string; plural: string }> {
  return Object.entries(RECORD_WORDS[language]).map(([what, [singular, plural]]) => ({ what, singular, plural }));
}

export const CHANNEL_WORDS: Record<Language, Record<Channel, string>> = {
  nb: { email: 'e-post', sms: 'SMS', phone: 'telefon', post: 'brev i posten' },
  en: { email: 'e-mail', sms: 'text message', phone: 'phone calls', post: 'letters by post' },
};

/** What kept records may still be used for, when the disposition names a basis instead of a use. */
export const USE_WORDS: Record<Language, Record<KeepBasis, string>> = {
  nb: {
    legal_obligation: 'brukes bare til det loven krever',
    legal_claims: 'brukes bare til å fastsette, gjøre gjeldende eller forsvare kravet',
    public_interest: 'brukes bare til den oppgaven',
    archiving_research: 'brukes bare til arkiv, forskning eller statistikk',
    freedom_of_expression: 'brukes bare til det formålet',
  },
  en: {
    legal_obligation: 'used only as that law requires',
    legal_claims: 'used only to establish, exercise or defend that claim',
    public_interest: 'used only for that task',
    archiving_research: 'used only for archiving, research or statistics',
    freedom_of_expression: 'used only for that purpose',
  },
};

/** English phrases connectors use in laws and uses they report, in Norwegian. Longest first. */
const NB_PHRASES: Array<[RegExp, string]> = [
  [/bookkeeping, audit and tax control/gi, 'regnskap, revisjon og skattekontroll'],
  [/(\d+) years after the (?:end of the )?financial year/gi, '$1 år etter regnskapsårets slutt'],
  [/GDPR art\.?/gi, 'personvernforordningen art.'],
  [/(\d\)\([a-z]\)) and (\d+\()/gi, '$1 og $2'],
  [/\(5-year rule\)/gi, '(femårsregelen)'],
  [/\((?:3½|3\.5|3,5)-year rule\)/gi, '(regelen om 3½ år)'],
];

/** A connector's English phrase (a law and its rule, an allowed use) in the letter's language. */
export function phrase(text: string, language: Language): string {
  if (language === 'en') return text;
  return NB_PHRASES.reduce((result, [pattern, words]) => result.replace(pattern, words), text);
}
