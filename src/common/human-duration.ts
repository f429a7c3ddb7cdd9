import { Duration } from 'luxon';
import type { Language } from './case-types';

/** Each unit's singular and plural. Written out rather than taken from Intl: ICU says "døgn" for
 *  days in Norwegian, where the pages and e-mails say "dager". */
const UNITS: Record<Language, Array<[key: keyof DurationParts, one: string, many: string]>> = {
  nb: [
    ['years', 'år', 'år'],
    ['months', 'måned', 'måneder'],
    ['weeks', 'uke', 'uker'],
    ['days', 'dag', 'dager'],
    ['hours', 'time', 'timer'],
    ['minutes', 'minutt', 'minutter'],
    ['seconds', 'sekund', 'sekunder'],
  ],
  en: [
    ['years', 'year', 'years'],
    ['months', 'month', 'months'],
    ['weeks', 'week', 'weeks'],
    ['days', 'day', 'days'],
    ['hours', 'hour', 'hours'],
    ['minutes', 'minute', 'minutes'],
    ['seconds', 'second', 'seconds'],
  ],
};

interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const AND: Record<Language, string> = { nb: 'og', en: 'and' };

/**
 * An ISO-8601 duration from the data map (P7D, P4M, P3Y6M, PT24H) as a person reads it:
 * "7 dager" / "7 days", "3 år og 6 måneder" / "3 years and 6 months". A text that is not a
 * duration is returned as it is (the data map's schema lets only durations through, so this is
 * a guard, not a path), and so is a zero duration.
 */
export function humanDuration(iso: string, language: Language): string {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return iso;
  const parts = duration.toObject() as Partial<DurationParts>;
  const words = UNITS[language]
    .filter(([key]) => (parts[key] ?? 0) !== 0)
    .map(([key, one, many]) => {
      const count = parts[key]!;
      return `${count.toLocaleString(language === 'nb' ? 'nb-NO' : 'en-GB')} ${count === 1 ? one : many}`;
    });
  if (!words.length) return iso;
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} ${AND[language]} ${words[words.length - 1]}`;
}
