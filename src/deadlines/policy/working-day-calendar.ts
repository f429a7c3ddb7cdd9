import { addDays, compareIsoDates, isoDateParts, IsoDate, isWeekend, parseIsoDate } from '../../common/iso-date';
import { norwegianPublicHolidays } from './norwegian-holidays';

export interface WorkingDayCalendarOptions {
  /** Public holidays of a year; defaults to the Norwegian list. */
  holidays?: (year: number) => IsoDate[];
  /** Company-specific closed days on top of the public holidays. */
  extraClosedDays?: IsoDate[];
  /** Holidays or closed days the company declares working days. Weekends cannot be listed. */
  extraWorkingDays?: IsoDate[];
}

// Longer than any real run of closed days; a calendar that closes more is misconfigured and
// would otherwise loop for ever.
const MAX_CONSECUTIVE_CLOSED_DAYS = 366;

const norwegianHolidayDates = (year: number): IsoDate[] => norwegianPublicHolidays(year).map((holiday) => holiday.date);

/**
 * Saturday, Sunday and the holidays are not working days (Regulation 1182/71 art. 3(4)).
 * Weekends stay closed whatever the configuration, because the regulation says so.
 */
export class WorkingDayCalendar {
  private readonly holidaysOf: (year: number) => IsoDate[];
  private readonly extraClosedDays: ReadonlySet<IsoDate>;
  private readonly extraWorkingDays: ReadonlySet<IsoDate>;
  private readonly closedDaysByYear = new Map<number, ReadonlySet<IsoDate>>();

  constructor(options: WorkingDayCalendarOptions = {}) {
    this.holidaysOf = options.holidays ?? norwegianHolidayDates;
    this.extraClosedDays = new Set((options.extraClosedDays ?? []).map(parseIsoDate));
    this.extraWorkingDays = new Set((options.extraWorkingDays ?? []).map(parseIsoDate));
    for (const date of this.extraWorkingDays) {
      if (isWeekend(date)) {
        throw new RangeError(`${date} is a weekend day and cannot be declared a working day`);
      }
      if (this.extraClosedDays.has(date)) {
        throw new RangeError(`${date} is listed both as a closed day and as a working day`);
      }
    }
  }

  isWorkingDay(date: IsoDate): boolean {
    if (isWeekend(date)) return false;
    return !this.closedDays(isoDateParts(date).year).has(date);
  }

  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.walkToWorkingDay(date, 1);
  }

  lastWorkingDayOnOrBefore(date: IsoDate): IsoDate {
    return this.walkToWorkingDay(date, -1);
  }

  /** The year's holidays and extra closed days, less extra working days, sorted (weekend ones included). */
  holidaysIn(year: number): IsoDate[] {
    return [...this.closedDays(year)].sort(compareIsoDates);
  }

  private walkToWorkingDay(start: IsoDate, step: 1 | -1): IsoDate {
    let date = parseIsoDate(start);
    for (let count = 0; count <= MAX_CONSECUTIVE_CLOSED_DAYS; count += 1) {
      if (this.isWorkingDay(date)) return date;
      date = addDays(date, step);
    }
    throw new RangeError(`No working day within ${MAX_CONSECUTIVE_CLOSED_DAYS} days of ${start}`);
  }

  private closedDays(year: number): ReadonlySet<IsoDate> {
    const cached = this.closedDaysByYear.get(year);
    if (cached) return cached;
    const closed = new Set<IsoDate>();
    for (const date of this.holidaysOf(year)) {
      // A provider bug (wrong year, '2026-02-30') should fail loudly, not shift a deadline.
      if (isoDateParts(date).year !== year) {
        throw new RangeError(`Holiday ${date} was returned for year ${year}`);
      }
      closed.add(date);
    }
    for (const date of this.extraClosedDays) {
      if (isoDateParts(date).year === year) closed.add(date);
    }
    for (const date of this.extraWorkingDays) closed.delete(date);
    this.closedDaysByYear.set(year, closed);
    return closed;
  }
}
