import type { Language } from '../../common/case-types';
import type { KeepBasis, RecordType } from '../../common/dispositions/disposition';

/** Record types in an Art 19 notice, singular and plural. A word not listed is shown as written. */
const RECORD_WORDS: Record<Language, Record<RecordType, [string, string]>> = {
  nb: {
    record: ['registrering', 'registreringer'],
    user: ['brukerprofil', 'brukerprofiler'],
    ticket: ['henvendelse', 'henvendelser'],
    'ticket-comment': ['kommentar i henvendelse', 'kommentarer i henvendelser'],
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
    'call-log-entry': ['samtalelogg', 'samtalelogger'],
    'form-submission': ['skjemainnsending', 'skjemainnsendinger'],
    file: ['fil', 'filer'],
    'e-mail': ['e-post', 'e-poster'],
    note: ['notat', 'notater'],
  },
  en: {
    record: ['record', 'records'],
    user: ['user profile', 'user profiles'],
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

/** "3 invoices", "customer record", or a person's own words as written. */
export function recordWords(what: string | undefined, count: number | undefined, language: Language): string {
  const words = RECORD_WORDS[language][(what ?? 'record') as RecordType];
  if (!words) return count === undefined ? (what ?? '') : `${what} (${count})`;
  if (count === undefined) return words[1];
  return `${count} ${count === 1 ? words[0] : words[1]}`;
}

/** One record of the type ("customer record"), or a person's own words as written. */
export function recordNoun(what: string, language: Language): string {
  return RECORD_WORDS[language][what as RecordType]?.[0] ?? what;
}

const FIELD_WORDS: Record<Language, Record<string, string>> = {
  nb: { name: 'navn', email: 'e-postadresse', phone: 'telefonnummer', mobile: 'mobilnummer', address: 'adresse', customerNumber: 'kundenummer' },
  en: { name: 'name', email: 'e-mail address', phone: 'phone number', mobile: 'mobile number', address: 'address', customerNumber: 'customer number' },
};

export const noticeFieldWord = (field: string, language: Language) => FIELD_WORDS[language][field] ?? field;

/** Why records are kept, when the disposition names no law or claim of its own. */
export const KEEP_BASIS_WORDS: Record<Language, Record<KeepBasis, string>> = {
  nb: {
    legal_obligation: 'en rettslig forpliktelse (personvernforordningen art. 17(3)(b))',
    legal_claims: 'et rettskrav (art. 17(3)(e))',
    public_interest: 'allmennhetens interesse (art. 17(3)(c))',
    archiving_research: 'arkivformål, forskning eller statistikk (art. 17(3)(d))',
    freedom_of_expression: 'ytrings- og informasjonsfriheten (art. 17(3)(a))',
  },
  en: {
    legal_obligation: 'a legal obligation (GDPR Art 17(3)(b))',
    legal_claims: 'a legal claim (Art 17(3)(e))',
    public_interest: 'public interest (Art 17(3)(c))',
    archiving_research: 'archiving, research or statistics (Art 17(3)(d))',
    freedom_of_expression: 'freedom of expression and information (Art 17(3)(a))',
  },
};

/** The use kept records are still allowed, when `allowedUse` is a KEEP_BASES word. */
export const ALLOWED_USE_WORDS: Record<Language, Record<KeepBasis, string>> = {
  nb: {
    legal_obligation: 'det loven krever',
    legal_claims: 'å fastsette, gjøre gjeldende eller forsvare rettskravet',
    public_interest: 'oppgaven i allmennhetens interesse',
    archiving_research: 'arkiv, forskning eller statistikk',
    freedom_of_expression: 'ytrings- og informasjonsfriheten',
  },
  en: {
    legal_obligation: 'what the law requires',
    legal_claims: 'establishing, exercising or defending the claim',
    public_interest: 'the task in the public interest',
    archiving_research: 'archiving, research or statistics',
    freedom_of_expression: 'freedom of expression and information',
  },
};
