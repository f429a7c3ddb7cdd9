import { addDays } from '../../common/iso-date';
import type { KeepDecision, PlanRequest, RetentionRules, SummaryText, SurveyedRecord } from '../connector';
import { associateWhat, BOOKKEEPING_USE, latest } from './visma-dispositions';
import { fieldsHeld } from './visma-field-restriction';
import { isInvoiced, linesOf, orderTerms, ordersOfCustomer } from './visma-orders';
import type { AssociateRow, ContactRow, CustomerTransactionRow, OrderLineRow, OrderRow } from './visma-queries';
import { ASSOCIATE_FIELD, CONTACT_FIELD } from './visma-rectify';
import { labelled, noted } from '../plan/plan-texts';
import { VISMA_PLAN } from './visma-plan-texts';
import { entryTerms, ledgerState, vismaDateToIso, type HoldTerms } from './visma-retention';

/**
 * The plan for one Visma Business company (discover, review, execute): what `survey` proposes per
 * record, from what it read. Pure, so the proposals are tested with any "today". Legal holds from
 * the data map pre-fill keep per voucher (its financial year's end + keepFor); a voucher past every
 * hold is proposed for erasure now, with the day its limit passed.
 */

/** What `survey` and `execute` read of the subject in Business NXT. */
export interface VismaSnapshot {
  /** The subject's own associates (customers and others). */
  associates: AssociateRow[];
  /** Contact persons at those associates. */
  contacts: ContactRow[];
  /** Contact persons matched by their own identifiers at a company that is not the subject's. */
  directContacts: ContactRow[];
  /** The companies of `directContacts`: their ledger decides whether the contact person must stay. */
  parents: AssociateRow[];
  /** Ledger entries of `associates` and `parents`. */
  ledger: CustomerTransactionRow[];
  /** Sales orders of `associates` (not of `parents`: a company's orders are not its contact person's). */
  orders: OrderRow[];
  orderLines: OrderLineRow[];
}

export const associateRef = (associateNo: number) => `associate:${associateNo}`;
export const contactRef = (contactNo: number) => `contact:${contactNo}`;
export const voucherRef = (entry: Pick<CustomerTransactionRow, 'customerNo' | 'voucherNo'>) => `voucher:${entry.customerNo}-${entry.voucherNo}`;
export const orderRef = (orderNo: number) => `order:${orderNo}`;

/** Case fields a rectification or per-field restriction can name on each kind of record. */
const ASSOCIATE_FIELDS = ['name', 'email', 'phone', 'mobile', 'address', 'postCode', 'city'] as const;
const CONTACT_FIELDS = ['name', 'email', 'phone', 'mobile'] as const;

export function proposeVismaPlan(snapshot: VismaSnapshot, request: PlanRequest, rules: RetentionRules, financialYearStart: string): SurveyedRecord[] {
  if (request.action === 'erase') return proposeErasure(snapshot, request.today, rules, financialYearStart);
  return [
    ...snapshot.associates.map((row) => proposeChange(request, row, 'associate', associateRef(row.associateNo), associateLabel(row))),
    ...[...snapshot.contacts, ...snapshot.directContacts].map((row) =>
      proposeChange(request, row, 'contact', contactRef(row.contactNo), VISMA_PLAN.contactAt(row.associateNo), associateRef(row.associateNo)),
    ),
  ];
}

/** Restriction: the records holding a contested field (only those fields), or every record when
 *  nothing in particular is contested. Rectification: the records whose changed fields differ. */
