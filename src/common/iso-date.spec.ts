import fc from 'fast-check';
import { addDays, addMonths, compareIsoDates, daysBetween, isIsoDate, maxIsoDate, minIsoDate, parseIsoDate, weekday } from './iso-date';

describe('parseIsoDate', () => {
  it.each(['2026-01-01', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])('accepts the real date %s', (value) => {
    expect(parseIsoDate(value)).toBe(value);
  });

  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is not a leap year
    '1900-02-29', // century years are leap years only when divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '26-01-05',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '0000-01-01',
    '',
  ])('throws on %p', (value) => {
    expect(() => parseIsoDate(value)).toThrow(RangeError);
  });

  it('isIsoDate reports validity without throwing', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-05', 30, '2026-04-04'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-03-29', 0, '2026-03-29'], // the EU switches to summer time that night; date-only maths must not care
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses fractional days and invalid dates', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('addMonths (Regulation 1182/71)', () => {
  it.each([
    ['2026-03-05', 1, '2026-04-05'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2028-01-29', 1, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-02-28', 1, '2026-03-28'], // the same date, not "month end to month end"
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-03-05', 3, '2026-06-05'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-15', 12, '2027-05-15'],
    ['2028-02-29', 12, '2029-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses fractional months and results outside 0001-9999', () => {
    expect(() => addMonths('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});

describe('daysBetween, weekday, comparisons', () => {
  it('counts signed days', () => {
    expect(daysBetween('2026-03-05', '2026-04-04')).toBe(30);
    expect(daysBetween('2026-04-04', '2026-03-05')).toBe(-30);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
  });

  it.each([
    ['2026-01-01', 4], // Thursday
    ['2026-04-05', 7], // Easter Sunday
    ['2026-04-06', 1], // Easter Monday
    ['2026-02-28', 6], // Saturday
    ['2028-02-29', 2], // Tuesday
    ['1970-01-01', 4],
    ['2000-01-01', 6],
  ])('%s has ISO weekday %i', (date, expected) => {
    expect(weekday(date)).toBe(expected);
  });

  it('compares and picks the earliest and latest', () => {
    expect(compareIsoDates('2026-04-04', '2026-04-07')).toBe(-1);
    expect(compareIsoDates('2026-04-07', '2026-04-04')).toBe(1);
    expect(compareIsoDates('2026-04-07', '2026-04-07')).toBe(0);
    expect(minIsoDate('2026-04-07', '2026-04-04', '2026-05-01')).toBe('2026-04-04');
    expect(maxIsoDate('2026-04-07', '2026-04-04', '2026-05-01')).toBe('2026-05-01');
    expect(minIsoDate('2026-04-07')).toBe('2026-04-07');
    expect(() => minIsoDate('2026-04-07', '2026-02-30')).toThrow(RangeError);
  });
});

describe('iso-date properties against the JavaScript Date oracle', () => {
  // Date.UTC is trustworthy for these years; the implementation deliberately does not use it.
  const day = 86_400_000;
  const epochDays = fc.integer({ min: Date.UTC(1900, 0, 1) / day, max: Date.UTC(2200, 11, 31) / day });
  const isoOf = (epochDay: number): string => new Date(epochDay * day).toISOString().slice(0, 10);

  it('addDays, daysBetween and weekday agree with Date', () => {
    fc.assert(
      fc.property(epochDays, fc.integer({ min: -1000, max: 1000 }), (start, offset) => {
        const date = isoOf(start);
        expect(addDays(date, offset)).toBe(isoOf(start + offset));
        expect(daysBetween(date, isoOf(start + offset))).toBe(offset);
        expect(weekday(date)).toBe(((new Date(start * day).getUTCDay() + 6) % 7) + 1);
      }),
    );
  });

  it('addMonths lands in the target month, on the same day or that month’s last day', () => {
    fc.assert(
      fc.property(epochDays, fc.integer({ min: -24, max: 24 }), (start, months) => {
        const source = new Date(start * day);
        const result = addMonths(isoOf(start), months);
        const target = new Date(Date.UTC(source.getUTCFullYear(), source.getUTCMonth() + months, 1));
        const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        const expectedDay = Math.min(source.getUTCDate(), lastDay);
        expect(result).toBe(isoOf(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), expectedDay) / day));
      }),
    );
  });
});
