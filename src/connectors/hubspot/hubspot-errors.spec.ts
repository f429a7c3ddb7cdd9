import { ConnectorAuthError } from '../connector-errors';
import { connectorErrorFrom, rateLimitFrom } from './hubspot-errors';

describe('rateLimitFrom', () => {
  // 22:30 UTC on 5 March: 17:30 in New York (UTC-5), already 07:30 on 6 March in Tokyo (UTC+9).
  const now = Date.parse('2026-03-05T22:30:00Z');
  const minutes = (count: number) => count * 60 * 1000;

  it('waits the rolling window HubSpot names in X-HubSpot-RateLimit-Interval-Milliseconds', () => {
    const headers = new Headers({ 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Remaining': '0' });
    expect(rateLimitFrom(headers, { policyName: 'TEN_SECONDLY_ROLLING' }, 'US/Eastern', now)).toEqual({
      policyName: 'TEN_SECONDLY_ROLLING',
      daily: false,
      waitMs: 10_000,
    });
  });

  it('waits a second for search’s per-second policy, and honours a Retry-After a proxy adds', () => {
    expect(rateLimitFrom(new Headers(), { policyName: 'SECONDLY' }, undefined, now).waitMs).toBe(1000);
    expect(rateLimitFrom(new Headers({ 'Retry-After': '2' }), { policyName: 'TEN_SECONDLY_ROLLING' }, undefined, now).waitMs).toBe(2000);
    expect(rateLimitFrom(new Headers(), { policyName: 'TEN_SECONDLY_ROLLING' }, undefined, now).waitMs).toBe(10_000);
  });

  it('waits for the daily cap until just after midnight in the account’s time zone', () => {
    expect(rateLimitFrom(new Headers(), { policyName: 'DAILY' }, 'US/Eastern', now)).toEqual({
      policyName: 'DAILY',
      daily: true,
      waitMs: minutes(6 * 60 + 31),
    });
    expect(rateLimitFrom(new Headers(), { policyName: 'DAILY' }, 'Asia/Tokyo', now).waitMs).toBe(minutes(16 * 60 + 31));
    expect(rateLimitFrom(new Headers(), { policyName: 'DAILY' }, 'Europe/Oslo', now).waitMs).toBe(minutes(31));
  });

  it('without a known time zone retries the daily cap just after the next full hour', () => {
    expect(rateLimitFrom(new Headers(), { policyName: 'DAILY' }, undefined, now).waitMs).toBe(minutes(31));
    expect(rateLimitFrom(new Headers(), { policyName: 'DAILY' }, 'Not/AZone', Date.parse('2026-03-05T22:00:00Z')).waitMs).toBe(minutes(61));
  });
});

describe('connectorErrorFrom', () => {
  it('maps 401 and 403 to ConnectorAuthError', () => {
    expect(connectorErrorFrom('contact search', 401, { category: 'INVALID_AUTHENTICATION' })).toBeInstanceOf(ConnectorAuthError);
    expect(connectorErrorFrom('contact search', 403, { category: 'MISSING_SCOPES' })).toBeInstanceOf(ConnectorAuthError);
  });

  it('keeps the HubSpot message and marks only 5xx retryable', () => {
    const invalid = connectorErrorFrom('contact update', 400, {
      status: 'error',
      message: 'Property values were not valid',
      category: 'VALIDATION_ERROR',
      correlationId: 'abc',
    });
    expect(invalid).toMatchObject({
      retryable: false,
      httpStatus: 400,
      message: 'HubSpot contact update failed with 400: VALIDATION_ERROR: Property values were not valid (correlationId abc)',
    });
    expect(connectorErrorFrom('contact update', 503, undefined)).toMatchObject({ retryable: true, httpStatus: 503 });
  });
});
