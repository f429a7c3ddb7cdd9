import { retryAfterMs } from './connector-errors';

describe('retryAfterMs', () => {
  it('reads seconds', () => expect(retryAfterMs('7')).toBe(7000));
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryAfterMs('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });
  it('falls back when missing or unreadable', () => {
    expect(retryAfterMs(undefined, 0, 1500)).toBe(1500);
    expect(retryAfterMs('soon', 0, 1500)).toBe(1500);
  });
});
