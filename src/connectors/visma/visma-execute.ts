import type { Disposition } from '../../common/dispositions/disposition';
import {
  notePrevious,
  type KeepDecision,
  type Outcome,
  type PlanItem,
  type PlanRequest,
  type PreviousValues,
  type RetainedRecords,
  type Subject,
  type SummaryText,
} from '../connector';
import { ConnectorError } from '../connector-errors';
import { DispositionTally } from '../disposition-tally';
import { associateWhat, CONTACT_DETAILS, restrictionHow } from './visma-dispositions';
import { addNote, fieldRestrictionHow, restrictionNote, type FieldRestriction } from './visma-field-restriction';
import { linesOf } from './visma-orders';
import { associateRef, contactRef, voucherRef, entriesOf, orderRef, type VismaSnapshot } from './visma-plan';
import type { AssociateRow, AssociateValue, ContactRow, CustomerTransactionRow, OrderRow } from './visma-queries';
import type { VismaRecords } from './visma-records';
import { ASSOCIATE_FIELD, CONTACT_FIELD, differences } from './visma-rectify';
import { LEDGER_RECORDS } from './visma-retention';
import type { VismaSettings } from './visma-settings';
import { readVismaSnapshot } from './visma-survey';
import { VISMA_LABELS, VISMA_OUTCOMES, VISMA_STEPS, VISMA_SUMMARIES } from './visma-summaries';
import { summarised } from '../outcome-summary';

/** The optional personal fields blanked on a record kept minimal (as erasure does). */
const BLANKED = { emailAddress: '', phone: '', mobilePhone: '' } as const;

type Target =
  | { kind: 'associate'; row: AssociateRow }
  | { kind: 'contact'; row: ContactRow }
  | { kind: 'voucher'; row: CustomerTransactionRow; owner: AssociateRow }
  | { kind: 'order'; row: OrderRow; owner: AssociateRow; lines: number };

/** A card or contact person: what the writes of keep, restrict and rectify apply to. */
type PersonTarget = Extract<Target, { kind: 'associate' | 'contact' }>;

interface Run {
  records: VismaRecords;
  request: PlanRequest;
  settings: Pick<VismaSettings, 'flags' | 'annotationField'>;
  tally: DispositionTally;
  done: SummaryText[];
  /** What a person must do: a write Visma refused, or a setting the data map lacks. */
  left: SummaryText[];
  fieldRestrictions: FieldRestriction[];
  retained: RetainedRecords[];
  previous: PreviousValues;
}

/**
 * Does exactly the approved plan in Business NXT: every item, nothing else. Vouchers go first,
 * then restrictions and corrections, and the writes that remove the subject's lookup keys (blanking
 * or deleting cards and contact persons) last, so a retry after a failure still finds what is
 * left; a repeat finds the erased records gone and writes nothing twice.
 */
export async function executeVismaPlan(
  records: VismaRecords,
  subject: Subject,
  request: PlanRequest,
  items: PlanItem[],
  settings: Pick<VismaSettings, 'flags' | 'annotationField'>,
): Promise<Outcome> {
  const targets = indexTargets(await readVismaSnapshot(records, subject));
  const run: Run = { records, request, settings, tally: new DispositionTally(), done: [], left: [], fieldRestrictions: [], retained: [], previous: {} };
  const gone: string[] = [];
  const resolved = items.flatMap((item) => {
    const target = targets.get(item.ref);
    if (!target) gone.push(item.ref);
    return target ? [{ item, target }] : [];
  });
  const phase = (target: Target, item: PlanItem) =>
    target.kind === 'voucher' || target.kind === 'order' ? 0 : item.action === 'keep' || item.action === 'erase' ? (target.kind === 'contact' ? 2 : 3) : 1;
  for (const { item, target } of resolved.sort((a, b) => phase(a.target, a.item) - phase(b.target, b.item))) {
    await act(run, item, target);
  }
  if (gone.length) run.done.push(VISMA_STEPS.gone(gone));
  return outcome(run);
}

function indexTargets(snapshot: VismaSnapshot): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const row of snapshot.associates) {
    targets.set(associateRef(row.associateNo), { kind: 'associate', row });
    // Only the subject's own ledger: a contact person's company's vouchers are not the person's.
    for (const entry of entriesOf(snapshot.ledger, row.customerNo)) targets.set(voucherRef(entry), { kind: 'voucher', row: entry, owner: row });
    for (const order of snapshot.orders.filter((candidate) => row.customerNo > 0 && candidate.customerNo === row.customerNo)) {
      targets.set(orderRef(order.orderNo), { kind: 'order', row: order, owner: row, lines: linesOf(snapshot.orderLines, order.orderNo).length });
    }
  }
  for (const row of [...snapshot.contacts, ...snapshot.directContacts]) targets.set(contactRef(row.contactNo), { kind: 'contact', row });
  return targets;
}

