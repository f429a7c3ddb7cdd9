import fc from 'fast-check';
import { addDays, weekday } from '../../common/iso-date';
import { easterSunday, norwegianPublicHolidays } from './norwegian-holidays';

/** Gauss's Easter formula (Lichtenberg's form): an independent oracle for the anonymous algorithm. */
function gaussEaster(year: number): string {
  const k = Math.floor(year / 100);
  const m = 15 + Math.floor((3 * k + 3) / 4) - Math.floor((8 * k + 13) / 25);
  const s = 2 - Math.floor((3 * k + 3) / 4);
  const a = year % 19;
  const d = (19 * a + m) % 30;
  const r = Math.floor((d + Math.floor(a / 11)) / 29);
  const og = 21 + d - r;
  const sz = 7 - ((year + Math.floor(year / 4) + s) % 7);
  const oe = 7 - ((og - sz) % 7);
  const marchDay = og + oe;
  return marchDay <= 31 ? `${year}-03-${String(marchDay).padStart(2, '0')}` : `${year}-04-${String(marchDay - 31).padStart(2, '0')}`;
}

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [2038, '2038-04-25'],
    [1583, '1583-04-10'],
    [4099, '4099-04-19'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('refuses years outside 1583-4099 and fractional years', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(4100)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });

  it('is a Sunday between 22 March and 25 April and agrees with Gauss for every year 1583-4099', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(easter).toBe(gaussEaster(year));
        expect(weekday(easter)).toBe(7);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('norwegianPublicHolidays', () => {
  it('lists the twelve 2026 holidays in date order', () => {
    expect(norwegianPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'New Year’s Day' },
      { date: '2026-04-02', name: 'Maundy Thursday' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-05', name: 'Easter Sunday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-01', name: 'Labour Day' },
      { date: '2026-05-14', name: 'Ascension Day' },
      { date: '2026-05-17', name: 'Constitution Day' },
      { date: '2026-05-24', name: 'Whit Sunday' },
      { date: '2026-05-25', name: 'Whit Monday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Second Day of Christmas' },
    ]);
  });

  it.each([
    [2027, ['2027-03-25', '2027-03-26', '2027-03-28', '2027-03-29', '2027-05-06', '2027-05-16', '2027-05-17']],
    [2028, ['2028-04-13', '2028-04-14', '2028-04-16', '2028-04-17', '2028-05-25', '2028-06-04', '2028-06-05']],
    [2029, ['2029-03-29', '2029-03-30', '2029-04-01', '2029-04-02', '2029-05-10', '2029-05-20', '2029-05-21']],
  ])('moves the Easter-based holidays in %i', (year, movable) => {
    const dates = norwegianPublicHolidays(year).map((holiday) => holiday.date);
    for (const date of movable) expect(dates).toContain(date);
  });

  it('keeps both names when Whit Monday falls on 17 May (2027)', () => {
    const onMay17 = norwegianPublicHolidays(2027).filter((holiday) => holiday.date === '2027-05-17');
    expect(onMay17.map((holiday) => holiday.name).sort()).toEqual(['Constitution Day', 'Whit Monday']);
  });

  it('keeps both names when Ascension Day falls on 1 May (2008)', () => {
    const onMay1 = norwegianPublicHolidays(2008).filter((holiday) => holiday.date === '2008-05-01');
    expect(onMay1.map((holiday) => holiday.name).sort()).toEqual(['Ascension Day', 'Labour Day']);
  });

  it('does not list Christmas Eve or New Year’s Eve', () => {
    const dates = norwegianPublicHolidays(2026).map((holiday) => holiday.date);
    expect(dates).not.toContain('2026-12-24');
    expect(dates).not.toContain('2026-12-31');
  });

  it('places every movable holiday at its fixed offset from Easter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        const byName = new Map(norwegianPublicHolidays(year).map((holiday) => [holiday.name, holiday.date]));
        expect(byName.get('Maundy Thursday')).toBe(addDays(easter, -3));
        expect(byName.get('Good Friday')).toBe(addDays(easter, -2));
        expect(byName.get('Easter Monday')).toBe(addDays(easter, 1));
        expect(byName.get('Ascension Day')).toBe(addDays(easter, 39));
        expect(byName.get('Whit Sunday')).toBe(addDays(easter, 49));
        expect(byName.get('Whit Monday')).toBe(addDays(easter, 50));
        expect(weekday(addDays(easter, 39))).toBe(4);
      }),
      { numRuns: 200 },
    );
  });
});
