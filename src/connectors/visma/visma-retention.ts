import { DateTime, Duration } from 'luxon';
import { ConnectorError } from '../connector-errors';
import type { RetainedRecords, RetentionRules } from '../connector';
import type { CustomerTransactionRow } from './visma-queries';

export const LEDGER_RECORDS = 'invoices and customer ledger entries';
export const LEDGER_BASIS = 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)';
const DEFAULT_HOLD = { records: LEDGER_RECORDS, basis: LEDGER_BASIS, keepFor: 'P5Y', from: 'end-of-financial-year' };

/** Where a legal hold's period starts. */
const FROM_END_OF_FINANCIAL_YEAR = new Set(['end-of-financial-year', 'end-of-fiscal-year']);
const FROM_VOUCHER_DATE = new Set(['record-date', 'transaction-date', 'voucher-date', 'entry-date']);
/** The Norwegian default: the financial year is the calendar year. */
export const CALENDAR_YEAR = '01-01';

/** What a requester is told about one running hold (visma-dispositions.ts words it). */
export interface HoldTerms {
  /** The financial year the hold's ledger entries fall in, e.g. "2025" or "2024/2025". */
  year: string;
  /** The law and its rule, e.g. "bokføringsloven § 13 (5 years after the end of the financial year)". */
  law: string;
  /** Whether the law is the Bookkeeping Act, whose records may be used only for bookkeeping, audit and tax control. */
  bookkeeping: boolean;
  until: string;
  /** Ledger entries of that financial year. */
  entries: number;
}

export interface LedgerState {
  /** The customer ledger must be kept (open balance, or entries still inside their hold). */
  held: boolean;
  /** One hold per (hold rule, financial year) that has not ended, soonest end first. */
  holds: RetainedRecords[];
  /** The same holds, as the requester is told about them. */
  terms: HoldTerms[];
  balance: number;
  entries: number;
}

