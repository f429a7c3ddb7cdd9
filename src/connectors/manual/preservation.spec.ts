import { escalationDelayMs, needsPreservation, routineDeletionAt } from './preservation';

const DAY = 24 * 3600 * 1000;
const since = new Date('2026-03-05T10:00:00Z');
const system = (period?: string) => ({ retention: period ? { period } : { criteria: 'until the person objects' } });
const entity = { effectiveDue: '2026-04-04' };

describe('preservation of data under routine deletion', () => {
  it('knows when routine deletion removes what was there when the task began', () => {
    expect(routineDeletionAt(system('P7D'), since)?.toISOString()).toBe('2026-03-12T10:00:00.000Z');
    expect(routineDeletionAt(system(), since)).toBeNull();
  });

  it('asks for preservation when the data would be gone before the deadline, except for erasure', () => {
    expect(needsPreservation(entity, system('P7D'), 'export', since)).toBe(true);
    expect(needsPreservation(entity, system('P30D'), 'restrict', since)).toBe(true);
    expect(needsPreservation(entity, system('P4M'), 'export', since)).toBe(false);
    expect(needsPreservation(entity, system(), 'export', since)).toBe(false);
    expect(needsPreservation(entity, system('P7D'), 'erase', since)).toBe(false);
  });

  it('escalates after a week, or a day before routine deletion when that is sooner', () => {
    expect(escalationDelayMs(system('P4M'), since)).toBe(7 * DAY);
    expect(escalationDelayMs(system(), since)).toBe(7 * DAY);
    expect(escalationDelayMs(system('P8D'), since)).toBe(7 * DAY);
    expect(escalationDelayMs(system('P7D'), since)).toBe(6 * DAY);
    expect(escalationDelayMs(system('P2D'), since)).toBe(DAY);
    expect(escalationDelayMs(system('P1D'), since)).toBe(0);
  });
});
