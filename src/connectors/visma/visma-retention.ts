import { DateTime, Duration } from 'luxon';
import { ConnectorError } from '../connector-errors';
import type { RetainedRecords, RetentionRules } from '../connector';
import type { CustomerTransactionRow } from './visma-queries';

export const LEDGER_RECORDS = 'invoices and customer ledger entries';
export const LEDGER_BASIS = 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)';
const DEFAULT_HOLD = { records: LEDGER_RECORDS, basis: LEDGER_BASIS, keepFor: 'P5Y', from: 'end-of-financial-year' };

/** Where a legal hold's period starts. Financial year = calendar year (the Norwegian default). */
const FROM_END_OF_FINANCIAL_YEAR = new Set(['end-of-financial-year', 'end-of-fiscal-year']);
const FROM_VOUCHER_DATE = new Set(['transaction-date', 'voucher-date', 'entry-date']);

export interface LedgerState {
  /** The customer ledger must be kept (open balance, or entries still inside their hold). */
  held: boolean;
  /** The hold that ends last, when there are ledger entries. */
  hold?: RetainedRecords;
  balance: number;
  entries: number;
}

/** yyyymmdd (Business NXT date) → YYYY-MM-DD. */
export function vismaDateToIso(value: number): string {
  const text = String(value).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** The date until which a ledger entry of `voucherDate` must be kept under `rules` (latest hold wins). */
export function holdUntil(voucherDate: string, rules: RetentionRules | undefined): RetainedRecords {
  const holds = rules?.legalHolds?.length ? rules.legalHolds : [DEFAULT_HOLD];
  const date = DateTime.fromISO(voucherDate, { zone: 'utc' });
  if (!date.isValid) throw new ConnectorError(`Visma ledger entry has an unreadable date`, false);
  let latest: RetainedRecords | undefined;
  for (const hold of holds) {
    const keepFor = Duration.fromISO(hold.keepFor);
    if (!keepFor.isValid) throw new ConnectorError(`legal hold keepFor "${hold.keepFor}" is not an ISO 8601 duration`, false);
    const from = hold.from ?? 'end-of-financial-year';
    let start: DateTime;
    if (FROM_END_OF_FINANCIAL_YEAR.has(from)) start = date.endOf('year').startOf('day');
    else if (FROM_VOUCHER_DATE.has(from)) start = date;
    else throw new ConnectorError(`legal hold "from: ${from}" is not understood by the Visma connector`, false);
    const until = start.plus(keepFor).toISODate() as string;
    if (!latest || until > latest.until) {
      const basis = hold === DEFAULT_HOLD || /GDPR/i.test(hold.basis) ? hold.basis : `GDPR art. 6(1)(c) and 17(3)(b), ${hold.basis}`;
      latest = { records: hold === DEFAULT_HOLD ? LEDGER_RECORDS : hold.records, basis, until };
    }
  }
  return latest as RetainedRecords;
}

/** Whether Visma Business' own deletion rule forbids deleting the customer: a non-zero balance,
 *  or ledger entries whose hold has not ended on `today` (YYYY-MM-DD, company time zone). */
export function ledgerState(entries: CustomerTransactionRow[], rules: RetentionRules | undefined, today: string): LedgerState {
  const balance = Math.round(entries.reduce((sum, entry) => sum + Number(entry.amount ?? 0), 0) * 100) / 100;
  if (!entries.length) return { held: false, balance, entries: 0 };
  const lastDate = Math.max(...entries.map((entry) => entry.voucherDate));
  const hold = holdUntil(vismaDateToIso(lastDate), rules);
  return { held: balance !== 0 || hold.until >= today, hold, balance, entries: entries.length };
}
