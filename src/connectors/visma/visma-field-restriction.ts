import { fieldWord } from '../../common/dispositions/record-words';
import type { Outcome, Subject } from '../connector';
import { DispositionTally } from '../disposition-tally';
import { associateWhat } from './visma-dispositions';
import type { AssociateRow, ContactRow } from './visma-queries';
import type { VismaRecords } from './visma-records';
import { ASSOCIATE_FIELD, CONTACT_FIELD } from './visma-rectify';
import { summarised } from '../outcome-summary';
import { VISMA_OUTCOMES, VISMA_STEPS, VISMA_SUMMARIES } from './visma-summaries';

/**
 * Restriction of contested fields (Art 18(1)(a)): the person contests e.g. their phone number, so
 * only that is restricted while its accuracy is checked. Business NXT has no per-field lock, so
 * the connector writes one line in the company's note field on the one customer record that holds
 * the field, naming the case and the field; nothing else on the card is flagged or blocked. The
 * outcome records which records got which line, so the lift removes exactly that line.
 */

/** What the outcome stores for the lift (`details.fieldRestriction`), and nothing personal. */
export interface FieldRestriction {
  /** The line written, e.g. "DSR DSR-2026-00042: phone contested, restricted (Art 18(1)(a))". */
  note: string;
  /** The company's note field it was written to (connection.annotationField). */
  noteField: string;
  associateNos: number[];
}

/** The one line a per-field restriction writes; the lift looks for exactly this line. */
export function restrictionNote(reference: string, fields: string[]): string {
  return `DSR ${reference}: ${fields.join(', ')} contested, restricted (Art 18(1)(a))`;
}

/** How the person is told the field is restricted, in plain words (English, as every `how`). */
export function fieldRestrictionHow(fields: string[]): string {
  const words = fields.map((field) => fieldWord(field, 'en')).join(' and ');
  return `${words} marked as contested in a note on this record in Visma Business: not used until its accuracy is settled; the rest of the record is not restricted`;
}

/** The case fields of `fields` that this associate or contact person holds a value for. */
export function fieldsHeld(row: AssociateRow | ContactRow, fields: string[], kind: 'associate' | 'contact'): string[] {
  const map = kind === 'associate' ? ASSOCIATE_FIELD : CONTACT_FIELD;
  return fields.filter((field) => {
    const column = map[field];
    const value = column ? (row as Record<string, unknown>)[column] : undefined;
    return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
  });
}

/** Appends `note` to the record's note field unless the line is already there (a repeat writes nothing). */
export async function addNote(records: VismaRecords, associate: AssociateRow, noteField: string, note: string): Promise<boolean> {
  const lines = noteLines(associate[noteField]);
  if (lines.includes(note)) return false;
  await records.updateAssociate(associate.associateNo, { [noteField]: [...lines, note].join('\n') });
  return true;
}

/** Removes exactly `note` from the record's note field; the company's other notes stay as they were. */
export async function removeNote(records: VismaRecords, associate: AssociateRow, noteField: string, note: string): Promise<boolean> {
  const lines = noteLines(associate[noteField]);
  if (!lines.includes(note)) return false;
  await records.updateAssociate(associate.associateNo, { [noteField]: lines.filter((line) => line !== note).join('\n') });
  return true;
}

function noteLines(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split('\n') : [];
}

/**
 * The restrict task with contested fields (no plan): the note on every customer record of the
 * subject that holds one of the fields. A field Visma has no mapping for, or a contact person who
 * holds the field (the contact table has no note field the connector knows), is left to a person.
 */
export async function restrictFieldsInVisma(
  records: VismaRecords,
  subject: Subject,
  fields: string[],
  reference: string,
  noteField: string | undefined,
): Promise<Outcome> {
  const { associates, contacts } = await records.subjectRecords(subject);
  if (!associates.length && !contacts.length) {
    return {
      status: 'not_found',
      ...summarised(VISMA_SUMMARIES.noMatch),
      dispositions: [{ kind: 'not_held', reason: 'not_found' }],
    };
  }
  const unmapped = fields.filter((field) => !(field in ASSOCIATE_FIELD));
  const holders = associates.map((row) => ({ row, held: fieldsHeld(row, fields, 'associate') })).filter((item) => item.held.length);
  const contactHolders = contacts.filter((row) => fieldsHeld(row, fields, 'contact').length);
  if (!noteField && holders.length) {
    return {
      status: 'manual',
      ...summarised(
        VISMA_OUTCOMES.noteByHand(
          holders.map(({ row }) => row.associateNo),
          fields,
        ),
      ),
    };
  }
  const restricted = new DispositionTally();
  const written: number[] = [];
  for (const { row, held } of holders) {
    const note = restrictionNote(reference, held);
    await addNote(records, row, noteField!, note);
    written.push(row.associateNo);
    restricted.add({ kind: 'restricted', what: associateWhat(row), how: fieldRestrictionHow(held) });
  }
  const done = written.length ? VISMA_OUTCOMES.notedContested(fields, written) : undefined;
  const left = [
    ...(unmapped.length ? [VISMA_STEPS.unmappedFields(unmapped)] : []),
    ...contactHolders.map((row) => VISMA_STEPS.contactWithoutNoteField(row.contactNo)),
  ];
  if (left.length) return { status: 'manual', ...summarised(VISMA_OUTCOMES.restrictRest(done, left)) };
  if (!done) {
    return {
      status: 'not_found',
      ...summarised(VISMA_OUTCOMES.noFieldHeld(fields)),
      dispositions: [{ kind: 'not_held', reason: 'not_found' }],
    };
  }
  // One line per record: the lift needs each record's own line (it names only the fields that record holds).
  const restrictions: FieldRestriction[] = holders.map(({ row, held }) => ({
    note: restrictionNote(reference, held),
    noteField: noteField!,
    associateNos: [row.associateNo],
  }));
  return {
    status: 'done',
    ...summarised(VISMA_OUTCOMES.nothingElseFlagged(done)),
    details: { fieldRestrictions: restrictions },
    dispositions: restricted.list(),
  };
}

/** Lifts per-field restrictions by the lines the outcome recorded: removes each line, and only it. */
export async function liftFieldRestrictionsInVisma(records: VismaRecords, restrictions: FieldRestriction[]): Promise<Outcome> {
  const removed: number[] = [];
  let found = 0;
  for (const restriction of restrictions) {
    for (const associate of await records.associatesByNo(restriction.associateNos)) {
      found++;
      if (await removeNote(records, associate, restriction.noteField, restriction.note)) removed.push(associate.associateNo);
    }
  }
  if (!found) return { status: 'not_found', ...summarised(VISMA_SUMMARIES.restrictedRecordsGone), dispositions: [] };
  return {
    status: 'done',
    ...summarised(removed.length ? VISMA_OUTCOMES.notesRemoved(removed) : VISMA_SUMMARIES.notesAlreadyGone),
    dispositions: [],
  };
}

/** The restrictions a restrict or execute outcome recorded; anything malformed is left out. */
export function recordedFieldRestrictions(details: Record<string, unknown>): FieldRestriction[] {
  const list = Array.isArray(details.fieldRestrictions) ? (details.fieldRestrictions as unknown[]) : [];
  return list.filter((item): item is FieldRestriction => {
    const value = item as Partial<FieldRestriction> | null;
    return (
      !!value &&
      typeof value.note === 'string' &&
      typeof value.noteField === 'string' &&
      Array.isArray(value.associateNos) &&
      value.associateNos.every((no) => Number.isInteger(no))
    );
  });
}
