import { dictionary } from '@zxcvbn-ts/language-common';
import { DomainError } from '../../common/domain-error';

/** NIST SP 800-63B 5.1.1.2: length, a list of common and breached passwords, nothing about the
 *  user; no composition rules. 8 is NIST's minimum; staff of a tool holding personal data get 12. */
export const MIN_PASSWORD_LENGTH = 12;
/** NIST asks for at least 64; 128 leaves room for passphrases and keeps argon2's input bounded. */
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

/** ~49,000 of the most common passwords from leaked lists, shipped offline by @zxcvbn-ts/language-common. */
const COMMON = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

const PROBLEM_TEXT: Record<PasswordProblem, string> = {
  tooShort: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `must be at most ${MAX_PASSWORD_LENGTH} characters`,
  common: 'is on a list of common or breached passwords; choose another',
  containsEmail: 'must not contain your e-mail address',
};

/** A common password, or one repeated ("passwordpassword"), or a single character repeated. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || new Set(lower).size === 1) return true;
  for (let size = 1; size <= lower.length / 2; size++) {
    if (lower.length % size === 0 && lower.slice(0, size).repeat(lower.length / size) === lower && COMMON.has(lower.slice(0, size))) return true;
  }
  return false;
}

/** Counts characters as the user typed them (code points), as NIST asks, not UTF-16 units. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong';
  if (isCommon(password)) return 'common';
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0];
  if (address && (lower.includes(address) || (local.length >= 3 && lower.includes(local)))) return 'containsEmail';
  return null;
}

/** The 400 naming the field and the problem; `problem` in details is the stable code pages word. */
export function assertGoodPassword(field: string, password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new DomainError('invalid', `${field} ${PROBLEM_TEXT[problem]}`, [{ field, problem }]);
}
