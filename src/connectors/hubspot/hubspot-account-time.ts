import { DateTime } from 'luxon';

/** Margin after the reset, so the retry does not race HubSpot's own clock. */
const AFTER_RESET_MS = 60_000;

/**
 * HubSpot's daily API limit resets at midnight in the account's time zone (the `timeZone` of
 * `GET /account-info/v3/details`), not at UTC midnight. Milliseconds from `now` until just after that
 * midnight. When the zone is unknown (the details could not be read), the wait ends just after the next
 * full hour: every zone's midnight falls on one, so the limit is retried at most hourly and never
 * long after it reset.
 */
export function untilDailyReset(timeZone: string | undefined, now: number): number {
  const local = timeZone ? DateTime.fromMillis(now, { zone: timeZone }) : undefined;
  if (local?.isValid) return local.startOf('day').plus({ days: 1 }).toMillis() + AFTER_RESET_MS - now;
  const hour = DateTime.fromMillis(now, { zone: 'utc' }).startOf('hour').plus({ hours: 1 });
  return hour.toMillis() + AFTER_RESET_MS - now;
}

/** True for a zone name luxon (and so Intl) understands, e.g. "Europe/Oslo" or HubSpot's "US/Eastern". */
export function isKnownTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && DateTime.now().setZone(zone).isValid;
}

/**
 * The account time zone per HubSpot account, read once per process: a connector instance serves
 * every case, and an account's zone is a setting that practically never changes. Keyed by the API
 * root and the token variable, which together name one account.
 */
export class AccountTimeZones {
  private readonly zones = new Map<string, string>();

  get(key: string): string | undefined {
    return this.zones.get(key);
  }

  set(key: string, zone: string): void {
    this.zones.set(key, zone);
  }
}
