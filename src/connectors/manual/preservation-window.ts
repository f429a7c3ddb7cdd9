import { DateTime, Duration } from 'luxon';
import { addDays, maxIsoDate, minIsoDate, type IsoDate } from '../../common/iso-date';
import { recordSpan, type RecordDates } from '../../common/record-period';

/**
 * What routine deletion does to a person's records while their request is open, decided at receipt
 * (docs/legal-rules.md "Keeping data while a request is open"). A record made on day D in a system
 * that deletes after P is gone on D + P: a form sent on 25 April under a 60-day purge is gone on
 * 24 June. The records at stake are those from the days the request names; without dates, every
 * record held at receipt (the oldest of which is gone the next day).
 */
export type PreservationVerdict =
  /** Records from `from` to `to` must be kept; the first of them would be gone on `firstDayAtRisk`. */
  | { kind: 'preserve'; from: IsoDate; to: IsoDate; firstDayAtRisk: IsoDate; earlierGoneBefore: IsoDate | null }
  /** Every record asked about was deleted by routine before the request came; the last on `goneOn`. */
  | { kind: 'gone'; from: IsoDate; to: IsoDate; goneOn: IsoDate }
  /** Routine deletion reaches the records only after the case's deadline. */
  | { kind: 'not_needed'; from: IsoDate; to: IsoDate; firstDayAtRisk: IsoDate };

/** The day a record made on `day` is gone under `period` (ISO duration), or null for no valid period. */
export function goneOn(day: IsoDate, period: string | undefined): IsoDate | null {
  const duration = period ? Duration.fromISO(period) : null;
  if (!duration?.isValid) return null;
  return DateTime.fromISO(day, { zone: 'utc' }).plus(duration).toISODate();
}

/** The oldest day whose records are still held on `receivedOn` (made after receivedOn - P). */
function oldestHeld(receivedOn: IsoDate, period: string): IsoDate {
  return addDays(DateTime.fromISO(receivedOn, { zone: 'utc' }).minus(Duration.fromISO(period)).toISODate()!, 1);
}

/** The verdict for one system with routine deletion after `period`; null when it has none. */
export function preservationVerdict(
  input: { receivedOn: IsoDate; effectiveDue: IsoDate; dates: RecordDates },
  period: string | undefined,
): PreservationVerdict | null {
  if (!goneOn(input.receivedOn, period)) return null;
  const held = oldestHeld(input.receivedOn, period!);
  const span = recordSpan(input.dates) ?? { from: held, to: input.receivedOn };
  // Records are not made after the request arrived; a later day counts as the day of receipt.
  const to = minIsoDate(span.to, input.receivedOn);
  const askedFrom = minIsoDate(span.from, to);
  const lastGone = goneOn(to, period)!;
  if (lastGone <= input.receivedOn) return { kind: 'gone', from: askedFrom, to, goneOn: lastGone };
  const from = maxIsoDate(askedFrom, held);
  const firstDayAtRisk = goneOn(from, period)!;
  if (firstDayAtRisk > input.effectiveDue) return { kind: 'not_needed', from, to, firstDayAtRisk };
  return { kind: 'preserve', from, to, firstDayAtRisk, earlierGoneBefore: askedFrom < from ? from : null };
}
