import type { RetentionRules, SummaryText } from '../connector';
import { ConnectorError } from '../connector-errors';
import type { DispositionTally } from '../disposition-tally';
import { kept, latest } from './visma-dispositions';
import type { CustomerTransactionRow, OrderLineRow, OrderRow } from './visma-queries';
import type { VismaRecords } from './visma-records';
import { VISMA_LABELS, VISMA_STEPS } from './visma-summaries';
import { entryTerms, ledgerState, vismaDateToIso, type HoldTerms, type LedgerState } from './visma-retention';

/**
 * Sales orders under bokføringsloven § 13: an invoiced order is sales documentation, kept like the
 * ledger entries (the end of its financial year + the data map's keepFor, the same hold rules and
 * wording); an order not invoiced yet is no accounting record and is erased with the customer's
 * data. The order's date stands for the year (an order is invoiced in the year it is delivered,
 * as a rule; a company that invoices later keeps it at least as long through its ledger entry).
 */

/** An order is invoiced once its head carries an invoice number. */
export function isInvoiced(order: Pick<OrderRow, 'invoiceNo'>): boolean {
  const value = order.invoiceNo;
  return value !== null && value !== undefined && String(value).trim() !== '' && String(value).trim() !== '0';
}

export function ordersOfCustomer(orders: OrderRow[], customerNo: number): OrderRow[] {
  return customerNo > 0 ? orders.filter((order) => order.customerNo === customerNo) : [];
}

export function linesOf(lines: OrderLineRow[], orderNo: number): OrderLineRow[] {
  return lines.filter((line) => line.orderNo === orderNo);
}

/** The holds over a customer's invoiced orders, as ledgerState words them for ledger entries. */
export function orderState(orders: OrderRow[], rules: RetentionRules | undefined, today: string, financialYearStart: string): LedgerState {
  const invoiced = orders.filter(isInvoiced);
  // An order has no amount on the ledger: the balance stays the ledger's to decide.
  const entries: CustomerTransactionRow[] = invoiced.map((order) => ({
    customerNo: order.customerNo,
    voucherNo: order.orderNo,
    voucherDate: order.orderDate,
    amount: 0,
  }));
  return ledgerState(entries, rules, today, financialYearStart);
}

/** The hold that keeps one invoiced order longest (ended or not), or undefined for an order not invoiced. */
export function orderTerms(order: OrderRow, rules: RetentionRules | undefined, financialYearStart: string): HoldTerms | undefined {
  if (!isInvoiced(order)) return undefined;
  return latest(entryTerms([{ voucherDate: vismaDateToIso(order.orderDate) }], rules, financialYearStart));
}

export interface OrderSettlement {
  erased: SummaryText[];
  /** What Visma refused: a person decides. */
  refused: SummaryText[];
}

/**
 * A customer's orders when the customer itself is not deleted by Visma's routine: invoiced orders
 * whose hold runs are kept (stated per hold), every other order (not invoiced, or past its limit)
 * is deleted with its lines. A refusal is left to a person.
 */
export async function settleOrders(
  records: VismaRecords,
  orders: OrderRow[],
  lines: OrderLineRow[],
  rules: RetentionRules | undefined,
  today: string,
  financialYearStart: string,
  tally: DispositionTally,
): Promise<OrderSettlement> {
  const settlement: OrderSettlement = { erased: [], refused: [] };
  for (const order of orders) {
    const terms = orderTerms(order, rules, financialYearStart);
    if (terms && terms.until >= today) {
      tally.add(kept('order', terms));
      tally.add(kept('order-line', terms), linesOf(lines, order.orderNo).length);
      continue;
    }
    try {
      const deleted = await records.deleteOrder(order.orderNo);
      tally.add({ kind: 'erased', what: 'order' }, deleted.orders);
      tally.add({ kind: 'erased', what: 'order-line' }, deleted.lines);
      settlement.erased.push(VISMA_STEPS.orderDeleted(order.orderNo, terms ? 'past-limit' : 'not-invoiced'));
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.retryable) throw error;
      settlement.refused.push(VISMA_STEPS.refused(VISMA_LABELS.order(order.orderNo), error.message));
    }
  }
  return settlement;
}

/** What Visma's deletion routine removed with the customer: its orders and their lines. */
export function erasedWithCustomer(orders: OrderRow[], lines: OrderLineRow[], tally: DispositionTally): void {
  tally.add({ kind: 'erased', what: 'order' }, orders.length);
  tally.add({ kind: 'erased', what: 'order-line' }, lines.filter((line) => orders.some((order) => order.orderNo === line.orderNo)).length);
}
