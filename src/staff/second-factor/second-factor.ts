import { SetMetadata } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';

/** How a staff session was established. A passkey proves possession and user presence on its own;
 *  single sign-on leaves the second factor to the company's identity provider (SECURITY.md). */
export type SignInMethod = 'password' | 'sso' | 'passkey';

/** What the second-factor rule needs to know about the user. */
export interface SecondFactorState {
  /** The admin's setting: every staff member must use a second factor. */
  required: boolean;
  /** The user has a confirmed authenticator (TOTP). */
  totpEnabled: boolean;
}

/**
 * Whether a sign-in by `method` meets the organisation's second-factor rule. A password sign-in
 * of a user with an authenticator has always passed its code (the session is only made after it),
 * so only "required, password, no authenticator" falls short: that user is sent to enrol.
 * This is the one place the rule is decided; the passkey sign-in and the guard both ask here.
 */
export function secondFactorSatisfied(state: SecondFactorState, method: SignInMethod): boolean {
  if (!state.required) return true;
  if (method === 'passkey' || method === 'sso') return true;
  return state.totpEnabled;
}

export const SECOND_FACTOR_ENROLMENT_ROUTE_KEY = 'staff:secondFactorEnrolmentRoute';

/** Open to a user who still owes a second factor: the account page (enrolment) and sign-out. */
export const SecondFactorEnrolmentRoute = () => SetMetadata(SECOND_FACTOR_ENROLMENT_ROUTE_KEY, true);

/** The sign-in's second page: the code after a right password. */
export const SECOND_FACTOR_LOGIN_PAGE = '/staff/login/code';

/** Where a staff page sends a user who must enrol first. */
export const SECOND_FACTOR_ENROLMENT_PAGE = '/staff/account';

export const SECOND_FACTOR_REQUIRED = 'second_factor_required';
export const SECOND_FACTOR_ENROLMENT_REQUIRED = 'second_factor_enrolment_required';

/** 401 `second_factor_required`: the password was right, the account has an authenticator, no code came. */
export const secondFactorRequired = () =>
  new DomainError('unauthorized', 'This account has a second factor: send the 6-digit authenticator code (or a recovery code) as code.', undefined, {
    code: SECOND_FACTOR_REQUIRED,
  });

/** 403 `second_factor_enrolment_required`; staff pages turn it into a redirect to the enrolment page. */
export const secondFactorEnrolmentRequired = () =>
  new DomainError(
    'forbidden',
    'Every staff member must use a second factor: sign in to the staff pages and set up an authenticator on /staff/account first.',
    undefined,
    { code: SECOND_FACTOR_ENROLMENT_REQUIRED },
  );

export const isSecondFactorEnrolmentRequired = (error: unknown): boolean =>
  error instanceof DomainError && error.refusal?.code === SECOND_FACTOR_ENROLMENT_REQUIRED;