function proposeChange(
  request: PlanRequest,
  row: AssociateRow | ContactRow,
  kind: 'associate' | 'contact',
  ref: string,
  label: SummaryText,
  parent?: string,
): SurveyedRecord {
  const recordType = kind === 'associate' ? associateWhat(row as AssociateRow) : 'contact-person';
  const base = { ref, recordType, ...labelled(label), ...(parent ? { parent } : {}) } as const;
  const available = fieldsHeld(row, [...(kind === 'associate' ? ASSOCIATE_FIELDS : CONTACT_FIELDS)], kind);
  if (request.action === 'restrict') {
    const contested = request.contested ?? [];
    if (!contested.length) return { ...base, proposed: 'restrict', fields: available, ...noted(VISMA_PLAN.wholeRecord) };
    const held = fieldsHeld(row, contested, kind);
    return held.length
      ? {
          ...base,
          proposed: 'restrict',
          fields: held,
          ...noted(VISMA_PLAN.holdsContested(held), `holds the contested ${held.join(', ')}; nothing else on it is restricted`),
        }
      : {
          ...base,
          proposed: 'none',
          fields: available,
          ...noted(VISMA_PLAN.holdsNoneContested(contested), `holds none of the contested fields (${contested.join(', ')})`),
        };
  }
  const map: Record<string, string> = kind === 'associate' ? ASSOCIATE_FIELD : CONTACT_FIELD;
  const changed = Object.entries(request.changes ?? {})
    .filter(([field, value]) => map[field] && (row as Record<string, unknown>)[map[field]] !== value)
    .map(([field]) => field);
  return changed.length
    ? { ...base, proposed: 'rectify', fields: changed, ...noted(VISMA_PLAN.holdsOtherValues(changed), `holds ${changed.join(', ')} with another value`) }
    : { ...base, proposed: 'none', fields: available, ...noted(VISMA_PLAN.nothingToCorrect) };
}

function proposeErasure(snapshot: VismaSnapshot, today: string, rules: RetentionRules, financialYearStart: string): SurveyedRecord[] {
  const plan: SurveyedRecord[] = [];
  for (const associate of snapshot.associates) {
    const ref = associateRef(associate.associateNo);
    const entries = entriesOf(snapshot.ledger, associate.customerNo);
    const balance = Math.round(entries.reduce((sum, entry) => sum + Number(entry.amount ?? 0), 0) * 100) / 100;
    const vouchers = entries.map((entry) => proposeVoucher(entry, ref, balance, today, rules, financialYearStart));
    const orders = ordersOfCustomer(snapshot.orders, associate.customerNo).map((order) =>
      proposeOrder(order, linesOf(snapshot.orderLines, order.orderNo).length, ref, today, rules, financialYearStart),
    );
    plan.push(...vouchers, ...orders);
    const keeps = [...vouchers, ...orders].filter((item) => item.proposed === 'keep').map((item) => item.keep!);
    const card = longest(keeps);
    plan.push(
      card
        ? {
            ref,
            recordType: associateWhat(associate),
            ...labelled(associateLabel(associate)),
            proposed: 'keep',
            keep: card,
            ...noted(
              VISMA_PLAN.cardKeptMinimal(keeps.length),
              `kept minimal while ${keeps.length} kept voucher(s) and invoiced order(s) need it: e-mail and phone numbers blanked; name, customer number and address stay`,
            ),
          }
        : { ref, recordType: associateWhat(associate), ...labelled(associateLabel(associate)), proposed: 'erase', ...noted(VISMA_PLAN.cardNotNeeded) },
    );
    for (const contact of snapshot.contacts.filter((row) => row.associateNo === associate.associateNo)) {
      plan.push(proposeContact(contact, card, 'card'));
    }
  }
  for (const contact of snapshot.directContacts) {
    const parent = snapshot.parents.find((row) => row.associateNo === contact.associateNo);
    const state = parent ? ledgerState(entriesOf(snapshot.ledger, parent.customerNo), rules, today, financialYearStart) : undefined;
    const terms = state?.held ? latest(state.terms) : undefined;
    plan.push(proposeContact(contact, terms ? bookkeepingKeep(terms) : undefined, 'ledger'));
  }
  return plan;
}

