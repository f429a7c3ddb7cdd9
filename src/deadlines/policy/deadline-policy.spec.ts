import { DeadlinePolicy } from './deadline-policy';
import { WorkingDayCalendar } from './working-day-calendar';

const norway = new WorkingDayCalendar();
const thirtyDayPromise = new DeadlinePolicy({ promiseDays: 30, calendar: norway });
const statutoryOnly = new DeadlinePolicy({ promiseDays: 0, calendar: norway });

describe('DeadlinePolicy.compute — worked examples from docs/legal-rules.md', () => {
  it('received 2026-03-05: Easter rolls the statutory deadline, the promise is earlier', () => {
    expect(thirtyDayPromise.compute({ receivedOn: '2026-03-05' })).toEqual({
      statutory: '2026-04-07', // 5 Apr Easter Sunday, 6 Apr Easter Monday
      promise: '2026-04-04',
      effective: '2026-04-04',
      sendBy: '2026-04-01', // 2 and 3 Apr are Maundy Thursday and Good Friday, 4 Apr a Saturday
      extended: null,
    });
  });

  it('received 2026-08-31: statutory and promise coincide on 30 September', () => {
    expect(thirtyDayPromise.compute({ receivedOn: '2026-08-31' })).toEqual({
      statutory: '2026-09-30',
      promise: '2026-09-30',
      effective: '2026-09-30',
      sendBy: '2026-09-30',
      extended: null,
    });
  });

  it('received 2026-03-05 and extended: 2026-06-05', () => {
    expect(thirtyDayPromise.compute({ receivedOn: '2026-03-05', extended: true })).toEqual({
      statutory: '2026-04-07',
      promise: '2026-04-04',
      effective: '2026-06-05',
      sendBy: '2026-06-05',
      extended: '2026-06-05',
    });
  });
});

describe('DeadlinePolicy.compute — dated cases', () => {
  it.each([
    // receivedOn, statutory, promise, effective, sendBy, why
    ['2026-01-31', '2026-03-02', '2026-03-02', '2026-03-02', '2026-03-02', '28 Feb 2026 is a Saturday'],
    ['2028-01-31', '2028-02-29', '2028-03-01', '2028-02-29', '2028-02-29', 'leap year: 29 Feb, a Tuesday'],
    ['2026-01-29', '2026-03-02', '2026-02-28', '2026-02-28', '2026-02-27', 'capped to 28 Feb, then rolled'],
    ['2026-03-31', '2026-04-30', '2026-04-30', '2026-04-30', '2026-04-30', '31 Mar + 1 month = 30 Apr'],
    ['2027-02-25', '2027-03-30', '2027-03-27', '2027-03-27', '2027-03-24', 'Maundy Thursday 2027 to Easter Monday'],
    ['2027-03-25', '2027-04-26', '2027-04-24', '2027-04-24', '2027-04-23', '25 Apr 2027 is a Sunday'],
    ['2028-03-13', '2028-04-18', '2028-04-12', '2028-04-12', '2028-04-12', 'Easter 2028: 13-17 Apr closed'],
    ['2026-04-14', '2026-05-15', '2026-05-14', '2026-05-14', '2026-05-13', 'Ascension Day 2026'],
    ['2026-04-25', '2026-05-26', '2026-05-25', '2026-05-25', '2026-05-22', 'Whit Monday 2026'],
    ['2027-04-17', '2027-05-18', '2027-05-17', '2027-05-17', '2027-05-14', '17 May 2027 (also Whit Monday)'],
    ['2028-04-17', '2028-05-18', '2028-05-17', '2028-05-17', '2028-05-16', '17 May 2028, a Wednesday'],
    ['2026-11-24', '2026-12-24', '2026-12-24', '2026-12-24', '2026-12-24', 'Christmas Eve is a working day'],
    ['2026-11-25', '2026-12-28', '2026-12-25', '2026-12-25', '2026-12-24', 'Christmas Day and weekend'],
    ['2026-12-01', '2027-01-04', '2026-12-31', '2026-12-31', '2026-12-31', 'New Year; 31 Dec is a working day'],
    ['2026-06-11', '2026-07-13', '2026-07-11', '2026-07-11', '2026-07-10', 'Saturday'],
    ['2026-06-13', '2026-07-13', '2026-07-13', '2026-07-13', '2026-07-13', 'Monday, no roll'],
  ])('received %s → statutory %s, promise %s, effective %s, send by %s (%s)', (receivedOn, statutory, promise, effective, sendBy) => {
    expect(thirtyDayPromise.compute({ receivedOn })).toEqual({ statutory, promise, effective, sendBy, extended: null });
  });

  it('adds paused days before rolling to a working day', () => {
    expect(thirtyDayPromise.compute({ receivedOn: '2026-03-05', pausedDays: 10 })).toEqual({
      statutory: '2026-04-15',
      promise: '2026-04-14',
      effective: '2026-04-14',
      sendBy: '2026-04-14',
      extended: null,
    });
    // 2 Apr + 1 paused day = Good Friday, rolled past Easter.
    expect(thirtyDayPromise.compute({ receivedOn: '2026-03-02', pausedDays: 1 }).statutory).toBe('2026-04-07');
    expect(thirtyDayPromise.compute({ receivedOn: '2026-11-30', pausedDays: 1 }).statutory).toBe('2026-12-31');
    expect(thirtyDayPromise.compute({ receivedOn: '2026-03-05', pausedDays: 10, extended: true }).extended).toBe('2026-06-15');
  });

  it('with promiseDays 0 there is no promise and the statutory deadline is effective', () => {
    expect(statutoryOnly.compute({ receivedOn: '2026-03-05' })).toEqual({
      statutory: '2026-04-07',
      promise: null,
      effective: '2026-04-07',
      sendBy: '2026-04-07',
      extended: null,
    });
  });

  it('a promise later than the statutory deadline does not move the effective deadline', () => {
    const generous = new DeadlinePolicy({ promiseDays: 40, calendar: norway });
    expect(generous.compute({ receivedOn: '2026-08-31' })).toMatchObject({
      statutory: '2026-09-30',
      promise: '2026-10-10',
      effective: '2026-09-30',
    });
  });

  it.each([
    ['2026-11-30', '2027-03-01'], // 28 Feb 2027 is a Sunday
    ['2027-11-30', '2028-02-29'], // leap year cap
    ['2026-10-31', '2027-02-01'], // 31 Jan 2027 is a Sunday
    ['2027-02-25', '2027-05-25'],
  ])('extended deadline for %s is %s', (receivedOn, extended) => {
    expect(thirtyDayPromise.compute({ receivedOn, extended: true }).extended).toBe(extended);
  });

  it('follows the configured calendar', () => {
    const closedTuesdayAfterEaster = new DeadlinePolicy({
      promiseDays: 0,
      calendar: new WorkingDayCalendar({ extraClosedDays: ['2026-04-07'] }),
    });
    expect(closedTuesdayAfterEaster.compute({ receivedOn: '2026-03-05' }).statutory).toBe('2026-04-08');

    const openOnEasterMonday = new DeadlinePolicy({
      promiseDays: 30,
      calendar: new WorkingDayCalendar({ extraWorkingDays: ['2026-04-06'] }),
    });
    expect(openOnEasterMonday.compute({ receivedOn: '2026-03-05' })).toMatchObject({
      statutory: '2026-04-06',
      sendBy: '2026-04-01', // the promise (4 Apr) still comes first
    });
  });

  it('rejects invalid input', () => {
    expect(() => thirtyDayPromise.compute({ receivedOn: '2026-02-30' })).toThrow(RangeError);
    expect(() => thirtyDayPromise.compute({ receivedOn: '2026-03-05', pausedDays: -1 })).toThrow(/pausedDays/);
    expect(() => thirtyDayPromise.compute({ receivedOn: '2026-03-05', pausedDays: 1.5 })).toThrow(/pausedDays/);
    expect(() => new DeadlinePolicy({ promiseDays: -30, calendar: norway })).toThrow(/promiseDays/);
  });
});

