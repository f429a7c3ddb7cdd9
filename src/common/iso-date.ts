/**
 * Date-only values as 'YYYY-MM-DD' strings. Deadlines are calendar days, not instants, so all
 * arithmetic here is plain integer day counting: no Date objects, no local time, no DST.
 */
export type IsoDate = string;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Validates a real calendar date in years 0001-9999 and returns it unchanged. */
export function parseIsoDate(value: string): IsoDate {
  toCivil(value);
  return value;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    toCivil(value);
    return true;
  } catch {
    return false;
  }
}

export function isoDateFromParts(year: number, month: number, day: number): IsoDate {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseIsoDate(value);
}

export function isoDateParts(date: IsoDate): CivilDate {
  return toCivil(date);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  assertInteger(days, 'days');
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Regulation 1182/71 art. 3(2)(c): a period in months ends on the same date in the target
 * month, or on that month's last day when the date does not exist there.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  assertInteger(months, 'months');
  const { year, month, day } = toCivil(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) {
    throw new RangeError(`${date} + ${months} months is outside years 0001-9999`);
  }
  return isoDateFromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Signed number of days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday (the numbering luxon and ISO 8601 use). */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const sinceMonday = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return sinceMonday + 1;
}

export function isWeekend(date: IsoDate): boolean {
  return weekday(date) >= 6;
}

/** -1, 0 or 1, usable as an Array.prototype.sort comparator. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

export function minIsoDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((earliest, date) => (compareIsoDates(date, earliest) < 0 ? date : earliest), parseIsoDate(first));
}

export function maxIsoDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((latest, date) => (compareIsoDates(date, latest) > 0 ? date : latest), parseIsoDate(first));
}

function toCivil(value: string): CivilDate {
  const match = typeof value === 'string' ? ISO_DATE_PATTERN.exec(value) : null;
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${String(value)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Not a real calendar date: ${value}`);
  }
  return { year, month, day };
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil),
// so years before 100 are not reinterpreted the way Date.UTC does.
function toEpochDay(date: IsoDate): number {
  const { year, month, day } = toCivil(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) throw new RangeError(`Date outside years 0001-9999 (epoch day ${epochDay})`);
  return isoDateFromParts(year, month, day);
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a whole number, got ${value}`);
}
