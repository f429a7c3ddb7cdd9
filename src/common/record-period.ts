import { isIsoDate, type IsoDate } from './iso-date';

/** The days a person's records are from, as a request may state them ("footage from 3 to 5 May",
 *  "the form I sent on 25 April"): `details.period` {from, to} and/or `details.recordDates`. */
export interface RecordDates {
  period?: { from: IsoDate; to: IsoDate };
  recordDates?: IsoDate[];
}

export type RecordDatesProblemCode = 'not_object' | 'unknown_field' | 'invalid_date' | 'dates_out_of_order' | 'not_date_list' | 'too_many_dates';

export interface RecordDatesProblem {
  field: string;
  code: RecordDatesProblemCode;
  max?: number;
}

export const MAX_RECORD_DATES = 31;

/** The problem in words, for API answers (the public pages word the codes themselves). */
export const RECORD_DATES_PROBLEM_EN: Record<RecordDatesProblemCode, string> = {
  not_object: 'must be an object {from, to} of YYYY-MM-DD dates',
  unknown_field: 'is not a known field',
  invalid_date: 'must be a date (YYYY-MM-DD)',
  dates_out_of_order: 'must not be before details.period.from',
  not_date_list: 'must be a list of YYYY-MM-DD dates',
  too_many_dates: `has too many dates (at most ${MAX_RECORD_DATES})`,
};

/** Reads `details.period` and `details.recordDates` (both optional); each problem names its field. */
export function parseRecordDates(details: Record<string, unknown> | undefined | null): { dates: RecordDates; problems: RecordDatesProblem[] } {
  const problems: RecordDatesProblem[] = [];
  const dates: RecordDates = {};
  const period = details?.period;
  if (period !== undefined && period !== null) {
    if (typeof period !== 'object' || Array.isArray(period)) problems.push({ field: 'details.period', code: 'not_object' });
    else {
      const { from, to, ...rest } = period as Record<string, unknown>;
      for (const key of Object.keys(rest)) problems.push({ field: `details.period.${key}`, code: 'unknown_field' });
      if (!isIsoDate(from)) problems.push({ field: 'details.period.from', code: 'invalid_date' });
      if (!isIsoDate(to)) problems.push({ field: 'details.period.to', code: 'invalid_date' });
      if (isIsoDate(from) && isIsoDate(to)) {
        if (from > to) problems.push({ field: 'details.period.to', code: 'dates_out_of_order' });
        else dates.period = { from, to };
      }
    }
  }
  const recordDates = details?.recordDates;
  if (recordDates !== undefined && recordDates !== null) {
    if (!Array.isArray(recordDates)) problems.push({ field: 'details.recordDates', code: 'not_date_list' });
    else if (recordDates.length > MAX_RECORD_DATES) problems.push({ field: 'details.recordDates', code: 'too_many_dates', max: MAX_RECORD_DATES });
    else {
      recordDates.forEach((value, index) => {
        if (!isIsoDate(value)) problems.push({ field: `details.recordDates[${index}]`, code: 'invalid_date' });
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
