import { createHash, randomInt } from 'node:crypto';

/** How many recovery codes a user is given at once; a new set replaces the old one whole. */
export const RECOVERY_CODE_COUNT = 10;

/** RFC 4648 base32 letters: no 0/1/8, so nothing is mistaken for O, I or B when typed from paper. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LENGTH = 16;

/**
 * A recovery code: 16 base32 characters (80 random bits), shown as four groups of four.
 *
 * Stored as SHA-256, not argon2: with 80 bits of randomness there is nothing to guess from a
 * leaked hash (2^80 tries), which is what a slow hash protects for human-chosen passwords; and a
 * fast hash lets a sign-in look its code up by hash instead of running argon2 against ten rows
 * per attempt (ten times the cost of a password check, for every guess an attacker sends).
 */
export function newRecoveryCode(): string {
  const characters = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return characters.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** What the user typed, as stored: upper case, without spaces or dashes; null when it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return code.length === LENGTH && [...code].every((character) => ALPHABET.includes(character)) ? code : null;
}

export function recoveryCodeHash(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex');
}
