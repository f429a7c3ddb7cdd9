import { arrivalDate, isValidTimeZone } from './arrival-date';

describe('arrivalDate', () => {
  it.each([
    ['2026-01-31T22:30:00Z', 'Europe/Oslo', '2026-01-31'], // 23:30 in Oslo, still 31 January there
    ['2026-01-31T23:30:00Z', 'Europe/Oslo', '2026-02-01'], // 00:30 on 1 February in Oslo
    ['2026-01-31T23:30:00Z', 'UTC', '2026-01-31'],
    ['2026-06-30T21:59:59Z', 'Europe/Oslo', '2026-06-30'], // summer time: UTC+2
    ['2026-06-30T22:00:00Z', 'Europe/Oslo', '2026-07-01'],
    ['2026-12-31T23:00:00Z', 'Europe/Oslo', '2027-01-01'],
    ['2026-03-01T04:00:00Z', 'America/New_York', '2026-02-28'],
  ])('%s arrives on %s local day in %s', (instant, timeZone, expected) => {
    expect(arrivalDate(new Date(instant), timeZone)).toBe(expected);
  });

  it('refuses an unknown zone or an invalid Date', () => {
    expect(() => arrivalDate(new Date('2026-01-31T22:30:00Z'), 'Europe/Atlantis')).toThrow(/Unknown time zone/);
    expect(() => arrivalDate(new Date('not a date'), 'Europe/Oslo')).toThrow(RangeError);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Oslo', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Europe/Atlantis', false],
    ['', false],
    ['+01:00', false],
  ])('%p is valid: %p', (name, expected) => {
    expect(isValidTimeZone(name)).toBe(expected);
  });
});
