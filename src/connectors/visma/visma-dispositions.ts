import type { Disposition } from '../../common/dispositions/disposition';
import type { DispositionTally } from '../disposition-tally';
import type { AssociateRow } from './visma-queries';
import type { HoldTerms } from './visma-retention';

/** What Bookkeeping Act records may still be used for (bokføringsloven § 13 only). */
export const BOOKKEEPING_USE = 'bookkeeping, audit and tax control';

/** The optional personal fields (e-mail, phones) blanked on a record that is itself kept. */
export const CONTACT_DETAILS = 'contact-details';

/** A customer (it has a customer number) or another associate (a supplier, an employee…). */
export function associateWhat(associate: Pick<AssociateRow, 'customerNo'>): 'customer' | 'associate' {
  return associate.customerNo > 0 ? 'customer' : 'associate';
}

/** What an export hands over, per record type; nothing at all → searched, not found. */
export function exportDispositions(associates: AssociateRow[], contacts: number, ledgerEntries: number, orders = 0, orderLines = 0): Disposition[] {
  const customers = associates.filter((associate) => associateWhat(associate) === 'customer').length;
  const list: Disposition[] = [];
  if (customers) list.push({ kind: 'disclosed', what: 'customer', count: customers });
  if (associates.length > customers) list.push({ kind: 'disclosed', what: 'associate', count: associates.length - customers });
  if (contacts) list.push({ kind: 'disclosed', what: 'contact-person', count: contacts });
  if (ledgerEntries) list.push({ kind: 'disclosed', what: 'ledger-entry', count: ledgerEntries });
  if (orders) list.push({ kind: 'disclosed', what: 'order', count: orders });
  if (orderLines) list.push({ kind: 'disclosed', what: 'order-line', count: orderLines });
  return list.length ? list : [{ kind: 'not_held', reason: 'not_found' }];
}

/** A kept record under a running hold: the law and its rule, until when, and the one use left. */
export function kept(what: string, terms: HoldTerms): Disposition {
  return {
    kind: 'kept',
    what,
    basis: 'legal_obligation',
    law: terms.law,
    until: terms.until,
    // Only the Bookkeeping Act limits use to bookkeeping; another law's own purpose is worded by the letter.
    allowedUse: terms.bookkeeping ? BOOKKEEPING_USE : 'legal_obligation',
  };
}

/**
 * A customer whose ledger must be kept: its ledger entries per financial year, until the hold
 * rule that keeps them longest ends (the records a hold names are all kept as ledger entries in
 * Visma), and the customer record itself (name, number and address, which the issued invoices
 * need) until the last of them, or of the holds over its invoiced orders, ends.
 */
export function keptCustomer(tally: DispositionTally, associate: AssociateRow, terms: HoldTerms[], orderTerms: HoldTerms[] = []): void {
  const byYear = new Map<string, HoldTerms[]>();
  for (const term of terms) byYear.set(term.year, [...(byYear.get(term.year) ?? []), term]);
  for (const yearTerms of byYear.values()) {
    const longest = latest(yearTerms)!;
    tally.add(kept('ledger-entry', longest), longest.entries);
  }
  // The card stays as long as the invoiced orders need it too (the orders themselves are stated per order).
  const last = latest([...terms, ...orderTerms]);
  if (last) tally.add(kept(associateWhat(associate), last));
}

/** The hold that ends last, whose terms a record kept for all of them follows. */
export function latest(terms: HoldTerms[]): HoldTerms | undefined {
  return terms.reduce<HoldTerms | undefined>((last, next) => (!last || next.until > last.until ? next : last), undefined);
}

/** How the flags restrict a record, in plain words: the company's own field names, as set. */
export function restrictionHow(fields: string[], scope: 'marketing' | 'processing'): string {
  const set = fields.map((field) => `"${field}"`).join(' and ');
  return scope === 'marketing'
    ? `marked ${set} in Visma Business: not to be used for marketing`
    : `marked ${set} in Visma Business: stored only, not otherwise used`;
}