async function act(run: Run, item: PlanItem, target: Target): Promise<void> {
  if (item.action === 'none') return;
  if (target.kind === 'voucher') return actOnVoucher(run, item, target.row, target.owner);
  if (target.kind === 'order') return actOnOrder(run, item, target);
  if (item.action === 'erase') return erase(run, target);
  if (item.action === 'keep') return keepMinimal(run, target, item.keep);
  if (item.action === 'restrict') return restrict(run, target, item.fields);
  return rectify(run, target, item.fields);
}

async function actOnVoucher(run: Run, item: PlanItem, entry: CustomerTransactionRow, owner: AssociateRow): Promise<void> {
  if (item.action === 'keep') {
    if (item.keep) {
      run.tally.add(kept('ledger-entry', item.keep));
      if (item.keep.until) holdFor(run, item.keep, owner);
    }
    return;
  }
  if (item.action !== 'erase') {
    // Issued vouchers are accounting records: never changed, only kept or erased.
    run.left.push(VISMA_STEPS.cannotChangeVoucher(entry.voucherNo, item.action));
    return;
  }
  try {
    const deleted = await run.records.deleteTransaction(entry.customerNo, entry.voucherNo);
    run.tally.add({ kind: 'erased', what: 'ledger-entry' }, deleted ? 1 : 0);
    run.done.push(VISMA_STEPS.voucherDeleted(entry.voucherNo));
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.retryable) throw error;
    run.left.push(VISMA_STEPS.refused(VISMA_LABELS.voucher(entry.voucherNo), error.message));
  }
}

/** An order is kept (invoiced, within its hold) or deleted with its lines; never changed. */
async function actOnOrder(run: Run, item: PlanItem, target: Extract<Target, { kind: 'order' }>): Promise<void> {
  const orderNo = target.row.orderNo;
  if (item.action === 'keep') {
    if (item.keep) {
      run.tally.add(kept('order', item.keep));
      run.tally.add(kept('order-line', item.keep), target.lines);
      if (item.keep.until) holdFor(run, item.keep, target.owner);
    }
    return;
  }
  if (item.action !== 'erase') {
    run.left.push(VISMA_STEPS.cannotChangeOrder(orderNo, item.action));
    return;
  }
  try {
    const deleted = await run.records.deleteOrder(orderNo);
    run.tally.add({ kind: 'erased', what: 'order' }, deleted.orders);
    run.tally.add({ kind: 'erased', what: 'order-line' }, deleted.lines);
    run.done.push(VISMA_STEPS.orderDeleted(orderNo));
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.retryable) throw error;
    run.left.push(VISMA_STEPS.refused(VISMA_LABELS.order(orderNo), error.message));
  }
}

async function erase(run: Run, target: PersonTarget): Promise<void> {
  if (target.kind === 'contact') {
    const deleted = await run.records.deleteContact(target.row.contactNo);
    run.tally.add({ kind: 'erased', what: 'contact-person' }, deleted);
    run.done.push(VISMA_STEPS.contactDeleted(target.row.contactNo));
    return;
  }
  try {
    const deleted = await run.records.deleteAssociate(target.row.associateNo);
    run.tally.add({ kind: 'erased', what: associateWhat(target.row) }, deleted);
    run.done.push(VISMA_STEPS.deleted(VISMA_LABELS.associate(target.row.associateNo)));
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.retryable) throw error;
    // Visma's own rule refused (e.g. appointments or entries the plan did not list): blank and hand over.
    await run.records.updateAssociate(target.row.associateNo, { ...BLANKED });
    run.left.push(VISMA_STEPS.refusedBlanked(VISMA_LABELS.associate(target.row.associateNo), error.message));
  }
}

/** Kept minimal: e-mail and phones blanked, the name (and a card's number and address) stay; with
 *  `restrict`, the company's restriction flag is set on this one record when the data map names it. */
async function keepMinimal(run: Run, target: PersonTarget, keep: KeepDecision | undefined): Promise<void> {
  const flag = keep?.restrict && run.settings.flags.restriction ? { [run.settings.flags.restriction]: true } : {};
  const row = target.row;
  const blank = !row.emailAddress && !row.phone && !row.mobilePhone;
  if (!blank || differences(row, flag).length) {
    if (target.kind === 'associate') await run.records.updateAssociate(target.row.associateNo, { ...BLANKED, ...flag });
    else await run.records.updateContact(target.row.contactNo, { ...BLANKED, ...flag });
  }
  if (!blank) run.tally.add({ kind: 'erased', what: CONTACT_DETAILS });
  const what = target.kind === 'associate' ? associateWhat(target.row) : 'contact-person';
  if (keep) run.tally.add(kept(what, keep));
  if (keep?.restrict && !run.settings.flags.restriction) {
    run.left.push(VISMA_STEPS.markRestricted(label(target)));
  }
  run.done.push(VISMA_STEPS.keptBlanked(label(target)));
}

