import { isIsoDate, type IsoDate } from './iso-date';

/** The days a person's records are from, as a request may state them ("footage from 3 to 5 May",
 *  "the form I sent on 25 April"): `details.period` {from, to} and/or `details.recordDates`. */
export interface RecordDates {
  period?: { from: IsoDate; to: IsoDate };
  recordDates?: IsoDate[];
}

export interface RecordDatesProblem {
  field: string;
  problem: string;
}

const MAX_DATES = 31;

/** Reads `details.period` and `details.recordDates` (both optional); each problem names its field. */
export function parseRecordDates(details: Record<string, unknown> | undefined | null): { dates: RecordDates; problems: RecordDatesProblem[] } {
  const problems: RecordDatesProblem[] = [];
  const dates: RecordDates = {};
  const period = details?.period;
  if (period !== undefined && period !== null) {
    if (typeof period !== 'object' || Array.isArray(period)) problems.push({ field: 'details.period', problem: 'must be an object {from, to} of YYYY-MM-DD dates' });
    else {
      const { from, to, ...rest } = period as Record<string, unknown>;
      for (const key of Object.keys(rest)) problems.push({ field: `details.period.${key}`, problem: 'is not a known field' });
      if (!isIsoDate(from)) problems.push({ field: 'details.period.from', problem: 'must be a date (YYYY-MM-DD)' });
      if (!isIsoDate(to)) problems.push({ field: 'details.period.to', problem: 'must be a date (YYYY-MM-DD)' });
      if (isIsoDate(from) && isIsoDate(to)) {
        if (from > to) problems.push({ field: 'details.period.to', problem: 'must not be before details.period.from' });
        else dates.period = { from, to };
      }
    }
  }
  const recordDates = details?.recordDates;
  if (recordDates !== undefined && recordDates !== null) {
    if (!Array.isArray(recordDates)) problems.push({ field: 'details.recordDates', problem: 'must be a list of YYYY-MM-DD dates' });
    else if (recordDates.length > MAX_DATES) problems.push({ field: 'details.recordDates', problem: `has too many dates (at most ${MAX_DATES})` });
    else {
      recordDates.forEach((value, index) => {
        if (!isIsoDate(value)) problems.push({ field: `details.recordDates[${index}]`, problem: 'must be a date (YYYY-MM-DD)' });
      });
      if (recordDates.length && recordDates.every(isIsoDate)) dates.recordDates = [...new Set(recordDates)].sort();
    }
  }
  return { dates, problems };
}

/** The first and last day the stated records are from, or null when the request names none. */
export function recordSpan(dates: RecordDates): { from: IsoDate; to: IsoDate } | null {
  const days = [...(dates.period ? [dates.period.from, dates.period.to] : []), ...(dates.recordDates ?? [])].sort();
  return days.length ? { from: days[0], to: days[days.length - 1] } : null;
}
