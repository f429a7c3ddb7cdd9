import { ConnectorAuthError, ConnectorError, RateLimitedError } from '../connector-errors';
import { missingPermission, type PermissionContext } from './zendesk-permissions';
import type { ZendeskErrorBody } from './zendesk-types';
import type { SummaryText } from '../connector';

/**
 * A Zendesk answer the connector cannot turn into a result by itself. The message names the
 * endpoint path and Zendesk's error code only: descriptions can carry names and addresses.
 */
export class ZendeskApiError extends ConnectorError {
  constructor(
    message: string,
    retryable: boolean,
    httpStatus: number,
    /** Zendesk's `error` code, e.g. RecordNotFound, RecordInvalid. */
    readonly code?: string,
    /** The error codes in `details`, by field (`base`, `value`, …), without the descriptions. */
    readonly detailCodes: Record<string, string[]> = {},
    text?: SummaryText,
  ) {
    super(message, retryable, httpStatus, text);
  }
}

/**
 * Zendesk refused a request the credentials are valid for (403): a missing OAuth scope, Agent
 * Workspace switched off, or a role without the permission. Not retryable and not "credentials
 * rejected": someone has to grant `missingPermission` first.
 */
export class ZendeskPermissionError extends ZendeskApiError {
  constructor(
    operation: string,
    readonly missingPermission: string,
    code?: string,
  ) {
    super(
      `Zendesk refused ${operation} (403${code ? ` ${code}` : ''}): it needs ${missingPermission}`,
      false,
      403,
      code,
      {},
      {
        en: `Zendesk refused ${operation} (403${code ? ` ${code}` : ''}): it needs ${missingPermission}`,
        nb: `Zendesk avviste ${operation} (403${code ? ` ${code}` : ''}): det krever ${missingPermission}`,
      },
    );
  }
}

export const isNotFound = (error: unknown): error is ZendeskApiError => error instanceof ZendeskApiError && error.httpStatus === 404;

export const isRecordInvalid = (error: unknown): error is ZendeskApiError => error instanceof ZendeskApiError && error.httpStatus === 422;

function parseBody(text: string): ZendeskErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as ZendeskErrorBody) : {};
  } catch {
    // Zendesk answers some errors (429s in particular) with text/plain.
    return {};
  }
}

/** Maps a non-2xx answer (other than 429, which the client handles itself) to a typed error. */
export function zendeskError(status: number, bodyText: string, operation: string, permissions?: PermissionContext): ConnectorError {
  const body = parseBody(bodyText);
  const code = typeof body.error === 'string' ? body.error : (body.error?.title ?? body.errors?.[0]?.code);
  const detailCodes: Record<string, string[]> = {};
  for (const [field, entries] of Object.entries(body.details ?? {})) {
    if (Array.isArray(entries)) detailCodes[field] = entries.map((entry) => entry.error ?? 'invalid');
  }
  const suffix = code ? ` (${code})` : '';
  if (status === 401) {
    const text = { en: `Zendesk rejected the credentials for ${operation}`, nb: `Zendesk avviste påloggingsopplysningene for ${operation}` };
    return new ConnectorAuthError(text.en, 401, text);
  }
  if (status === 403) {
    const [method, path] = operation.split(' ');
    return new ZendeskPermissionError(operation, missingPermission(method, path, permissions ?? { authKind: 'api_token' }), code);
  }
  if (status === 429) return new RateLimitedError(1000, `Zendesk rate limit on ${operation}`);
  // 409: a concurrent update of the same record; trying again is the documented remedy.
  const retryable = status >= 500 || status === 409 || status === 408;
  const text = { en: `Zendesk answered ${status} to ${operation}${suffix}`, nb: `Zendesk svarte ${status} på ${operation}${suffix}` };
  return new ZendeskApiError(text.en, retryable, status, code, detailCodes, text);
}
