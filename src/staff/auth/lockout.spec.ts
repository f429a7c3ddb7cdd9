import { lockMinutes, nextFailure } from './lockout';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 5, 12, minutes));

describe('lockout', () => {
  it('locks at the fifth failure for 15 minutes, doubling with each lock in a row up to a day', () => {
    let row = { failedLogins: 0, lockLevel: 0, lockedUntil: null as Date | null };
    for (let attempt = 0; attempt < 4; attempt++) row = nextFailure(row, at(0));
    expect(row).toEqual({ failedLogins: 4, lockLevel: 0, lockedUntil: null });
    row = nextFailure(row, at(0));
    expect(row).toEqual({ failedLogins: 5, lockLevel: 1, lockedUntil: at(15) });
    expect([1, 2, 3, 8, 20].map(lockMinutes)).toEqual([15, 30, 60, 1440, 1440]);
  });

  it('counts a failure during the lock and restarts the lock from then', () => {
    const during = nextFailure({ failedLogins: 5, lockLevel: 1, lockedUntil: at(15) }, at(10));
    expect(during).toEqual({ failedLogins: 6, lockLevel: 1, lockedUntil: at(25) });
  });

  it('starts a new count after a lock has ended, keeping the level so the next lock is longer', () => {
    let row = nextFailure({ failedLogins: 5, lockLevel: 1, lockedUntil: at(15) }, at(20));
    expect(row).toEqual({ failedLogins: 1, lockLevel: 1, lockedUntil: null });
    for (let attempt = 0; attempt < 4; attempt++) row = nextFailure(row, at(20));
    expect(row).toEqual({ failedLogins: 5, lockLevel: 2, lockedUntil: at(50) });
  });
});
