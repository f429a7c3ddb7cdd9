import { preservesFor } from '../../systems/registration-work';
import { goneOn, preservationVerdict } from './preservation-window';

const received = { receivedOn: '2026-04-27', effectiveDue: '2026-05-27' };

describe('preservation decided at receipt from the records’ own dates', () => {
  it('a form sent on 25 April under a 60-day purge is gone on 24 June', () => {
    expect(goneOn('2026-04-25', 'P60D')).toBe('2026-06-24');
    expect(goneOn('2026-04-25', 'P7D')).toBe('2026-05-02');
    expect(goneOn('2026-01-31', 'P1M')).toBe('2026-02-28');
    expect(goneOn('2026-04-25', undefined)).toBeNull();
  });

  it('preserves the form when 24 June comes before the deadline, not when it comes after', () => {
    const form = { recordDates: ['2026-04-25'] };
    expect(preservationVerdict({ receivedOn: '2026-05-02', effectiveDue: '2026-06-30', dates: form }, 'P60D')).toEqual({
      kind: 'preserve',
      from: '2026-04-25',
      to: '2026-04-25',
      firstDayAtRisk: '2026-06-24',
      earlierGoneBefore: null,
    });
    expect(preservationVerdict({ receivedOn: '2026-05-02', effectiveDue: '2026-06-02', dates: form }, 'P60D')).toMatchObject({
      kind: 'not_needed',
      firstDayAtRisk: '2026-06-24',
    });
  });

  it('without dates, everything held at receipt is at stake: the oldest record is gone the next day', () => {
    expect(preservationVerdict({ ...received, dates: {} }, 'P7D')).toEqual({
      kind: 'preserve',
      from: '2026-04-21',
      to: '2026-04-27',
      firstDayAtRisk: '2026-04-28',
      earlierGoneBefore: null,
    });
    expect(preservationVerdict({ ...received, dates: {} }, 'P4M')).toMatchObject({ kind: 'preserve', from: '2025-12-28', firstDayAtRisk: '2026-04-28' });
  });

  it('footage from days partly overwritten already: preserves what is left and says from when', () => {
    expect(preservationVerdict({ ...received, dates: { period: { from: '2026-04-15', to: '2026-04-25' } } }, 'P7D')).toEqual({
      kind: 'preserve',
      from: '2026-04-21',
      to: '2026-04-25',
      firstDayAtRisk: '2026-04-28',
      earlierGoneBefore: '2026-04-21',
    });
  });

  it('records all gone before the request came are recorded as gone, with the day the last went', () => {
    expect(preservationVerdict({ ...received, dates: { period: { from: '2026-04-01', to: '2026-04-20' } } }, 'P7D')).toEqual({
      kind: 'gone',
      from: '2026-04-01',
      to: '2026-04-20',
      goneOn: '2026-04-27',
    });
  });

  it('a system without a period has no routine deletion to guard against; erasure needs no preservation', () => {
    expect(preservationVerdict({ ...received, dates: {} }, undefined)).toBeNull();
    expect(preservesFor('erasure')).toBe(false);
    expect(preservesFor('access')).toBe(true);
    expect(preservesFor('restriction')).toBe(true);
  });
});
