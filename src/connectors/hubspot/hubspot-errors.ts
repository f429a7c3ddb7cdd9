import { ConnectorAuthError, ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import type { HubSpotErrorBody } from './hubspot-types';

/** A 429 the client may either wait out inline or hand to the task runner. */
export interface HubSpotRateLimit {
  policyName: string;
  waitMs: number;
  /** The daily cap is never waited out inline. */
  daily: boolean;
}

/** How long a 429 asks us to wait: Retry-After when sent, else the rolling window's length, and for
 *  the daily cap until the next UTC midnight (HubSpot resets at the portal's midnight; UTC is the
 *  earliest that can be, plus a minute of margin). */
export function rateLimitFrom(headers: Headers, body: HubSpotErrorBody | undefined, now = Date.now()): HubSpotRateLimit {
  const policyName = body?.policyName ?? 'UNKNOWN';
  if (policyName === 'DAILY') {
    const midnight = new Date(now);
    midnight.setUTCHours(24, 1, 0, 0);
    const untilMidnight = midnight.getTime() - now;
    const header = headers.get('retry-after');
    return { policyName, daily: true, waitMs: header ? retryAfterMs(header, now, untilMidnight) : untilMidnight };
  }
  const interval = Number(headers.get('x-hubspot-ratelimit-interval-milliseconds'));
  const fallbackMs = Number.isFinite(interval) && interval > 0 ? interval : 1000;
  return { policyName, daily: false, waitMs: retryAfterMs(headers.get('retry-after'), now, fallbackMs) };
}

export function rateLimitedError(limit: HubSpotRateLimit): RateLimitedError {
  return new RateLimitedError(limit.waitMs, `HubSpot rate limit reached (${limit.policyName})`);
}

/** Maps a non-2xx, non-429 answer to the connector's error types. `operation` names the call
 *  without its arguments, so no e-mail address from a path ends up in the message. */
export function connectorErrorFrom(operation: string, status: number, body: HubSpotErrorBody | undefined): ConnectorError {
  const detail = describe(body);
  if (status === 401 || status === 403) {
    return new ConnectorAuthError(`HubSpot rejected the credentials (${operation}): ${detail}`, status);
  }
  const retryable = status >= 500 || status === 408;
  return new ConnectorError(`HubSpot ${operation} failed with ${status}: ${detail}`, retryable, status);
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
  return new ConnectorError(`HubSpot ${operation} could not be reached: ${reason}`, true);
}
