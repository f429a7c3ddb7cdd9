import { IANAZone } from 'luxon';
import { IsoDate, parseIsoDate } from '../../common/iso-date';

/** True for IANA zone names such as 'Europe/Oslo' or 'UTC'; offsets like '+01:00' are refused. */
export function isValidTimeZone(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && IANAZone.isValidZone(name);
}

/** One formatter per zone: building one (and validating the zone) costs far more than using it,
 *  and this runs for every request, alert and reconciliation step. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar day on which a request arrived, in the company's time zone: a request sent at
 * 23:30 in Oslo arrived that day even though it is already the next day somewhere else.
 */
export function arrivalDate(instant: Date, timeZone: string): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('arrivalDate needs a valid Date');
  }
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((item) => item.type === type)?.value;
  const year = Number(part('year'));
  if (year < 1 || year > 9999) throw new RangeError(`Cannot express ${instant.toISOString()} in ${timeZone}`);
  return parseIsoDate(`${String(year).padStart(4, '0')}-${part('month')}-${part('day')}`);
}