async function restrict(run: Run, target: PersonTarget, fields: string[] | undefined): Promise<void> {
  const what = target.kind === 'associate' ? associateWhat(target.row) : 'contact-person';
  if (fields?.length) {
    const noteField = run.settings.annotationField;
    if (target.kind !== 'associate' || !noteField) {
      run.left.push(VISMA_STEPS.noteContested(label(target), fields));
      return;
    }
    const note = restrictionNote(run.request.reference, fields);
    await addNote(run.records, target.row, noteField, note);
    run.fieldRestrictions.push({ note, noteField, associateNos: [target.row.associateNo] });
    run.tally.add({ kind: 'restricted', what, how: fieldRestrictionHow(fields) });
    run.done.push(VISMA_STEPS.notedContested(label(target), fields));
    return;
  }
  const { marketing, restriction } = run.settings.flags;
  if (!restriction) {
    run.left.push(VISMA_STEPS.restrictByHand(label(target)));
    return;
  }
  const flags = Object.fromEntries([marketing, restriction].filter((field): field is string => !!field).map((field) => [field, true]));
  if (differences(target.row, flags).length) {
    if (target.kind === 'associate') await run.records.updateAssociate(target.row.associateNo, flags);
    else await run.records.updateContact(target.row.contactNo, flags);
  }
  run.tally.add({ kind: 'restricted', what, how: restrictionHow(Object.keys(flags), 'processing') });
  run.done.push(VISMA_STEPS.flaggedRestricted(label(target)));
}

/** Only the item's fields (all the request's changes when it names none); invoices never change. */
async function rectify(run: Run, target: PersonTarget, fields: string[] | undefined): Promise<void> {
  const map: Record<string, string> = target.kind === 'associate' ? ASSOCIATE_FIELD : CONTACT_FIELD;
  const changes = Object.entries(run.request.changes ?? {}).filter(([field]) => map[field] && (!fields?.length || fields.includes(field)));
  const value: AssociateValue = Object.fromEntries(changes.map(([field, newValue]) => [map[field], newValue]));
  const changed = differences(target.row, value);
  if (!changed.length) return;
  const what = target.kind === 'associate' ? associateWhat(target.row) : 'contact-person';
  for (const [field, newValue] of changes) {
    if (!changed.includes(map[field])) continue;
    const old = (target.row as Record<string, unknown>)[map[field]];
    notePrevious(run.previous, field, old);
    run.tally.corrected(what, field, old, newValue);
  }
  const update = Object.fromEntries(changed.map((column) => [column, value[column]]));
  if (target.kind === 'associate') await run.records.updateAssociate(target.row.associateNo, update);
  else await run.records.updateContact(target.row.contactNo, update);
  run.done.push(
    VISMA_STEPS.corrected(
      label(target),
      changes.map(([field]) => field),
    ),
  );
}

function kept(what: string, keep: KeepDecision): Disposition {
  return {
    kind: 'kept',
    what,
    basis: keep.basis,
    ...(keep.law ? { law: keep.law } : {}),
    ...(keep.claim ? { claim: keep.claim } : {}),
    ...(keep.until ? { until: keep.until } : { criterion: keep.criterion ?? 'until the reason to keep it has ended' }),
    allowedUse: keep.allowedUse,
  };
}

/** One hold per (law, until), naming the customer kept with it, so the engine erases it when it ends. */
function holdFor(run: Run, keep: KeepDecision, owner: AssociateRow): void {
  const basis = `GDPR art. 6(1)(c) and 17(3)(b), ${keep.law ?? keep.basis}`;
  const known = run.retained.find((hold) => hold.basis === basis && hold.until === keep.until);
  if (known) {
    const ids = known.externalIds as { associateNos: number[]; contactNos: number[] };
    if (!ids.associateNos.includes(owner.associateNo)) ids.associateNos.push(owner.associateNo);
    return;
  }
  run.retained.push({ records: LEDGER_RECORDS, basis, until: keep.until!, externalIds: { associateNos: [owner.associateNo], contactNos: [] } });
}

function outcome(run: Run): Outcome {
  const details = {
    ...(run.fieldRestrictions.length ? { fieldRestrictions: run.fieldRestrictions } : {}),
    ...(Object.keys(run.previous).length ? { previous: run.previous } : {}),
  };
  const done = run.done.length ? VISMA_OUTCOMES.done(run.done) : VISMA_SUMMARIES.nothingToChange;
  if (run.left.length) return { status: 'manual', ...summarised(VISMA_OUTCOMES.personMust(done, run.left)) };
  const dispositions = run.tally.list();
  if (run.retained.length) {
    return { status: 'retained', ...summarised(done), retained: run.retained, erased: run.done.map((item) => item.en), details, dispositions };
  }
  return { status: 'done', ...summarised(done), details, dispositions };
}

function label(target: PersonTarget): SummaryText {
  if (target.kind === 'contact') return VISMA_LABELS.contact(target.row.contactNo);
  return target.row.customerNo > 0 ? VISMA_LABELS.customer(target.row.customerNo) : VISMA_LABELS.associate(target.row.associateNo);
}
