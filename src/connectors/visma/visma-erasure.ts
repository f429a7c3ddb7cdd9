import { ConnectorError } from '../connector-errors';
import type { Outcome, RetainedRecords, RetentionRules, Subject } from '../connector';
import type { AssociateRow, ContactRow, CustomerTransactionRow, OrderLineRow, OrderRow } from './visma-queries';
import type { VismaRecords } from './visma-records';
import { ledgerState, type LedgerState } from './visma-retention';
import type { VismaSettings } from './visma-settings';
import { DispositionTally } from '../disposition-tally';
import { associateWhat, CONTACT_DETAILS, kept, keptCustomer, latest } from './visma-dispositions';
import { erasedWithCustomer, orderState, ordersOfCustomer, settleOrders } from './visma-orders';
import { summarised } from '../outcome-summary';
import { VISMA_LABELS, VISMA_OUTCOMES, VISMA_STEPS, VISMA_SUMMARIES } from './visma-summaries';
import type { SummaryText } from '../connector';

/** What erasure needs from the settings: the company's flag fields, financial year and how a customer is deleted. */
export type VismaLayout = Pick<VismaSettings, 'flags' | 'financialYearStart'> & Partial<Pick<VismaSettings, 'deletion'>>;

/** The ids a hold keeps, so the erasure at its end needs no e-mail or phone (they were blanked). */
export interface VismaHeldIds {
  associateNos: number[];
  contactNos: number[];
}

/** The optional personal fields blanked when the ledger must be kept; name, customer number and
 *  address stay because issued invoices and the customer ledger need them. */
const BLANKED = { emailAddress: '', phone: '', mobilePhone: '' } as const;

interface Progress {
  erased: SummaryText[];
  holds: RetainedRecords[];
  needsPerson: SummaryText[];
  deletedAssociates: number;
  deletedContacts: number;
  blankedRecords: number;
  /** What the requester is told, per record type. */
  dispositions: DispositionTally;
}

/** The subject's customers' orders and what a decision on them needs. */
interface OrderContext {
  orders: OrderRow[];
  lines: OrderLineRow[];
  rules: RetentionRules;
  today: string;
}

/**
 * Erasure following Visma Business' own "delete customer data" rule: delete the customer when its
 * ledger allows, otherwise blank the optional personal fields and report the legal hold.
 * Writes that remove the subject's lookup keys (e-mail, phone) run last, so a retry after a
 * failure still finds what is left; a repeat after success finds nothing and deletes nothing.
 */
export async function eraseFromVisma(records: VismaRecords, subject: Subject, rules: RetentionRules, today: string, layout: VismaLayout): Promise<Outcome> {
  const found = await records.subjectRecords(subject);
  const associates = found.associates;
  const matchedNos = new Set(associates.map((associate) => associate.associateNo));
  const directContacts = found.contacts.filter((contact) => !matchedNos.has(contact.associateNo));
  if (!associates.length && !directContacts.length) {
    return {
      status: 'not_found',
      ...summarised(VISMA_SUMMARIES.noMatchToErase),
      dispositions: [{ kind: 'not_held', reason: 'not_found' }],
    };
  }
  return eraseRecords(records, associates, directContacts, rules, today, layout);
}

/** The end of a hold: the same rule, applied to the records the hold names by id. */
export async function eraseHeldInVisma(records: VismaRecords, ids: VismaHeldIds, rules: RetentionRules, today: string, layout: VismaLayout): Promise<Outcome> {
  const associates = await records.associatesByNo(ids.associateNos);
  const matchedNos = new Set(associates.map((associate) => associate.associateNo));
  const directContacts = (await records.contactsByNo(ids.contactNos)).filter((contact) => !matchedNos.has(contact.associateNo));
  if (!associates.length && !directContacts.length) {
    // Nothing for this hold to erase: another hold's erasure already took them (its outcome says so).
    return { status: 'not_found', ...summarised(VISMA_SUMMARIES.heldRecordsGone), dispositions: [] };
  }
  return eraseRecords(records, associates, directContacts, rules, today, layout);
}