function proposeVoucher(
  entry: CustomerTransactionRow,
  customerRef: string,
  balance: number,
  today: string,
  rules: RetentionRules,
  financialYearStart: string,
): SurveyedRecord {
  const date = vismaDateToIso(entry.voucherDate);
  const base = {
    ref: voucherRef(entry),
    recordType: 'ledger-entry',
    ...labelled(VISMA_PLAN.voucher(entry.voucherNo, date), `Voucher ${entry.voucherNo} · ${date}`),
    date,
    parent: customerRef,
  } as const;
  if (balance !== 0) {
    // An open balance is a claim still running, whatever the age of its vouchers.
    return {
      ...base,
      proposed: 'keep',
      keep: {
        basis: 'legal_claims',
        claim: 'open balance in the customer ledger',
        criterion: 'until the balance is settled',
        allowedUse: 'legal_claims',
        restrict: true,
      },
      ...noted(VISMA_PLAN.openBalance),
    };
  }
  const terms = latest(entryTerms([{ voucherDate: date }], rules, financialYearStart))!;
  if (terms.until >= today) {
    return {
      ...base,
      proposed: 'keep',
      keep: bookkeepingKeep(terms),
      ...noted(VISMA_PLAN.keptUntil(terms.law, terms.until), `${terms.law}: kept until ${terms.until}`),
    };
  }
  const since = addDays(terms.until, 1);
  return { ...base, proposed: 'erase', ...noted(VISMA_PLAN.pastLimit(terms.law, since), `past the limit of ${terms.law} since ${since}`) };
}

/** An invoiced order is sales documentation: kept while its hold runs, then erased; an order not
 *  invoiced is no accounting record, so it and its delivery address go. Its lines follow it. */
function proposeOrder(order: OrderRow, lines: number, customerRef: string, today: string, rules: RetentionRules, financialYearStart: string): SurveyedRecord {
  const date = vismaDateToIso(order.orderDate);
  const withLines = `${lines} line(s)`;
  const base = {
    ref: orderRef(order.orderNo),
    recordType: 'order',
    ...labelled(VISMA_PLAN.order(order.orderNo, date), `Order ${order.orderNo} · ${date}`),
    date,
    parent: customerRef,
  } as const;
  const terms = orderTerms(order, rules, financialYearStart);
  if (!terms || !isInvoiced(order)) {
    return {
      ...base,
      proposed: 'erase',
      ...noted(
        VISMA_PLAN.orderNotInvoiced(lines),
        `not invoiced, so not accounting documentation: the order with its ${withLines} and delivery address is deleted`,
      ),
    };
  }
  if (terms.until >= today) {
    return {
      ...base,
      proposed: 'keep',
      keep: bookkeepingKeep(terms),
      ...noted(
        VISMA_PLAN.orderKept(lines, terms.law, terms.until),
        `invoiced (sales documentation), with its ${withLines}; ${terms.law}: kept until ${terms.until}`,
      ),
    };
  }
  const since = addDays(terms.until, 1);
  return {
    ...base,
    proposed: 'erase',
    ...noted(VISMA_PLAN.orderPastLimit(lines, terms.law, since), `invoiced, past the limit of ${terms.law} since ${since}; deleted with its ${withLines}`),
  };
}

function proposeContact(contact: ContactRow, keep: KeepDecision | undefined, keptWith: 'card' | 'ledger'): SurveyedRecord {
  const base = {
    ref: contactRef(contact.contactNo),
    recordType: 'contact-person',
    ...labelled(VISMA_PLAN.contactAt(contact.associateNo)),
    parent: associateRef(contact.associateNo),
  } as const;
  return keep ? { ...base, proposed: 'keep', keep, ...noted(VISMA_PLAN.contactKeptMinimal(keptWith)) } : { ...base, proposed: 'erase' };
}

/** Kept under a bookkeeping hold: the law and its rule, the last day, and the one use left. */
export function bookkeepingKeep(terms: HoldTerms): KeepDecision {
  return {
    basis: 'legal_obligation',
    law: terms.law,
    until: terms.until,
    allowedUse: terms.bookkeeping ? BOOKKEEPING_USE : 'legal_obligation',
    restrict: true,
  };
}

/** The keep decision that lasts longest: an open claim (no date) outlasts any dated hold. */
function longest(keeps: KeepDecision[]): KeepDecision | undefined {
  const open = keeps.find((keep) => !keep.until);
  if (open) return open;
  return keeps.reduce<KeepDecision | undefined>((last, next) => (!last || next.until! > last.until! ? next : last), undefined);
}

function associateLabel(associate: AssociateRow): SummaryText {
  return associate.customerNo > 0 ? VISMA_PLAN.customer(associate.customerNo) : VISMA_PLAN.associate(associate.associateNo);
}

export function entriesOf(ledger: CustomerTransactionRow[], customerNo: number): CustomerTransactionRow[] {
  return customerNo > 0 ? ledger.filter((entry) => entry.customerNo === customerNo) : [];
}
