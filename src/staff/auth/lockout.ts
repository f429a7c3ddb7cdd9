import type { StaffUserEntity } from '../staff-user.entity';

/** Failures in a row before the account locks. */
export const MAX_FAILED_LOGINS = 5;
const FIRST_LOCK_MINUTES = 15;
/** The doubling stops at a day: long enough to make guessing useless, short enough that a
 *  colleague's typos never lock them out for good (an admin can also reset the password). */
const LONGEST_LOCK_MINUTES = 24 * 60;

type Failure = Pick<StaffUserEntity, 'failedLogins' | 'lockLevel' | 'lockedUntil'>;

export function lockMinutes(level: number): number {
  return Math.min(LONGEST_LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** Math.max(0, level - 1));
}

/**
 * The row after one more failed sign-in. Outside a lock: the count goes up (an ended lock starts a
 * new count) and the fifth failure locks for `lockMinutes(level)`, each lock in a row twice as long
 * as the last. During a lock: the failure counts too (right passwords included: the lock cannot
 * tell them apart without becoming an oracle), the lock starts again from now, and every fifth
 * failure in it doubles its length.
 */
export function nextFailure(row: Failure, now: Date): Failure {
  const locked = row.lockedUntil !== null && row.lockedUntil > now;
  const failedLogins = (row.lockedUntil !== null && !locked ? 0 : row.failedLogins) + 1;
  const locks = failedLogins % MAX_FAILED_LOGINS === 0;
  const lockLevel = locks ? row.lockLevel + 1 : row.lockLevel;
  if (!locked && !locks) return { failedLogins, lockLevel, lockedUntil: row.lockedUntil !== null && !locked ? null : row.lockedUntil };
  const until = new Date(now.getTime() + lockMinutes(Math.max(1, lockLevel)) * 60_000);
  return { failedLogins, lockLevel, lockedUntil: locked && row.lockedUntil! > until ? row.lockedUntil : until };
}
