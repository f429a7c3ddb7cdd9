import { CONNECTOR_ERROR_TEXTS, ConnectorAuthError, connectorError, type ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { untilDailyReset } from './hubspot-account-time';
import type { HubSpotErrorBody } from './hubspot-types';

/** A 429 the client may either wait out inline or hand to the task runner. */
export interface HubSpotRateLimit {
  policyName: string;
  waitMs: number;
  /** The daily cap is never waited out inline. */
  daily: boolean;
}

/** Search's own limit is per second; its 429 names the policy SECONDLY. */
const SECONDLY_MS = 1000;
/** The documented rolling window, when a 429 lacks the interval header. */
const ROLLING_WINDOW_MS = 10_000;

/**
 * How long a 429 asks us to wait. HubSpot sends no Retry-After; the policy in the body says which
 * limit was hit. The rolling window (TEN_SECONDLY_ROLLING) frees a slot at the latest one
 * `X-HubSpot-RateLimit-Interval-Milliseconds` after the request that filled it; a per-second policy
 * after a second; the daily cap (DAILY) at midnight in the account's time zone. A Retry-After, when
 * a proxy in between sends one, is honoured.
 */
export function rateLimitFrom(headers: Headers, body: HubSpotErrorBody | undefined, timeZone: string | undefined, now = Date.now()): HubSpotRateLimit {
  const policyName = body?.policyName ?? 'UNKNOWN';
  const retryAfter = headers.get('retry-after');
  if (policyName === 'DAILY') {
    const untilReset = untilDailyReset(timeZone, now);
    return { policyName, daily: true, waitMs: retryAfter ? retryAfterMs(retryAfter, now, untilReset) : untilReset };
  }
  const interval = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
  const windowMs = Number.isFinite(interval) && interval > 0 ? interval : undefined;
  const fallbackMs = policyName === 'SECONDLY' ? SECONDLY_MS : (windowMs ?? ROLLING_WINDOW_MS);
  return { policyName, daily: false, waitMs: retryAfterMs(retryAfter, now, fallbackMs) };
}

export function rateLimitedError(limit: HubSpotRateLimit): RateLimitedError {
  return new RateLimitedError(limit.waitMs, `HubSpot rate limit reached (${limit.policyName})`);
}

/** Maps a non-2xx, non-429 answer to the connector's error types. `operation` names the call
 *  without its arguments, so no e-mail address from a path ends up in the message. */
export function connectorErrorFrom(operation: string, status: number, body: HubSpotErrorBody | undefined): ConnectorError {
  const detail = describe(body);
  if (status === 401 || status === 403) {
    const text = CONNECTOR_ERROR_TEXTS.credentialsRejected('HubSpot', operation, detail);
    return new ConnectorAuthError(text.en, status, text);
  }
  const retryable = status >= 500 || status === 408;
  return connectorError(CONNECTOR_ERROR_TEXTS.failedWith('HubSpot', operation, status, detail), retryable, status);
}

function describe(body: HubSpotErrorBody | undefined): string {
  if (!body) return 'no error body';
  const parts = [body.category, body.message].filter((part): part is string => Boolean(part));
  const nested = (body.errors ?? []).map((error) => error.message).filter((message): message is string => Boolean(message));
  const text = [parts.join(': '), ...nested].filter(Boolean).join('; ');
  const withCorrelation = body.correlationId ? `${text} (correlationId ${body.correlationId})` : text;
  return withCorrelation || 'no error message';
}

/** A transport failure (connection refused, reset, timeout) is worth retrying later. */
export function networkError(operation: string, error: unknown): ConnectorError {
  const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
  return connectorError(CONNECTOR_ERROR_TEXTS.unreachable('HubSpot', operation, reason), true);
}
