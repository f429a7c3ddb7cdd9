import { ConnectorAuthError } from '../connector-errors';
import { connectorErrorFrom, rateLimitFrom } from './hubspot-errors';

describe('rateLimitFrom', () => {
  const now = Date.parse('2026-03-05T22:30:00Z');

  it('prefers Retry-After', () => {
    const headers = new Headers({ 'Retry-After': '2', 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' });
    expect(rateLimitFrom(headers, { policyName: 'TEN_SECONDLY_ROLLING' }, now)).toEqual({
      policyName: 'TEN_SECONDLY_ROLLING',
      daily: false,
      waitMs: 2000,
    });
  });

  it('falls back to the rolling window length', () => {
    const headers = new Headers({ 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' });
    expect(rateLimitFrom(headers, { policyName: 'TEN_SECONDLY_ROLLING' }, now).waitMs).toBe(10_000);
  });

  it('waits for the daily cap until just after the next UTC midnight', () => {
    expect(rateLimitFrom(new Headers(), { policyName: 'DAILY' }, now)).toEqual({
      policyName: 'DAILY',
      daily: true,
      waitMs: 91 * 60 * 1000,
    });
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
