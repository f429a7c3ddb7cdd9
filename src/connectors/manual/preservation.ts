import { DateTime, Duration } from 'luxon';
import type { CaseEntity } from '../../cases/case.entity';
import type { SystemEntry } from '../../systems/data-map.schema';

const DAY_MS = 24 * 3600 * 1000;
/** After a week without an outcome the case's handler is told. */
export const ESCALATE_AFTER_MS = 7 * DAY_MS;

/** When routine deletion removes data that was there at `since` (e.g. CCTV overwritten after P7D), or null. */
export function routineDeletionAt(system: Pick<SystemEntry, 'retention'>, since: Date): Date | null {
  const period = system.retention.period ? Duration.fromISO(system.retention.period) : null;
  if (!period?.isValid) return null;
  return DateTime.fromJSDate(since, { zone: 'utc' }).plus(period).toJSDate();
}

/**
 * docs/legal-rules.md "Keeping data while a request is open": data that existed when the request arrived must not vanish through
 * routine deletion while the request is open. A system whose retention ends before the case's
 * deadline needs its owner to preserve the data at once; erasure is the exception (routine
 * deletion does what was asked).
 */
export function needsPreservation(entity: Pick<CaseEntity, 'effectiveDue'>, system: Pick<SystemEntry, 'retention'>, action: string, since: Date): boolean {
  if (action === 'erase') return false;
  const gone = routineDeletionAt(system, since);
  return gone !== null && DateTime.fromJSDate(gone, { zone: 'utc' }).toISODate()! <= entity.effectiveDue;
}

/** The escalation comes a week after assignment, and a day before routine deletion if that is sooner. */
export function escalationDelayMs(system: Pick<SystemEntry, 'retention'>, since: Date): number {
  const gone = routineDeletionAt(system, since);
  if (!gone) return ESCALATE_AFTER_MS;
  return Math.max(0, Math.min(ESCALATE_AFTER_MS, gone.getTime() - since.getTime() - DAY_MS));
}
