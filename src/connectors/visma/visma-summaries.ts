import { humanDate } from '../../common/human-date';
import type { PlanAction, SummaryText } from '../connector';
import { counted, fieldsIn } from '../outcome-summary';

/** Visma Business outcome summaries staff read on the case page, in each staff language. */
export const VISMA_SUMMARIES = {
  noMatch: {
    en: 'No customer or contact person in Visma Business matches the subject.',
    nb: 'Ingen kunde eller kontaktperson i Visma Business samsvarer med den registrerte.',
  },
  noMatchToErase: {
    en: 'No customer or contact person in Visma Business matches the subject (already erased, or never held).',
    nb: 'Ingen kunde eller kontaktperson i Visma Business samsvarer med den registrerte (allerede slettet, eller aldri registrert).',
  },
  heldRecordsGone: {
    en: 'The records this hold kept are no longer in Visma Business (already erased).',
    nb: 'Oppføringene som ble holdt tilbake etter denne oppbevaringsplikten, finnes ikke lenger i Visma Business (allerede slettet).',
  },
  restrictedRecordsGone: {
    en: 'The restricted customer records are no longer in Visma Business; nothing to lift.',
    nb: 'De begrensede kundeoppføringene finnes ikke lenger i Visma Business; ingenting å oppheve.',
  },
  ownerLiftsRestriction: {
    en: 'The restriction set flags on whole records in Visma Business; the system owner lifts it there.',
    nb: 'Begrensningen satte flagg på hele oppføringer i Visma Business; systemeieren opphever den der.',
  },
  notesAlreadyGone: {
    en: 'The restriction notes were already gone from Visma Business.',
    nb: 'Begrensningsmerknadene var allerede fjernet fra Visma Business.',
  },
  nothingToChange: { en: 'Nothing to change in Visma Business.', nb: 'Ingenting å endre i Visma Business.' },
} satisfies Record<string, SummaryText>;

/** Which Visma record a line is about; the numbers are Visma's own. */
export const VISMA_LABELS = {
  customer: (no: number): SummaryText => ({ en: `customer ${no}`, nb: `kunde ${no}` }),
  associate: (no: number): SummaryText => ({ en: `associate ${no}`, nb: `aktør ${no}` }),
  associates: (nos: readonly number[]): SummaryText => ({ en: `associate(s) ${nos.join(', ')}`, nb: `aktør ${nos.join(', ')}` }),
  contact: (no: number): SummaryText => ({ en: `contact person ${no}`, nb: `kontaktperson ${no}` }),
  order: (no: number): SummaryText => ({ en: `order ${no}`, nb: `ordre ${no}` }),
  voucher: (no: string | number): SummaryText => ({ en: `voucher ${no}`, nb: `bilag ${no}` }),
};

