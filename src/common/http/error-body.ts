import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../domain-error';

/** The one error shape of the API (README "API overview", docs/stable-interfaces.md): never a stack trace. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  /** A refusal's stable code (e.g. `matches_undecided`), so a client can tell refusals apart. */
  code?: string;
}

const DOMAIN_STATUS: Record<DomainError['code'], number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** PostgreSQL text cannot hold U+0000 (22P05, and 22021 for a bad byte sequence): the value
 *  came from the client, so it is a 400 — the last line behind the input checks. */
function isUnstorableText(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  const code = candidate?.code ?? candidate?.driverError?.code;
  return code === '22P05' || code === '22021';
}

/** A lost PostgreSQL or Redis connection is a 503 (try again), not a 500. */
export function isBackendUnavailable(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string }; message?: string; name?: string };
  const code = candidate?.code ?? candidate?.driverError?.code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = candidate?.message ?? '';
  return (
    candidate?.name === 'MaxRetriesPerRequestError' ||
    /Connection terminated|Connection is closed|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|^Command timed out$|Stream isn't writeable/i.test(
      message,
    )
  );
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = DOMAIN_STATUS[exception.code];
    return {
      statusCode,
      error: HttpStatus[statusCode] ? titleCase(HttpStatus[statusCode]) : 'Error',
      message: exception.message,
      ...(exception.details ? { details: exception.details } : {}),
      ...(exception.refusal ? { code: exception.refusal.code } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    return {
      statusCode,
      error: typeof body.error === 'string' ? body.error : titleCase(HttpStatus[statusCode] ?? 'Error'),
      message,
      ...(Array.isArray(body.details) ? { details: body.details as FieldProblem[] } : {}),
    };
  }
  const clientError = bodyReadError(exception);
  if (clientError) return clientError;
  if (isUnstorableText(exception)) {
    return { statusCode: 400, error: 'Bad Request', message: 'A text value contains a character that cannot be stored (U+0000); remove it and try again.' };
  }
  if (isBackendUnavailable(exception)) {
    return {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The service is temporarily unavailable; please try again shortly.',
    };
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side.' };
}

/** body-parser refuses a body (too large, unsupported charset or encoding, broken JSON) with an
 *  http-errors error that carries its 4xx status and `expose: true`; it is the client's mistake. */
function bodyReadError(exception: unknown): ErrorBody | null {
  const candidate = exception as { status?: unknown; expose?: unknown; type?: unknown };
  if (typeof candidate?.status !== 'number' || candidate.status < 400 || candidate.status > 499) return null;
  if (candidate.expose !== true || typeof candidate.type !== 'string') return null;
  const statusCode = candidate.status;
  return {
    statusCode,
    error: titleCase(HttpStatus[statusCode] ?? 'Bad Request'),
    message: statusCode === 413 ? 'The request body is too large.' : 'The request body could not be read.',
  };
}

function titleCase(constant: string): string {
  return constant
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
