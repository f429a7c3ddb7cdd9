import type { Response } from 'express';
import type { Language } from '../../common/case-types';
import { PASSKEY_COPY } from './passkey-copy';
import { PasskeyRefusal } from './passkey-refusal';

/** HTTP status of each refusal: a malformed or stale request is the client's (400), a passkey
 *  that did not prove anything is a refused sign-in (401). */
const STATUS = { invalid: 400, expired: 400, unknown: 401, failed: 401 } as const;

/**
 * The JSON answer to a refused passkey call: `{ statusCode, error, message }` like the API's
 * errors, the message in the page's language for the script to show, and for bad input the
 * field and the problem in `details`.
 */
export function sendRefusal(response: Response, language: Language, refusal: PasskeyRefusal, override?: string): void {
  const copy = PASSKEY_COPY[language];
  const status = STATUS[refusal.reason];
  const message = override ?? (refusal.reason === 'invalid' ? `${copy.refusal.invalid}: ${refusal.field}` : copy.refusal[refusal.reason]);
  response
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    .json({
      statusCode: status,
      error: status === 400 ? 'Bad Request' : 'Unauthorized',
      message,
      ...(refusal.field ? { details: [{ field: refusal.field, problem: refusal.field === 'name' ? copy.nameProblem : 'missing or malformed' }] } : {}),
    });
}

/** 429 with Retry-After, as the password form answers. */
export function sendTooMany(response: Response, language: Language, retryAfter: number): void {
  response.setHeader('Retry-After', String(retryAfter));
  response.status(429).json({ statusCode: 429, error: 'Too Many Requests', message: PASSKEY_COPY[language].tooMany });
}