/** One thing done or left in Visma Business, as an item of a summary's list. */
export const VISMA_STEPS = {
  contactDeleted: (no: number): SummaryText => ({ en: `contact person ${no} deleted`, nb: `kontaktperson ${no} slettet` }),
  customerDeleted: (label: SummaryText, contacts: number): SummaryText => ({
    en: `${label.en} deleted${contacts ? ` with ${counted(contacts, 'contact person', 'contact persons')}` : ''}`,
    nb: `${label.nb} slettet${contacts ? ` med ${counted(contacts, 'kontaktperson', 'kontaktpersoner')}` : ''}`,
  }),
  deleted: (label: SummaryText): SummaryText => ({ en: `${label.en} deleted`, nb: `${label.nb} slettet` }),
  orderDeleted: (no: number, why?: 'past-limit' | 'not-invoiced'): SummaryText => ({
    en: `order ${no} deleted${why === 'past-limit' ? ' (past its limit)' : why === 'not-invoiced' ? ' (not invoiced)' : ''}`,
    nb: `ordre ${no} slettet${why === 'past-limit' ? ' (oppbevaringstiden er ute)' : why === 'not-invoiced' ? ' (ikke fakturert)' : ''}`,
  }),
  voucherDeleted: (no: string | number): SummaryText => ({ en: `voucher ${no} deleted`, nb: `bilag ${no} slettet` }),
  /** Visma's own refusal is quoted as it gave it. */
  refused: (label: SummaryText, vismaMessage: string): SummaryText => ({
    en: `Visma refused to delete ${label.en} (${vismaMessage})`,
    nb: `Visma nektet å slette ${label.nb} (${vismaMessage})`,
  }),
  refusedBlanked: (label: SummaryText, vismaMessage: string): SummaryText => ({
    en: `Visma refused to delete ${label.en} (${vismaMessage}); its e-mail and phone numbers were blanked`,
    nb: `Visma nektet å slette ${label.nb} (${vismaMessage}); e-postadressen og telefonnumrene ble tømt`,
  }),
  refusedBlankedDecide: (label: SummaryText, vismaMessage: string): SummaryText => ({
    en: `Visma refused to delete ${label.en} (${vismaMessage}); its e-mail and phone numbers were blanked and a person must decide what else to do`,
    nb: `Visma nektet å slette ${label.nb} (${vismaMessage}); e-postadressen og telefonnumrene ble tømt, og en person må avgjøre hva mer som skal gjøres`,
  }),
  openBalance: (label: SummaryText): SummaryText => ({
    en: `${label.en} has an open balance in the customer ledger; settle or write it off in Visma, then erase again`,
    nb: `${label.nb} har en åpen saldo i kundereskontroen; gjør den opp eller avskriv den i Visma, og slett deretter på nytt`,
  }),
  blankedOn: (label: SummaryText): SummaryText => ({
    en: `e-mail address, phone and mobile phone on ${label.en}`,
    nb: `e-postadresse, telefon og mobiltelefon på ${label.nb}`,
  }),
  blankedOfContact: (no: number): SummaryText => ({
    en: `e-mail address, phone and mobile phone of contact person ${no}`,
    nb: `e-postadresse, telefon og mobiltelefon for kontaktperson ${no}`,
  }),
  keptBlanked: (label: SummaryText): SummaryText => ({
    en: `${label.en} kept with e-mail and phone numbers blanked`,
    nb: `${label.nb} beholdt med e-postadresse og telefonnumre tømt`,
  }),
  gone: (refs: readonly string[]): SummaryText => ({
    en: `not in Visma Business any more (nothing done): ${refs.join(', ')}`,
    nb: `finnes ikke lenger i Visma Business (ingenting gjort): ${refs.join(', ')}`,
  }),
  cannotChangeVoucher: (no: string | number, action: PlanAction): SummaryText => ({
    en: `voucher ${no} cannot be ${action === 'restrict' ? 'restricted' : 'corrected'} (keep it restricted instead)`,
    nb: `bilag ${no} kan ikke ${action === 'restrict' ? 'begrenses' : 'rettes'} (behold det begrenset i stedet)`,
  }),
  cannotChangeOrder: (no: number, action: PlanAction): SummaryText => ({
    en: `order ${no} cannot be ${action === 'restrict' ? 'restricted' : 'corrected'} here (orders are kept or erased; correct an open order in Visma)`,
    nb: `ordre ${no} kan ikke ${action === 'restrict' ? 'begrenses' : 'rettes'} her (ordrer beholdes eller slettes; rett en åpen ordre i Visma)`,
  }),
  markRestricted: (label: SummaryText): SummaryText => ({
    en: `${label.en} is kept restricted: mark it restricted in Visma Business (name the field as connection.restrictionFlagField to automate this)`,
    nb: `${label.nb} beholdes begrenset: merk den som begrenset i Visma Business (oppgi feltet som connection.restrictionFlagField for å gjøre dette automatisk)`,
  }),
  noteContested: (label: SummaryText, fields: readonly string[]): SummaryText => ({
    en: `note on ${label.en} that ${fieldsIn(fields, 'en')} is contested and restricted (Art 18(1)(a)), nothing else`,
    nb: `skriv en merknad på ${label.nb} om at ${fieldsIn(fields, 'nb')} er bestridt og begrenset (art. 18 nr. 1 bokstav a), ikke noe annet`,
  }),
  notedContested: (label: SummaryText, fields: readonly string[]): SummaryText => ({
    en: `${fieldsIn(fields, 'en')} noted as contested and restricted on ${label.en}`,
    nb: `${fieldsIn(fields, 'nb')} merket som bestridt og begrenset på ${label.nb}`,
  }),
  restrictByHand: (label: SummaryText): SummaryText => ({
    en: `restrict ${label.en} in the field your company uses for it (connection.restrictionFlagField automates this)`,
    nb: `begrens ${label.nb} i feltet virksomheten bruker til det (connection.restrictionFlagField gjør dette automatisk)`,
  }),
  flaggedRestricted: (label: SummaryText): SummaryText => ({ en: `${label.en} flagged restricted`, nb: `${label.nb} flagget som begrenset` }),
  corrected: (label: SummaryText, fields: readonly string[]): SummaryText => ({
    en: `${label.en} corrected (${fieldsIn(fields, 'en')})`,
    nb: `${label.nb} rettet (${fieldsIn(fields, 'nb')})`,
  }),
  unmappedFields: (fields: readonly string[]): SummaryText => ({
    en: `these fields have no Visma mapping: ${fieldsIn(fields, 'en')}`,
    nb: `disse feltene har ingen kobling i Visma: ${fieldsIn(fields, 'nb')}`,
  }),
  contactWithoutNoteField: (no: number): SummaryText => ({
    en: `contact person ${no} holds a contested field and has no note field the connector knows`,
    nb: `kontaktperson ${no} har et bestridt felt og ikke noe merknadsfelt koblingen kjenner`,
  }),
};

