import { addDays, compareIsoDates, type IsoDate } from '../../common/iso-date';
import type { AlertKind } from './case-alert.entity';

export interface PlannedAlert {
  kind: AlertKind;
  /** The day the alert is about: the effective deadline, or for `overdue` the day of the reminder. */
  forDate: IsoDate;
  /** The day it fires (at the configured alert hour). */
  fireOn: IsoDate;
}

const BEFORE_DEADLINE: Array<{ kind: AlertKind; daysBefore: number }> = [
  { kind: 'due-7d', daysBefore: 7 },
  { kind: 'due-2d', daysBefore: 2 },
  { kind: 'due-0d', daysBefore: 0 },
];

/**
 * The alerts an open case calls for from today on, in firing order: 7 days before the effective
 * deadline, 2 days before, on the day, then one `overdue` reminder a day. Of the alerts whose day
 * has already come, only the latest is kept — a case registered late, or a Redis that lost its
 * jobs, gets the one alert that still matters, not a burst of stale ones.
 */
export function planAlerts(effectiveDue: IsoDate, today: IsoDate): PlannedAlert[] {
  if (compareIsoDates(today, effectiveDue) > 0) {
    const tomorrow = addDays(today, 1);
    return [
      { kind: 'overdue', forDate: today, fireOn: today },
      { kind: 'overdue', forDate: tomorrow, fireOn: tomorrow },
    ];
  }
  const all = BEFORE_DEADLINE.map(({ kind, daysBefore }) => ({
    kind,
    forDate: effectiveDue,
    fireOn: addDays(effectiveDue, -daysBefore),
  }));
  const past = all.filter((alert) => compareIsoDates(alert.fireOn, today) <= 0);
  const future = all.filter((alert) => compareIsoDates(alert.fireOn, today) > 0);
  const dayAfter = addDays(effectiveDue, 1);
  return [...past.slice(-1), ...future, { kind: 'overdue', forDate: dayAfter, fireOn: dayAfter }];
}

export const alertKey = (alert: Pick<PlannedAlert, 'kind' | 'forDate'>) => `${alert.kind}|${alert.forDate}`;
