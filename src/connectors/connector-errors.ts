import type { SummaryText } from './connector';

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
    /** The message in each staff language (the vendor's own words quoted as they came), for the
     *  case page; `message` stays the English for logs. */
    readonly text?: SummaryText,
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
  constructor(message: string, httpStatus = 401, text?: SummaryText) {
    super(message, false, httpStatus, text);
  }
}

/** The sentences connectors wrap a vendor's answer in; the vendor's words (`detail`, `reason`) as they came. */
export const CONNECTOR_ERROR_TEXTS = {
  unreachable: (system: string, operation: string, reason: string): SummaryText => ({
    en: `${system} ${operation} could not be reached: ${reason}`,
    nb: `${system} kunne ikke nås (${operation}): ${reason}`,
  }),
  credentialsRejected: (system: string, operation: string, detail: string): SummaryText => ({
    en: `${system} rejected the credentials (${operation}): ${detail}`,
    nb: `${system} avviste påloggingsopplysningene (${operation}): ${detail}`,
  }),
  failedWith: (system: string, operation: string, status: number, detail: string): SummaryText => ({
    en: `${system} ${operation} failed with ${status}: ${detail}`,
    nb: `${system} svarte ${status} på ${operation}: ${detail}`,
  }),
};

/** A ConnectorError whose message is the English of `text`. */
export function connectorError(text: SummaryText, retryable: boolean, httpStatus?: number): ConnectorError {
  return new ConnectorError(text.en, retryable, httpStatus, text);
}

/** Parses an HTTP Retry-After header (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(header: string | null | undefined, now = Date.now(), fallbackMs = 1000): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}