/** The engine's own English in a hold's words, in Norwegian; the data map's words stay as written. */
const HOLD_WORDS_NB: ReadonlyArray<[string, string]> = [
  ['invoices and customer ledger entries', 'fakturaer og reskontroposter'],
  ['GDPR art. 6(1)(c) and 17(3)(b)', 'personvernforordningen art. 6 nr. 1 bokstav c og art. 17 nr. 3 bokstav b'],
  ['(5-year rule)', '(femårsregelen)'],
  ['financial year', 'regnskapsår'],
];
const holdWordsNb = (text: string) => HOLD_WORDS_NB.reduce((words, [en, nb]) => words.replaceAll(en, nb), text);

/** Whole outcome summaries built from what a run did and left. */
export const VISMA_OUTCOMES = {
  deleted: (items: readonly SummaryText[]): SummaryText => ({
    en: `Deleted from Visma Business: ${items.map((item) => item.en).join('; ')}.`,
    nb: `Slettet fra Visma Business: ${items.map((item) => item.nb).join('; ')}.`,
  }),
  /** A person's part first, then what was done. */
  needsPerson: (left: readonly SummaryText[], done: readonly SummaryText[]): SummaryText => ({
    en: [...left.map((item) => item.en), ...done.map((item) => `done: ${item.en}`)].join('. '),
    nb: [...left.map((item) => item.nb), ...done.map((item) => `utført: ${item.nb}`)].join('. '),
  }),
  /** `records` and `basis` are the data map's and the hold's own words. */
  keeps: (holds: ReadonlyArray<{ records: string; until: string; basis: string }>): SummaryText => ({
    en: `Visma Business keeps ${holds.map((hold) => `the ${hold.records} until ${humanDate(hold.until, 'en')} (${hold.basis})`).join('; ')}; use is restricted to bookkeeping, audit and tax control. Optional personal fields were blanked.`,
    nb: `Visma Business beholder ${holds.map((hold) => `${holdWordsNb(hold.records)} til ${humanDate(hold.until, 'nb')} (${holdWordsNb(hold.basis)})`).join('; ')}; bruken er begrenset til bokføring, revisjon og skattekontroll. Valgfrie personopplysningsfelt ble tømt.`,
  }),
  done: (items: readonly SummaryText[]): SummaryText => ({
    en: `Done in Visma Business: ${items.map((item) => item.en).join('; ')}.`,
    nb: `Utført i Visma Business: ${items.map((item) => item.nb).join('; ')}.`,
  }),
  personMust: (done: SummaryText, left: readonly SummaryText[]): SummaryText => ({
    en: `${done.en} A person must: ${left.map((item) => item.en).join('; ')}.`,
    nb: `${done.nb} En person må: ${left.map((item) => item.nb).join('; ')}.`,
  }),
  restrictRest: (done: SummaryText | undefined, left: readonly SummaryText[]): SummaryText => ({
    en: `${done ? `${done.en}. ` : ''}A person must restrict the rest in Visma Business: ${left.map((item) => item.en).join('; ')}.`,
    nb: `${done ? `${done.nb}. ` : ''}En person må begrense resten i Visma Business: ${left.map((item) => item.nb).join('; ')}.`,
  }),
  noteByHand: (associates: readonly number[], fields: readonly string[]): SummaryText => ({
    en: `In Visma Business, note on ${associates.map((no) => `associate ${no}`).join(', ')} that ${fieldsIn(fields, 'en')} is contested and restricted (Art 18(1)(a)), nothing else, then record the outcome. (Name the note field as connection.annotationField in the data map to have this done automatically.)`,
    nb: `Skriv i Visma Business en merknad på ${associates.map((no) => `aktør ${no}`).join(', ')} om at ${fieldsIn(fields, 'nb')} er bestridt og begrenset (art. 18 nr. 1 bokstav a), ikke noe annet, og registrer deretter utfallet. (Oppgi merknadsfeltet som connection.annotationField i datakartet for å få dette gjort automatisk.)`,
  }),
  notedContested: (fields: readonly string[], associates: readonly number[]): SummaryText => ({
    en: `Noted ${fieldsIn(fields, 'en')} as contested and restricted on associate(s) ${associates.join(', ')} in Visma Business`,
    nb: `Merket ${fieldsIn(fields, 'nb')} som bestridt og begrenset på aktør ${associates.join(', ')} i Visma Business`,
  }),
  nothingElseFlagged: (done: SummaryText): SummaryText => ({
    en: `${done.en}; nothing else on the record(s) was flagged.`,
    nb: `${done.nb}; ingenting annet på oppføringene ble flagget.`,
  }),
  noFieldHeld: (fields: readonly string[]): SummaryText => ({
    en: `No customer record of the subject in Visma Business holds ${fieldsIn(fields, 'en')}; nothing was restricted.`,
    nb: `Ingen kundeoppføring for den registrerte i Visma Business har ${fieldsIn(fields, 'nb')}; ingenting ble begrenset.`,
  }),
  notesRemoved: (associates: readonly number[]): SummaryText => ({
    en: `Removed the restriction note from associate(s) ${associates.join(', ')} in Visma Business.`,
    nb: `Fjernet begrensningsmerknaden fra aktør ${associates.join(', ')} i Visma Business.`,
  }),
  flagByHand: (scope: 'marketing' | 'processing', records: SummaryText, setting: string): SummaryText => ({
    en: `In Visma Business, ${scope === 'marketing' ? 'stop all marketing to' : 'restrict processing (storage only) of'} ${records.en}, in the field your company uses for it, then record the outcome. (Name that field as connection.${setting} in the data map to have this done automatically.)`,
    nb: `I Visma Business: ${scope === 'marketing' ? 'stopp all markedsføring til' : 'begrens behandlingen (bare lagring) av'} ${records.nb}, i feltet virksomheten bruker til det, og registrer deretter utfallet. (Oppgi feltet som connection.${setting} i datakartet for å få dette gjort automatisk.)`,
  }),
  flagsSet: (flags: readonly string[], count: number, alreadySet: boolean): SummaryText => ({
    en: `Set ${flags.join(' and ')} on ${counted(count, 'record', 'records')} in Visma Business${alreadySet ? ' (already set)' : ''}.`,
    nb: `Satte ${flags.join(' og ')} på ${counted(count, 'oppføring', 'oppføringer')} i Visma Business${alreadySet ? ' (var allerede satt)' : ''}.`,
  }),
  rectified: (updated: number, mapped: readonly string[]): SummaryText => ({
    en: `${updated ? `Updated ${counted(updated, 'record', 'records')}` : 'Already up to date'} in Visma Business (${mapped.join(', ') || 'no mapped fields'})`,
    nb: `${updated ? `Oppdaterte ${counted(updated, 'oppføring', 'oppføringer')}` : 'Allerede oppdatert'} i Visma Business (${mapped.join(', ') || 'ingen koblede felt'})`,
  }),
  rectifiedUnmapped: (applied: SummaryText, unmapped: readonly string[]): SummaryText => ({
    en: `${applied.en}. These fields have no Visma mapping and need a person: ${fieldsIn(unmapped, 'en')}.`,
    nb: `${applied.nb}. Disse feltene har ingen kobling i Visma og må tas av en person: ${fieldsIn(unmapped, 'nb')}.`,
  }),
  rectifiedRecorded: (applied: SummaryText, annotated: number, annotationField: string | undefined): SummaryText => ({
    en: `${applied.en}. Issued invoices and ledger entries were left unchanged; the correction is recorded in ${annotated ? `a dated note on ${counted(annotated, 'customer record', 'customer records')} (${annotationField})` : 'the case (no annotationField in the data map)'}.`,
    nb: `${applied.nb}. Utstedte fakturaer og reskontroposter ble ikke endret; rettingen er registrert i ${annotated ? `en datert merknad på ${counted(annotated, 'kundeoppføring', 'kundeoppføringer')} (${annotationField})` : 'saken (ingen annotationField i datakartet)'}.`,
  }),
};
