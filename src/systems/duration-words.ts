import { Duration } from 'luxon';
import type { Language } from '../common/case-types';

const UNITS = {
  nb: { years: ['år', 'år'], months: ['måned', 'måneder'], weeks: ['uke', 'uker'], days: ['dag', 'dager'], hours: ['time', 'timer'] },
  en: { years: ['year', 'years'], months: ['month', 'months'], weeks: ['week', 'weeks'], days: ['day', 'days'], hours: ['hour', 'hours'] },
} as const;

/** An ISO 8601 duration from the data map in words a person reads ("P1Y6M" → "1 år og 6 måneder");
 *  one the parser cannot read is returned as written. */
export function durationInWords(iso: string, language: Language): string {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return iso;
  const units = UNITS[language];
  const parts = (Object.keys(units) as Array<keyof typeof units>)
    .map((unit) => [unit, duration.get(unit)] as const)
    .filter(([, amount]) => amount > 0)
    .map(([unit, amount]) => `${amount} ${units[unit][amount === 1 ? 0 : 1]}`);
  if (!parts.length) return iso;
  const and = language === 'nb' ? ' og ' : ' and ';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')}${and}${parts[parts.length - 1]}`;
}
