import { addDays, IsoDate, isoDateFromParts } from '../../common/iso-date';

export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

export const EASTER_FIRST_YEAR = 1583;
export const EASTER_LAST_YEAR = 4099;

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Limited to
 * 1583-4099: before 1583 the Gregorian calendar did not exist, and 4099 is the range the
 * algorithm is published and verified for.
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < EASTER_FIRST_YEAR || year > EASTER_LAST_YEAR) {
    throw new RangeError(`Easter is computed for years ${EASTER_FIRST_YEAR}-${EASTER_LAST_YEAR}, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateFromParts(year, month, day);
}

/**
 * Norwegian public holidays (helligdager and the two statutory public days, 1 and 17 May),
 * sorted by date. Today's rules are applied to every year; 24 and 31 December are ordinary
 * working days in law even though many offices close.
 */
export function norwegianPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    { date: isoDateFromParts(year, 1, 1), name: 'New Year’s Day' },
    { date: addDays(easter, -3), name: 'Maundy Thursday' },
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: easter, name: 'Easter Sunday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: isoDateFromParts(year, 5, 1), name: 'Labour Day' },
    { date: addDays(easter, 39), name: 'Ascension Day' },
    { date: isoDateFromParts(year, 5, 17), name: 'Constitution Day' },
    { date: addDays(easter, 49), name: 'Whit Sunday' },
    { date: addDays(easter, 50), name: 'Whit Monday' },
    { date: isoDateFromParts(year, 12, 25), name: 'Christmas Day' },
    { date: isoDateFromParts(year, 12, 26), name: 'Second Day of Christmas' },
  ];
  // Ascension or Whit Monday can fall on 1 or 17 May; sorting keeps both names in the list.
  return holidays.sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));
}
