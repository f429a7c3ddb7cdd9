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

/** A warning when `period` is longer than the bookkeeping rule its `basis` names allows, else null. */
export function bookkeepingOverrun(system: Pick<SystemEntry, 'id'>, where: string, period: string | undefined, basis: string | undefined): string | null {
  if (!period || !basis || !BOOKKEEPING.test(basis)) return null;
  const months = durationMonths(period);
  const short = SHORT_RULE.test(basis);
  const allowed = short ? BOOKKEEPING_SHORT_MONTHS : BOOKKEEPING_MONTHS;
  if (months === null || months <= allowed) return null;
  const rule = short
    ? 'the 3½-year rule, which allows at most 3 years and 6 months after the end of the financial year (to 30 June of FY+4)'
    : 'the 5-year rule, which allows at most 5 years after the end of the financial year';
  return `${system.id}.${where}: ${period} is longer than its basis "${basis}" allows: bokføringsloven § 13 has ${rule}; a longer period needs another legal basis`;
}
