/**
 * Errors a connector throws so the task runner can decide: retry later (rate limit, transient),
 * or stop and show the failure to staff (permanent).
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    /** Whether trying again later can succeed (5xx, timeouts, 429). */
    readonly retryable: boolean,
    /** The HTTP status the provider answered, when there was one. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The provider said "too many requests"; wait `retryAfterMs` before the next call. */
export class RateLimitedError extends ConnectorError {
  constructor(
    readonly retryAfterMs: number,
    message = 'rate limited by provider',
  ) {
    super(message, true, 429);
  }
}

/** Credentials rejected: retrying will not help until someone fixes the configuration. */
export class ConnectorAuthError extends ConnectorError {
  constructor(message: string, httpStatus = 401) {
    super(message, false, httpStatus);
  }
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(header: string | null | undefined, now = Date.now(), fallbackMs = 1000): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}
