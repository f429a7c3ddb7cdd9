import fc from 'fast-check';
import { addDays, addMonths, compareIsoDates, daysBetween, IsoDate } from '../../common/iso-date';
import { DeadlinePolicy } from './deadline-policy';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();

// Receipt dates 1990-01-01 .. 2100-12-31 as day offsets, so every calendar day is equally likely.
const firstDay: IsoDate = '1990-01-01';
const receipts = fc.integer({ min: 0, max: daysBetween(firstDay, '2100-12-31') }).map((offset) => addDays(firstDay, offset));
const pauses = fc.integer({ min: 0, max: 60 });
const promises = fc.integer({ min: 0, max: 60 });

const onOrBefore = (a: IsoDate, b: IsoDate): boolean => compareIsoDates(a, b) <= 0;

/** True when no working day lies strictly between the two dates. */
function noWorkingDayBetween(from: IsoDate, to: IsoDate): boolean {
  for (let date = addDays(from, 1); compareIsoDates(date, to) < 0; date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) return false;
  }
  return true;
}

describe('DeadlinePolicy properties over receipts 1990-2100', () => {
  const runs = { numRuns: 2000 };

  it('statutory is the first working day on or after one month, within 28 days .. one month + 6 days', () => {
    const policy = new DeadlinePolicy({ promiseDays: 30, calendar });
    fc.assert(
      fc.property(receipts, (receivedOn) => {
        const { statutory } = policy.compute({ receivedOn });
        const oneMonth = addMonths(receivedOn, 1);
        expect(calendar.isWorkingDay(statutory)).toBe(true);
        expect(onOrBefore(addDays(receivedOn, 28), statutory)).toBe(true);
        expect(onOrBefore(statutory, addDays(oneMonth, 6))).toBe(true);
        expect(onOrBefore(oneMonth, statutory)).toBe(true);
        expect(noWorkingDayBetween(addDays(oneMonth, -1), statutory)).toBe(true);
      }),
      runs,
    );
  });

  it('effective ≤ statutory, sendBy is the last working day ≤ effective, extended ≥ statutory', () => {
    fc.assert(
      fc.property(receipts, pauses, promises, fc.boolean(), (receivedOn, pausedDays, promiseDays, extended) => {
        const policy = new DeadlinePolicy({ promiseDays, calendar });
        const deadlines = policy.compute({ receivedOn, pausedDays, extended });
        const shifted = addDays(addMonths(receivedOn, 1), pausedDays);

        expect(calendar.isWorkingDay(deadlines.statutory)).toBe(true);
        expect(onOrBefore(shifted, deadlines.statutory)).toBe(true);
        expect(onOrBefore(deadlines.statutory, addDays(shifted, 6))).toBe(true);
        expect(deadlines.promise).toBe(promiseDays === 0 ? null : addDays(receivedOn, promiseDays + pausedDays));

        if (extended) {
          expect(deadlines.extended).not.toBeNull();
          expect(deadlines.effective).toBe(deadlines.extended);
          expect(onOrBefore(deadlines.statutory, deadlines.extended as IsoDate)).toBe(true);
          expect(calendar.isWorkingDay(deadlines.extended as IsoDate)).toBe(true);
        } else {
          expect(deadlines.extended).toBeNull();
          expect(onOrBefore(deadlines.effective, deadlines.statutory)).toBe(true);
          if (deadlines.promise !== null) expect(onOrBefore(deadlines.effective, deadlines.promise)).toBe(true);
        }

        expect(calendar.isWorkingDay(deadlines.sendBy)).toBe(true);
        expect(onOrBefore(deadlines.sendBy, deadlines.effective)).toBe(true);
        expect(noWorkingDayBetween(deadlines.sendBy, addDays(deadlines.effective, 1))).toBe(true);
      }),
      runs,
    );
  });

  it('an extension is allowed exactly until the statutory deadline', () => {
    const policy = new DeadlinePolicy({ promiseDays: 30, calendar });
    fc.assert(
      fc.property(receipts, pauses, fc.integer({ min: 0, max: 120 }), (receivedOn, pausedDays, daysLater) => {
        const today = addDays(receivedOn, daysLater);
        const { statutory } = policy.compute({ receivedOn, pausedDays });
        const check = policy.checkExtension({ receivedOn, pausedDays, today, alreadyExtended: false });
        expect(check.allowed).toBe(onOrBefore(today, statutory));
        if (check.allowed) {
          expect(check.deadline).toBe(policy.compute({ receivedOn, pausedDays, extended: true }).extended);
          expect(check.breaksPromise).toBe(true);
        }
      }),
      runs,
    );
  });
});
