import { notePrevious, type Changes, type Outcome, type PreviousValues, type RectifyRequest, type Subject } from '../connector';
import type { AssociateRow, AssociateValue, ContactRow, ContactValue } from './visma-queries';
import type { VismaRecords } from './visma-records';
import { DispositionTally } from '../disposition-tally';
import { associateWhat } from './visma-dispositions';
import { summarised } from '../outcome-summary';
import { VISMA_OUTCOMES, VISMA_SUMMARIES } from './visma-summaries';

/** Case field names (Changes keys) → associate / contact fields. */
export const ASSOCIATE_FIELD: Record<string, keyof AssociateValue> = {
  name: 'name',
  email: 'emailAddress',
  phone: 'phone',
  mobile: 'mobilePhone',
  mobilePhone: 'mobilePhone',
  address: 'addressLine1',
  postCode: 'postCode',
  postalCode: 'postCode',
  city: 'postalArea',
  postalArea: 'postalArea',
};
export const CONTACT_FIELD: Record<string, keyof ContactValue> = {
  name: 'name',
  email: 'emailAddress',
  phone: 'phone',
  mobile: 'mobilePhone',
  mobilePhone: 'mobilePhone',
};

export interface VismaRectifyOptions {
  /** The company's own note field on the associate (connection.annotationField), if any. */
  annotationField?: string;
  request?: RectifyRequest;
  /** YYYY-MM-DD in the company's time zone, for the dated note. */
  today: string;
}

/**
 * Rectification in Business NXT: only associate and contact rows are written; issued invoices and
 * ledger entries are accounting records and are never touched (docs/legal-rules.md: annotated, not
 * overwritten). With an annotation field, each changed customer record gets a dated note naming
 * the request and the corrected fields (no values), so the correction is visible next to the
 * invoices; without one, the correction is on record only in the case.
 */
export async function rectifyInVisma(records: VismaRecords, subject: Subject, changes: Changes, options: VismaRectifyOptions): Promise<Outcome> {
  const unmapped = Object.keys(changes).filter((key) => !(key in ASSOCIATE_FIELD));
  const associateValue = mapValue(changes, ASSOCIATE_FIELD) as AssociateValue;
  const contactValue = mapValue(changes, CONTACT_FIELD) as ContactValue;
  let { associates, contacts } = await records.subjectRecords(subject);
  if (!associates.length && !contacts.length) {
    // A repeat after the e-mail/phone itself was corrected: accept records that already hold every
    // change, among the same records only (the case's record list still applies).
    const corrected = await records.subjectRecords({ email: changes.email, phone: changes.phone ?? changes.mobile, onlyRecords: subject.onlyRecords });
    associates = corrected.associates.filter((row) => differences(row, associateValue).length === 0);
    contacts = corrected.contacts.filter((row) => differences(row, contactValue).length === 0);
    if (!associates.length && !contacts.length) {
      return {
        status: 'not_found',
        ...summarised(VISMA_SUMMARIES.noMatch),
        dispositions: [{ kind: 'not_held', reason: 'not_found' }],
      };
    }
  }
  const previous: PreviousValues = {};
  const corrected = new DispositionTally();
  const note = noteLine(changes, options);
  let updated = 0;
  let annotated = 0;
  for (const contact of contacts) {
    const fields = differences(contact, contactValue);
    if (!fields.length) continue;
    keepPrevious(previous, contact, changes, CONTACT_FIELD, fields);
    noteCorrected(corrected, 'contact-person', contact, changes, CONTACT_FIELD, fields);
    updated += await records.updateContact(contact.contactNo, pick(contactValue, fields));
  }
  for (const associate of associates) {
    const fields = differences(associate, associateValue);
    if (!fields.length) continue;
    keepPrevious(previous, associate, changes, ASSOCIATE_FIELD, fields);
    // The dated note written beside the invoices records the correction; it corrects no data itself.
    noteCorrected(corrected, associateWhat(associate), associate, changes, ASSOCIATE_FIELD, fields);
    const value: AssociateValue = pick(associateValue, fields);
    if (note && options.annotationField) {
      const existing = typeof associate[options.annotationField] === 'string' ? (associate[options.annotationField] as string) : '';
      value[options.annotationField] = existing ? `${existing}\n${note}` : note;
      annotated++;
    }
    updated += await records.updateAssociate(associate.associateNo, value);
  }
  const applied = VISMA_OUTCOMES.rectified(updated, Object.keys(associateValue));
  if (unmapped.length) return { status: 'manual', ...summarised(VISMA_OUTCOMES.rectifiedUnmapped(applied, unmapped)) };
  return {
    status: 'done',
    ...summarised(VISMA_OUTCOMES.rectifiedRecorded(applied, annotated, options.annotationField)),
    details: { updatedRecords: updated, previous, correctionNote: annotated ? 'customer-record' : 'case', annotatedRecords: annotated },
    dispositions: corrected.list(),
  };
}

/** "2026-11-22: corrected at the data subject's request (DSR-…): name, address" — fields only, no values. */
function noteLine(changes: Changes, options: VismaRectifyOptions): string | null {
  if (!options.annotationField || !options.request) return null;
  const fields = Object.keys(changes).filter((key) => key in ASSOCIATE_FIELD);
  return `${options.today}: corrected at the data subject's request (${options.request.reference}): ${fields.join(', ')}`;
}

function keepPrevious(previous: PreviousValues, row: AssociateRow | ContactRow, changes: Changes, map: Record<string, string>, fields: string[]): void {
  for (const key of Object.keys(changes)) {
    if (map[key] && fields.includes(map[key])) notePrevious(previous, key, (row as Record<string, unknown>)[map[key]]);
  }
}

/** One corrected disposition per case field whose value really changed on this record. */
function noteCorrected(
  corrected: DispositionTally,
  what: string,
  row: AssociateRow | ContactRow,
  changes: Changes,
  map: Record<string, string>,
  fields: string[],
): void {
  for (const [key, value] of Object.entries(changes)) {
    if (map[key] && fields.includes(map[key])) corrected.corrected(what, key, (row as Record<string, unknown>)[map[key]], value);
  }
}

function mapValue(changes: Changes, fields: Record<string, string>): Record<string, string> {
  const value: Record<string, string> = {};
  for (const [key, newValue] of Object.entries(changes)) if (fields[key]) value[fields[key]] = newValue;
  return value;
}

/** The fields of `value` that `row` does not already hold. */
export function differences(row: AssociateRow | ContactRow, value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((field) => (row as unknown as Record<string, unknown>)[field] !== value[field]);
}

function pick<T extends object>(value: T, fields: string[]): T {
  return Object.fromEntries(Object.entries(value).filter(([field]) => fields.includes(field))) as T;
}
