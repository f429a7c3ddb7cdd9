import { humanDate } from './human-date';

describe('humanDate', () => {
  it('writes a calendar day in each language, short or long, never shifted by a zone', () => {
    expect(humanDate('2026-12-05', 'nb')).toBe('5. des. 2026');
    expect(humanDate('2026-12-05', 'en')).toBe('5 Dec 2026');
    expect(humanDate('2026-12-05', 'nb', { longMonth: true })).toBe('5. desember 2026');
    expect(humanDate('2026-12-05', 'en', { longMonth: true })).toBe('5 December 2026');
    expect(humanDate('2026-01-01', 'nb', { timeZone: 'Pacific/Kiritimati' })).toBe('1. jan. 2026');
  });

  it('reads an instant in the company time zone, with the time when asked', () => {
    const instant = new Date('2026-12-05T13:03:00Z');
    expect(humanDate(instant, 'nb', { withTime: true })).toBe('5. des. 2026 kl. 14:03');
    expect(humanDate(instant, 'en', { withTime: true })).toBe('5 Dec 2026, 14:03');
    expect(humanDate(instant, 'nb')).toBe('5. des. 2026');
    // Summer time, and the day after in Oslo while it is still the day before in UTC.
    expect(humanDate('2026-06-30T22:30:00Z', 'nb', { withTime: true })).toBe('1. juli 2026 kl. 00:30');
    expect(humanDate(instant, 'en', { withTime: true, timeZone: 'America/New_York' })).toBe('5 Dec 2026, 08:03');
  });

  it('leaves a value that is no date as it is', () => {
    expect(humanDate('not a date', 'nb')).toBe('not a date');
    expect(humanDate('2026-02-30', 'en')).toBe('2026-02-30');
  });
});
