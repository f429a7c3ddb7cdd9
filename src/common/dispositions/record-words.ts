import type { Language } from '../case-types';
import type { RecordType } from './disposition';

/**
 * The words letters and Art 19 notices name records and fields with, from a disposition's
 * system-neutral words (RECORD_TYPES; case field names), in nb and en: one table, so a letter and
 * the notice about the same case say the same thing. A `what` that is not a RECORD_TYPES word is a
 * person's own description of the records and is shown as written.
 */
export const RECORD_WORDS: Record<Language, Record<RecordType, [string, string]>> = {
  nb: {
    record: ['oppføring', 'oppføringer'],
    user: ['brukerkonto', 'brukerkontoer'],
    ticket: ['henvendelse', 'henvendelser'],
    'ticket-comment': ['kommentar i en henvendelse', 'kommentarer i henvendelser'],
    attachment: ['vedlegg', 'vedlegg'],
    'side-conversation': ['sidesamtale i en henvendelse', 'sidesamtaler i henvendelser'],
    customer: ['kundeoppføring', 'kundeoppføringer'],
    associate: ['aktøroppføring', 'aktøroppføringer'],
    contact: ['kontakt', 'kontakter'],
    'contact-person': ['kontaktperson', 'kontaktpersoner'],
    invoice: ['faktura', 'fakturaer'],
    voucher: ['bilag', 'bilag'],
    'ledger-entry': ['reskontropost', 'reskontroposter'],
    order: ['ordre', 'ordrer'],
    'order-line': ['ordrelinje', 'ordrelinjer'],
    'marketing-subscription': ['markedsføringsabonnement', 'markedsføringsabonnementer'],
    recording: ['opptak', 'opptak'],
    'call-log-entry': ['oppføring i samtaleloggen', 'oppføringer i samtaleloggen'],
    'form-submission': ['skjemainnsending', 'skjemainnsendinger'],
    file: ['fil', 'filer'],
    'e-mail': ['e-post', 'e-poster'],
    note: ['notat', 'notater'],
    'marketing-activity': ['hendelse i markedsføringen (utsending/åpning/klikk)', 'hendelser i markedsføringen (utsendinger/åpninger/klikk)'],
    'contact-details': ['sett kontaktopplysninger (e-post og telefon)', 'sett kontaktopplysninger (e-post og telefon)'],
    'earlier-value': ['tidligere verdi i endringshistorikken', 'tidligere verdier i endringshistorikken'],
  },
  en: {
    record: ['record', 'records'],
    user: ['user account', 'user accounts'],
    ticket: ['ticket', 'tickets'],
    'ticket-comment': ['ticket comment', 'ticket comments'],
    attachment: ['attachment', 'attachments'],
    'side-conversation': ['side conversation on a ticket', 'side conversations on tickets'],
    customer: ['customer record', 'customer records'],
    associate: ['associate record', 'associate records'],
    contact: ['contact', 'contacts'],
    'contact-person': ['contact person', 'contact persons'],
    invoice: ['invoice', 'invoices'],
    voucher: ['voucher', 'vouchers'],
    'ledger-entry': ['ledger entry', 'ledger entries'],
    order: ['order', 'orders'],
    'order-line': ['order line', 'order lines'],
    'marketing-subscription': ['marketing subscription', 'marketing subscriptions'],
    recording: ['recording', 'recordings'],
    'call-log-entry': ['call log entry', 'call log entries'],
    'form-submission': ['form submission', 'form submissions'],
    file: ['file', 'files'],
    'e-mail': ['e-mail', 'e-mails'],
    note: ['note', 'notes'],
    'marketing-activity': ['marketing event (send/open/click)', 'marketing events (sends/opens/clicks)'],
    'contact-details': ['set of contact details (e-mail and phone)', 'sets of contact details (e-mail and phone)'],
    'earlier-value': ['earlier value in the change history', 'earlier values in the change history'],
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

/** One record of the type ("customer record"), or a person's own words as written. */
export function recordNoun(what: string, language: Language): string {
  return (RECORD_WORDS[language] as Record<string, [string, string]>)[what]?.[0] ?? what;
}

const FIELD_WORDS: Record<Language, Record<string, string>> = {
  nb: {
    name: 'navn',
    email: 'e-postadresse',
    phone: 'telefonnummer',
    mobile: 'mobilnummer',
    address: 'adresse',
    city: 'poststed',
    postcode: 'postnummer',
    customerNumber: 'kundenummer',
  },
  en: {
    name: 'name',
    email: 'e-mail address',
    phone: 'phone number',
    mobile: 'mobile number',
    address: 'address',
    city: 'city',
    postcode: 'postcode',
    customerNumber: 'customer number',
  },
};

export const fieldWord = (field: string, language: Language) => FIELD_WORDS[language][field] ?? field;
