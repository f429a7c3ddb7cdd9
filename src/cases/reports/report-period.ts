import type { FieldProblem } from '../../common/domain-error';
import { addDays, addMonths, isIsoDate, type IsoDate } from '../../common/iso-date';

/** A period of company days, both ends included. */
export interface ReportPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** Why a `from` or `to` the reader typed is refused (the API words them in English, the
 *  dashboard in the reader's language). */
export type PeriodProblemCode = 'not_a_date' | 'before_from';

export const PERIOD_PROBLEM_EN: Record<PeriodProblemCode, string> = {
  not_a_date: 'must be a real calendar date as YYYY-MM-DD',
  before_from: 'must not be before from',
};

/** The last 12 months up to and including `today`: the window of an annual report. */
export function lastTwelveMonths(today: IsoDate): ReportPeriod {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/**
 * The period of a report from a query string: each end optional (the missing one from the last 12
 * months up to `today`), each a real calendar date, `to` not before `from`. Both the REST report
 * and the dashboard read it here, so they refuse the same input with the same field names.
 */
export function readReportPeriod(
  input: { from?: unknown; to?: unknown },
  today: IsoDate,
): { period: ReportPeriod; problems: [] } | { period: null; problems: Array<{ field: 'from' | 'to'; code: PeriodProblemCode }> } {
  const fallback = lastTwelveMonths(today);
  const problems: Array<{ field: 'from' | 'to'; code: PeriodProblemCode }> = [];
  const read = (field: 'from' | 'to'): IsoDate | null => {
    const value = input[field];
    if (value === undefined || value === '') return fallback[field];
    if (isIsoDate(value)) return value;
    problems.push({ field, code: 'not_a_date' });
    return null;
  };
  const from = read('from');
  const to = read('to');
  if (from && to && to < from) problems.push({ field: 'to', code: 'before_from' });
  if (problems.length || !from || !to) return { period: null, problems };
  return { period: { from, to }, problems: [] };
}

/** The problems as the API's error details. */
export function periodProblemsEn(problems: Array<{ field: 'from' | 'to'; code: PeriodProblemCode }>): FieldProblem[] {
  return problems.map(({ field, code }) => ({ field, problem: PERIOD_PROBLEM_EN[code] }));
}
