import { WorkingDayCalendar } from './working-day-calendar';

describe('WorkingDayCalendar (Norwegian default)', () => {
  const calendar = new WorkingDayCalendar();

  it.each([
    ['2026-01-01', false, 'New Year’s Day'],
    ['2026-01-02', true, 'Friday after New Year'],
    ['2026-04-01', true, 'Wednesday before Easter'],
    ['2026-04-02', false, 'Maundy Thursday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-07', true, 'Tuesday after Easter'],
    ['2027-03-25', false, 'Maundy Thursday 2027'],
    ['2027-03-29', false, 'Easter Monday 2027'],
    ['2026-05-01', false, 'Labour Day'],
    ['2026-05-14', false, 'Ascension Day'],
    ['2026-05-15', true, 'Friday after Ascension'],
    ['2026-05-25', false, 'Whit Monday'],
    ['2027-05-17', false, 'Constitution Day 2027 (also Whit Monday)'],
    ['2028-05-17', false, 'Constitution Day 2028, a Wednesday'],
    ['2028-05-18', true, 'Thursday after 17 May 2028'],
    ['2026-12-24', true, 'Christmas Eve'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-28', true, 'Monday after Christmas'],
    ['2026-12-31', true, 'New Year’s Eve'],
    ['2026-06-13', false, 'Saturday'],
    ['2026-06-14', false, 'Sunday'],
    ['2026-06-15', true, 'Monday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-04-02', '2026-04-07'], // Maundy Thursday through Easter Monday
    ['2026-04-07', '2026-04-07'],
    ['2026-12-25', '2026-12-28'],
    ['2027-01-01', '2027-01-04'],
    ['2026-06-13', '2026-06-15'],
  ])('next working day on or after %s is %s', (date, expected) => {
    expect(calendar.nextWorkingDayOnOrAfter(date)).toBe(expected);
  });

  it.each([
    ['2026-04-06', '2026-04-01'],
    ['2026-04-04', '2026-04-01'],
    ['2026-04-01', '2026-04-01'],
    ['2027-01-03', '2026-12-31'], // walks back across the year boundary
    ['2026-12-27', '2026-12-24'],
  ])('last working day on or before %s is %s', (date, expected) => {
    expect(calendar.lastWorkingDayOnOrBefore(date)).toBe(expected);
  });

  it('lists the year’s holidays, including those on a weekend, without duplicates', () => {
    const holidays2027 = calendar.holidaysIn(2027);
    expect(holidays2027).toHaveLength(11); // Whit Monday and 17 May share a date
    expect(holidays2027).toContain('2027-03-28');
    expect(holidays2027[0]).toBe('2027-01-01');
  });

  it('rejects an invalid date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('WorkingDayCalendar configuration', () => {
  it('closes extra company days', () => {
    const calendar = new WorkingDayCalendar({ extraClosedDays: ['2026-04-07', '2026-12-31'] });
    expect(calendar.isWorkingDay('2026-04-07')).toBe(false);
    expect(calendar.nextWorkingDayOnOrAfter('2026-04-03')).toBe('2026-04-08');
    expect(calendar.holidaysIn(2026)).toContain('2026-12-31');
    expect(calendar.holidaysIn(2027)).not.toContain('2026-12-31');
  });

  it('lets the company declare a holiday a working day', () => {
    const calendar = new WorkingDayCalendar({ extraWorkingDays: ['2026-04-06'] });
    expect(calendar.isWorkingDay('2026-04-06')).toBe(true);
    expect(calendar.nextWorkingDayOnOrAfter('2026-04-02')).toBe('2026-04-06');
    expect(calendar.holidaysIn(2026)).not.toContain('2026-04-06');
  });

  it('refuses to make a weekend a working day, or a day both closed and open', () => {
    expect(() => new WorkingDayCalendar({ extraWorkingDays: ['2026-04-05'] })).toThrow(/weekend/);
    expect(() => new WorkingDayCalendar({ extraClosedDays: ['2026-04-07'], extraWorkingDays: ['2026-04-07'] })).toThrow(/both/);
    expect(() => new WorkingDayCalendar({ extraClosedDays: ['2026-02-30'] })).toThrow(RangeError);
  });

  it('uses a custom holiday list and asks for each year once', () => {
    const asked: number[] = [];
    const calendar = new WorkingDayCalendar({
      holidays: (year) => {
        asked.push(year);
        return [`${year}-06-23`];
      },
    });
    expect(calendar.isWorkingDay('2026-06-23')).toBe(false);
    expect(calendar.isWorkingDay('2026-04-06')).toBe(true); // Easter Monday is not in this list
    expect(calendar.isWorkingDay('2026-06-24')).toBe(true);
    calendar.holidaysIn(2026);
    expect(asked).toEqual([2026]);
  });

  it('fails loudly when a holiday list returns a date from another year or an invalid date', () => {
    expect(() => new WorkingDayCalendar({ holidays: () => ['2025-12-25'] }).isWorkingDay('2026-01-05')).toThrow(/year 2026/);
    expect(() => new WorkingDayCalendar({ holidays: (year) => [`${year}-02-30`] }).isWorkingDay('2026-01-05')).toThrow(RangeError);
  });

  it('gives up instead of looping when no working day exists', () => {
    const everyDayClosed = new WorkingDayCalendar({
      holidays: (year) => {
        const days: string[] = [];
        for (let date = new Date(Date.UTC(year, 0, 1)); date.getUTCFullYear() === year; date.setUTCDate(date.getUTCDate() + 1)) {
          days.push(date.toISOString().slice(0, 10));
        }
        return days;
      },
    });
    expect(() => everyDayClosed.nextWorkingDayOnOrAfter('2026-01-01')).toThrow(/No working day/);
  });
});
