import { Duration } from 'luxon';
import type { SystemEntry } from './data-map.schema';

/** bokføringsloven § 13: 5 years after the end of the financial year; 3½ years (to 30 June of
 *  FY+4) for agreements, correspondence adding to a booked entry and outgoing packing slips. */
const BOOKKEEPING_MONTHS = 60;
const BOOKKEEPING_SHORT_MONTHS = 42;
const BOOKKEEPING = /bokføringsloven/i;
const SHORT_RULE = /3\s*(½|1\/2|[.,]5)/;

/** The whole ISO duration in months (weeks and days as fractions of a month), or null if unreadable. */
function durationMonths(period: string): number | null {
  const duration = Duration.fromISO(period);
  return duration.isValid ? duration.as('months') : null;
}

/** Words that say a system holds accounting records (bokføringsloven's "regnskapsmateriale"), in nb or en. */
const ACCOUNTING_RECORDS = /invoice|faktura|voucher|bilag|ledger|reskontro|regnskap|accounting|bookkeeping|bokføring|kvittering|receipt/i;

/** The system (or the records a hold names) holds accounting records, whatever its basis text says. */
function holdsAccountingRecords(system: Pick<SystemEntry, 'categories' | 'purposes'>, records?: string): boolean {
  // Categories and purposes may be plain strings or {nb, en} texts: read them as text either way.
  return ACCOUNTING_RECORDS.test(JSON.stringify([system.categories, system.purposes, records ?? '']));
}

/** A period longer than bokføringsloven § 13 allows: which rule, and whether the basis named the law. */
export interface BookkeepingOverrun {
  period: string;
  /** The short rule (3½ years) rather than the 5-year one. */
  short: boolean;
  /** The basis names bokføringsloven; else the records are accounting records under another basis. */
  namesLaw: boolean;
}

/**
 * The overrun when `period` is longer than bokføringsloven § 13 allows for what is kept, else null.
 * The rule applies when the basis names the law *or* the records are accounting records: a "7-year
 * archive policy" for vouchers is still limited by § 13, so a basis that doesn't name the law
 * doesn't escape the check (a longer period needs another law, named).
 */
export function bookkeepingOverrun(
  system: Pick<SystemEntry, 'categories' | 'purposes'>,
  period: string | undefined,
  basis: string | undefined,
  records?: string,
): BookkeepingOverrun | null {
  if (!period) return null;
  const namesLaw = !!basis && BOOKKEEPING.test(basis);
  if (!namesLaw && !holdsAccountingRecords(system, records)) return null;
  const months = durationMonths(period);
  const short = namesLaw && SHORT_RULE.test(basis);
  const allowed = short ? BOOKKEEPING_SHORT_MONTHS : BOOKKEEPING_MONTHS;
  if (months === null || months <= allowed) return null;
  return { period, short, namesLaw };
}