/** yyyymmdd (Business NXT date) → YYYY-MM-DD. */
export function vismaDateToIso(value: number): string {
  const text = String(value).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** The financial year an entry falls in, for a year starting on `start` (MM-DD): its label and last day. */
export function financialYearOf(date: DateTime, start = CALENDAR_YEAR): { label: string; end: DateTime } {
  const [month, day] = start.split('-').map(Number);
  let first = date.set({ month, day }).startOf('day');
  if (first > date) first = first.minus({ years: 1 });
  const end = first.plus({ years: 1 }).minus({ days: 1 });
  return { label: first.year === end.year ? String(first.year) : `${first.year}/${end.year}`, end };
}

/**
 * The holds `entries` are under: one per data-map hold rule and financial year, each ending
 * `keepFor` after the end of that year (or after the year's last voucher, for `from: record-date`).
 * No rules → bokføringsloven § 13's 5-year rule. docs/legal-rules.md: the end date is given per financial year.
 */
export function ledgerHolds(entries: Array<{ voucherDate: string }>, rules: RetentionRules | undefined, financialYearStart = CALENDAR_YEAR): RetainedRecords[] {
  return yearHolds(entries, rules, financialYearStart).map((hold) => hold.retained);
}

/** The terms of every hold rule over the entries' financial years, running or ended: a plan
 *  proposes keep while one runs and erase once the last has ended. */
export function entryTerms(entries: Array<{ voucherDate: string }>, rules: RetentionRules | undefined, financialYearStart = CALENDAR_YEAR): HoldTerms[] {
  return yearHolds(entries, rules, financialYearStart).map((hold) => hold.terms);
}

function yearHolds(
  entries: Array<{ voucherDate: string }>,
  rules: RetentionRules | undefined,
  financialYearStart: string,
): Array<{ retained: RetainedRecords; terms: HoldTerms }> {
  const holds = rules?.legalHolds?.length ? rules.legalHolds : [DEFAULT_HOLD];
  const years = new Map<string, { end: DateTime; lastVoucher: DateTime; entries: number }>();
  for (const entry of entries) {
    const date = DateTime.fromISO(entry.voucherDate, { zone: 'utc' });
    if (!date.isValid) throw new ConnectorError(`Visma ledger entry has an unreadable date`, false);
    const year = financialYearOf(date, financialYearStart);
    const known = years.get(year.label);
    years.set(year.label, {
      end: year.end,
      lastVoucher: known && known.lastVoucher > date ? known.lastVoucher : date,
      entries: (known?.entries ?? 0) + 1,
    });
  }
  const result: Array<{ retained: RetainedRecords; terms: HoldTerms }> = [];
  for (const hold of holds) {
    const keepFor = Duration.fromISO(hold.keepFor);
    if (!keepFor.isValid) throw new ConnectorError(`legal hold keepFor "${hold.keepFor}" is not an ISO 8601 duration`, false);
    const from = hold.from ?? 'end-of-financial-year';
    if (!FROM_END_OF_FINANCIAL_YEAR.has(from) && !FROM_VOUCHER_DATE.has(from)) {
      throw new ConnectorError(`legal hold "from: ${from}" is not understood by the Visma connector`, false);
    }
    const basis = hold === DEFAULT_HOLD || /GDPR/i.test(hold.basis) ? hold.basis : `GDPR art. 6(1)(c) and 17(3)(b), ${hold.basis}`;
    const law = lawAndRule(hold.basis, keepFor, FROM_END_OF_FINANCIAL_YEAR.has(from));
    for (const [label, year] of years) {
      const start = FROM_END_OF_FINANCIAL_YEAR.has(from) ? year.end : year.lastVoucher;
      const until = start.plus(keepFor).toISODate() as string;
      result.push({
        retained: { records: `${hold.records}, financial year ${label}`, basis, until },
        terms: { year: label, law, bookkeeping: /bokføring/i.test(hold.basis), until, entries: year.entries },
      });
    }
  }
  return result.sort((a, b) => a.retained.until.localeCompare(b.retained.until) || a.retained.records.localeCompare(b.retained.records));
}

/** "bokføringsloven § 13 (5 years after the end of the financial year)": the law the data map
 *  names (without the GDPR articles or its own note in brackets) and the rule the connector applies. */
export function lawAndRule(basis: string, keepFor: Duration, fromYearEnd: boolean): string {
  const law =
    basis
      .replace(/^GDPR[^,]*,\s*/i, '')
      .replace(/\s*\([^)]*\)\s*$/, '')
      .trim() || basis;
  return `${law} (${lengthInWords(keepFor)} ${fromYearEnd ? 'after the end of the financial year' : 'after the date of the entry'})`;
}

function lengthInWords(keepFor: Duration): string {
  const { years, months } = keepFor.shiftTo('years', 'months').toObject();
  const wholeYears = Math.floor(years ?? 0);
  const rest = Math.round(months ?? 0);
  if (rest === 6 && wholeYears > 0) return `${wholeYears}½ years`;
  const parts = [wholeYears ? `${wholeYears} year${wholeYears === 1 ? '' : 's'}` : '', rest ? `${rest} month${rest === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.join(' and ') || keepFor.toHuman();
}

/** Whether Visma Business' own deletion rule forbids deleting the customer: a non-zero balance,
 *  or ledger entries whose hold has not ended on `today` (YYYY-MM-DD, company time zone). */
export function ledgerState(
  entries: CustomerTransactionRow[],
  rules: RetentionRules | undefined,
  today: string,
  financialYearStart = CALENDAR_YEAR,
): LedgerState {
  const balance = Math.round(entries.reduce((sum, entry) => sum + Number(entry.amount ?? 0), 0) * 100) / 100;
  if (!entries.length) return { held: false, holds: [], terms: [], balance, entries: 0 };
  const running = yearHolds(
    entries.map((entry) => ({ voucherDate: vismaDateToIso(entry.voucherDate) })),
    rules,
    financialYearStart,
  ).filter((hold) => hold.retained.until >= today);
  const holds = running.map((hold) => hold.retained);
  return { held: balance !== 0 || holds.length > 0, holds, terms: running.map((hold) => hold.terms), balance, entries: entries.length };
}
