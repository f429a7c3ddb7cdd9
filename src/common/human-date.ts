import type { Language } from './case-types';
import { isIsoDate, type IsoDate } from './iso-date';

const LOCALE: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' };
/** Between the day and the time: "5. des. 2026 kl. 14:03" / "5 Dec 2026, 14:03". */
const AT: Record<Language, string> = { nb: ' kl. ', en: ', ' };

export interface HumanDateOptions {
  /** Add the hour and minute (an instant only; a calendar day has no time). */
  withTime?: boolean;
  /** The month written out ("5. desember 2026") where there is room; short by default. */
  longMonth?: boolean;
  /** The zone an instant is read in; calendar days are never shifted. */
  timeZone?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/**
 * A date as a person reads it in their language: nb "5. des. 2026", en "5 Dec 2026"; with the
 * time "5. des. 2026 kl. 14:03" / "5 Dec 2026, 14:03". A calendar day (YYYY-MM-DD, a deadline)
 * is that day wherever it is read; an instant (Date or ISO timestamp) is read in `timeZone`
 * (the company's, Europe/Oslo unless told). A value that is neither is returned as it is, so a
 * page shows what it has rather than failing.
 */
export function humanDate(value: Date | IsoDate, language: Language, options: HumanDateOptions = {}): string {
  const day = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (day && !isIsoDate(value)) return value;
  const instant = day ? new Date(`${value}T12:00:00Z`) : value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) return String(value);
  const timeZone = day ? 'UTC' : (options.timeZone ?? 'Europe/Oslo');
  const locale = LOCALE[language];
  const date = formatter(locale, { day: 'numeric', month: options.longMonth ? 'long' : 'short', year: 'numeric', timeZone }).format(instant);
  if (!options.withTime || day) return date;
  const time = formatter(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant);
  return `${date}${AT[language]}${time}`;
}