async function eraseRecords(
  records: VismaRecords,
  associates: AssociateRow[],
  directContacts: ContactRow[],
  rules: RetentionRules,
  today: string,
  layout: VismaLayout,
): Promise<Outcome> {
  const matchedNos = new Set(associates.map((associate) => associate.associateNo));

  const parents = await records.associatesByNo(directContacts.map((contact) => contact.associateNo));
  const ledger = await records.transactionsOf([...associates, ...parents].map((associate) => associate.customerNo));
  const stateOf = (associate: AssociateRow | undefined): LedgerState =>
    ledgerState(associate ? entriesOf(ledger, associate.customerNo) : [], rules, today, layout.financialYearStart);
  const contactsByAssociate = groupBy(await records.contactsOf([...matchedNos]), (contact) => contact.associateNo);
  // Only the subject's own customers' orders: a contact person's company's orders are not the person's.
  const orders = await records.ordersOf(associates.map((associate) => associate.customerNo));
  const orderContext: OrderContext = { orders, lines: await records.orderLinesOf(orders.map((order) => order.orderNo)), rules, today };
  const progress: Progress = {
    erased: [],
    holds: [],
    needsPerson: [],
    deletedAssociates: 0,
    deletedContacts: 0,
    blankedRecords: 0,
    dispositions: new DispositionTally(),
  };

  for (const contact of directContacts) {
    const parent = parents.find((associate) => associate.associateNo === contact.associateNo);
    const state = stateOf(parent);
    if (state.held) {
      await blankContact(records, contact, state, progress);
      recordHold(parent as AssociateRow, state, { associateNos: [], contactNos: [contact.contactNo] }, progress);
    } else {
      const deleted = await records.deleteContact(contact.contactNo);
      progress.deletedContacts += deleted;
      progress.dispositions.add({ kind: 'erased', what: 'contact-person' }, deleted);
      progress.erased.push(VISMA_STEPS.contactDeleted(contact.contactNo));
    }
  }

  for (const associate of associates) {
    const contacts = contactsByAssociate.get(associate.associateNo) ?? [];
    const ledger = stateOf(associate);
    const own = ordersOfCustomer(orders, associate.customerNo);
    const invoiced = orderState(own, rules, today, layout.financialYearStart);
    if (ledger.held || invoiced.held)
      await keepLedgerBlankRest(records, associate, contacts, ledger, invoiced, { ...orderContext, orders: own }, layout, progress);
    else await deleteCustomer(records, associate, contacts, { ...orderContext, orders: own }, layout, progress);
  }
  return outcome(progress);
}

/** The customer's ledger or invoiced orders must be kept: orders not kept are deleted, the card and
 *  its contact persons kept minimal until the last hold over either ends. */
async function keepLedgerBlankRest(
  records: VismaRecords,
  associate: AssociateRow,
  contacts: ContactRow[],
  ledger: LedgerState,
  invoiced: LedgerState,
  orders: OrderContext,
  layout: VismaLayout,
  progress: Progress,
): Promise<void> {
  await settle(records, orders, layout, progress);
  const state: LedgerState = { ...ledger, held: true, holds: [...ledger.holds, ...invoiced.holds], terms: [...ledger.terms, ...invoiced.terms] };
  for (const contact of contacts) await blankContact(records, contact, state, progress);
  await blankAssociate(records, associate, layout, progress);
  keptCustomer(progress.dispositions, associate, ledger.terms, invoiced.terms);
  recordHold(associate, state, { associateNos: [associate.associateNo], contactNos: [] }, progress);
}

/** Keeps the invoiced orders still held, deletes the rest with their lines (a refusal → a person). */
async function settle(records: VismaRecords, orders: OrderContext, layout: VismaLayout, progress: Progress): Promise<void> {
  const settled = await settleOrders(records, orders.orders, orders.lines, orders.rules, orders.today, layout.financialYearStart, progress.dispositions);
  progress.erased.push(...settled.erased);
  progress.needsPerson.push(...settled.refused);
}

function recordHold(associate: AssociateRow, state: LedgerState, ids: VismaHeldIds, progress: Progress): void {
  if (state.holds.length) progress.holds.push(...state.holds.map((hold) => ({ ...hold, externalIds: { ...ids } })));
  else {
    // Kept only because of the open balance: the § 13 period is over, so someone must settle it.
    progress.needsPerson.push(VISMA_STEPS.openBalance(label(associate)));
  }
}

async function deleteCustomer(
  records: VismaRecords,
  associate: AssociateRow,
  contacts: ContactRow[],
  orders: OrderContext,
  layout: VismaLayout,
  progress: Progress,
): Promise<void> {
  // Visma's routine deletes the customer's orders itself; `associate_delete` would leave them.
  const byRoutine = (layout.deletion ?? 'routine') === 'routine';
  if (!byRoutine) await settle(records, orders, layout, progress);
  for (const contact of contacts) {
    const deleted = await records.deleteContact(contact.contactNo);
    progress.deletedContacts += deleted;
    progress.dispositions.add({ kind: 'erased', what: 'contact-person' }, deleted);
  }
  try {
    const deleted = await records.deleteAssociate(associate.associateNo);
    progress.deletedAssociates += deleted;
    progress.dispositions.add({ kind: 'erased', what: associateWhat(associate) }, deleted);
    if (byRoutine && deleted) erasedWithCustomer(orders.orders, orders.lines, progress.dispositions);
    progress.erased.push(VISMA_STEPS.customerDeleted(label(associate), contacts.length));
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.retryable) throw error;
    // Visma's own rule refused (e.g. appointments, budget lines, or a longer ledger hold than ours).
    await blankAssociate(records, associate, layout, progress);
    progress.needsPerson.push(VISMA_STEPS.refusedBlankedDecide(label(associate), error.message));
  }
}

