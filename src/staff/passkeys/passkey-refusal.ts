/**
 * Why a passkey ceremony was refused, each with its own text for the person at the browser:
 * - expired: no challenge, an altered or expired one, or one already answered (start again);
 * - unknown: the passkey is not registered here (removed, or registered on another service);
 * - failed: the answer did not verify, or the account may not sign in (deactivated, locked) —
 *   one text for all of these, so the answer tells nothing about the account;
 * - invalid: the request itself is malformed (names the field).
 */
export type PasskeyRefusalReason = 'expired' | 'unknown' | 'failed' | 'invalid';

export class PasskeyRefusal extends Error {
  constructor(
    readonly reason: PasskeyRefusalReason,
    readonly field?: string,
  ) {
    super(`passkey refused: ${reason}${field ? ` (${field})` : ''}`);
  }
}