describe('DeadlinePolicy.checkExtension', () => {
  it('allows an extension up to and including the statutory deadline, warning about the promise', () => {
    for (const today of ['2026-03-05', '2026-04-05', '2026-04-07']) {
      const check = thirtyDayPromise.checkExtension({ receivedOn: '2026-03-05', today, alreadyExtended: false });
      expect(check).toEqual({
        allowed: true,
        deadline: '2026-06-05',
        breaksPromise: true,
        warning: expect.stringContaining('promise to answer within 30 days'),
      });
    }
  });

  it('refuses the day after the statutory deadline and says why', () => {
    const check = thirtyDayPromise.checkExtension({ receivedOn: '2026-03-05', today: '2026-04-08', alreadyExtended: false });
    expect(check.allowed).toBe(false);
    if (!check.allowed) {
      expect(check.reason).toContain('2026-04-07');
      expect(check.reason).toMatch(/before that deadline/);
    }
  });

  it('refuses a second extension', () => {
    const check = thirtyDayPromise.checkExtension({ receivedOn: '2026-03-05', today: '2026-03-20', alreadyExtended: true });
    expect(check.allowed).toBe(false);
    if (!check.allowed) expect(check.reason).toMatch(/already been extended/);
  });

  it('counts paused days in both the cut-off and the new deadline', () => {
    const check = thirtyDayPromise.checkExtension({
      receivedOn: '2026-03-05',
      pausedDays: 10,
      today: '2026-04-15',
      alreadyExtended: false,
    });
    expect(check).toMatchObject({ allowed: true, deadline: '2026-06-15' });
    expect(thirtyDayPromise.checkExtension({ receivedOn: '2026-03-05', pausedDays: 10, today: '2026-04-16', alreadyExtended: false }).allowed).toBe(false);
  });

  it('has no promise to break when promiseDays is 0', () => {
    expect(statutoryOnly.checkExtension({ receivedOn: '2026-03-05', today: '2026-03-20', alreadyExtended: false })).toEqual({
      allowed: true,
      deadline: '2026-06-05',
      breaksPromise: false,
    });
  });

  it('throws when today is before receipt, which is a clock or data error, not a staff decision', () => {
    expect(() => thirtyDayPromise.checkExtension({ receivedOn: '2026-03-05', today: '2026-03-04', alreadyExtended: false })).toThrow(RangeError);
  });
});