/** Blanks the optional fields and sets the company's flag fields (when the data map names them):
 *  what is kept may only be used for bookkeeping. */
async function blankAssociate(records: VismaRecords, associate: AssociateRow, layout: VismaLayout, progress: Progress): Promise<void> {
  const flags = Object.fromEntries(
    [layout.flags.marketing, layout.flags.restriction].filter((field): field is string => !!field).map((field) => [field, true]),
  );
  const flagged = Object.keys(flags).every((field) => associate[field] === true);
  if (!isBlank(associate) || !flagged) {
    await records.updateAssociate(associate.associateNo, { ...BLANKED, ...flags });
    progress.blankedRecords += 1;
  }
  // Only what this run blanked was erased by it: a record that never held them says nothing.
  if (!isBlank(associate)) progress.dispositions.add({ kind: 'erased', what: CONTACT_DETAILS });
  progress.erased.push(VISMA_STEPS.blankedOn(label(associate)));
}

/** The contact person's name stays with the company customer whose ledger is kept, for as long as it is. */
async function blankContact(records: VismaRecords, contact: ContactRow, state: LedgerState, progress: Progress): Promise<void> {
  if (!isBlank(contact)) {
    await records.updateContact(contact.contactNo, { ...BLANKED });
    progress.blankedRecords += 1;
    progress.dispositions.add({ kind: 'erased', what: CONTACT_DETAILS });
  }
  const last = latest(state.terms);
  if (last) progress.dispositions.add(kept('contact-person', last));
  progress.erased.push(VISMA_STEPS.blankedOfContact(contact.contactNo));
}

function outcome(progress: Progress): Outcome {
  const details = {
    deletedAssociates: progress.deletedAssociates,
    deletedContacts: progress.deletedContacts,
    blankedRecords: progress.blankedRecords,
  };
  if (progress.needsPerson.length) {
    return { status: 'manual', ...summarised(VISMA_OUTCOMES.needsPerson(progress.needsPerson, progress.erased)) };
  }
  if (progress.holds.length) {
    const retained = mergeHolds(progress.holds);
    const last = retained.reduce((latest, next) => (next.until > latest.until ? next : latest));
    return {
      status: 'retained',
      ...summarised(VISMA_OUTCOMES.keeps(retained)),
      retained,
      erased: progress.erased.map((item) => item.en),
      details: { ...details, anonymiseAfter: last.until },
      dispositions: progress.dispositions.list(),
    };
  }
  return {
    status: 'done',
    ...summarised(VISMA_OUTCOMES.deleted(progress.erased)),
    details,
    dispositions: progress.dispositions.list(),
  };
}

/** One entry per (records, basis, until); the ids of every customer it covers go together. */
function mergeHolds(holds: RetainedRecords[]): RetainedRecords[] {
  const merged = new Map<string, RetainedRecords & { externalIds: VismaHeldIds }>();
  for (const hold of holds) {
    const key = `${hold.records}|${hold.basis}|${hold.until}`;
    const ids = hold.externalIds as unknown as VismaHeldIds;
    const known = merged.get(key);
    if (!known) merged.set(key, { ...hold, externalIds: { associateNos: [...ids.associateNos], contactNos: [...ids.contactNos] } });
    else {
      known.externalIds.associateNos = [...new Set([...known.externalIds.associateNos, ...ids.associateNos])];
      known.externalIds.contactNos = [...new Set([...known.externalIds.contactNos, ...ids.contactNos])];
    }
  }
  return [...merged.values()].map((hold) => ({ ...hold, externalIds: { ...hold.externalIds } }));
}

function isBlank(row: { emailAddress: string | null; phone: string | null; mobilePhone: string | null }): boolean {
  return !row.emailAddress && !row.phone && !row.mobilePhone;
}

function label(associate: AssociateRow): SummaryText {
  return associate.customerNo > 0 ? VISMA_LABELS.customer(associate.customerNo) : VISMA_LABELS.associate(associate.associateNo);
}

function entriesOf(ledger: CustomerTransactionRow[], customerNo: number): CustomerTransactionRow[] {
  return customerNo > 0 ? ledger.filter((entry) => entry.customerNo === customerNo) : [];
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
