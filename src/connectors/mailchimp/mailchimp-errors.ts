import { CONNECTOR_ERROR_TEXTS, ConnectorAuthError, connectorError, type ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import type { MailchimpProblem } from './mailchimp-types';

/**
 * Mailchimp limits each API key to 10 connections at once and answers an eleventh with 429; it
 * sends no Retry-After or rate-limit headers, so the wait doubles from one second per attempt
 * (a Retry-After, should one come, is used instead).
 */
export const CONCURRENCY_BACKOFF_MS = 1000;

export function rateLimitWaitMs(headers: Headers, attempt: number, now = Date.now()): number {
  return retryAfterMs(headers.get('retry-after'), now, CONCURRENCY_BACKOFF_MS * 2 ** attempt);
}

export function rateLimitedError(waitMs: number): RateLimitedError {
  return new RateLimitedError(waitMs, 'Mailchimp refused a connection over its limit of 10 at once (429)');
}

/**
 * Maps a non-2xx, non-429 answer to the connector's error types. The message names the operation,
 * status, the problem's title and its `instance` (for Mailchimp support), never its `detail`, which
 * often quotes the member's e-mail address. A 403 without a problem body is how an overloaded
 * Mailchimp has been seen to throttle: it is retried rather than taken for bad credentials.
 */
export function connectorErrorFrom(operation: string, status: number, problem: MailchimpProblem | undefined): ConnectorError {
  const described = describe(problem);
  if (status === 401 || (status === 403 && problem?.title)) {
    const text = { en: `Mailchimp rejected the API key (${operation}): ${described}`, nb: `Mailchimp avviste API-nøkkelen (${operation}): ${described}` };
    return new ConnectorAuthError(text.en, status, text);
  }
  const retryable = status >= 500 || status === 408 || status === 403;
  return connectorError(CONNECTOR_ERROR_TEXTS.failedWith('Mailchimp', operation, status, described), retryable, status);
}

function describe(problem: MailchimpProblem | undefined): string {
  if (!problem?.title) return 'no problem details';
  const fields = (problem.errors ?? []).map((error) => error.field).filter((field): field is string => Boolean(field));
  return [problem.title, fields.length ? `fields ${fields.join(', ')}` : '', problem.instance ? `instance ${problem.instance}` : ''].filter(Boolean).join('; ');
}

/** A transport failure (connection refused, reset, timeout) is worth retrying later. */
export function networkError(operation: string, error: unknown): ConnectorError {
  const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
  return connectorError(CONNECTOR_ERROR_TEXTS.unreachable('Mailchimp', operation, reason), true);
}
