/** Why a single sign-on did not sign anyone in; each has its own words on the error page (sso-copy.ts). */
export type SsoRefusalReason =
  /** The attempt cookie is missing, altered or older than ten minutes (or the state differs). */
  | 'expired'
  /** The provider said no (the person cancelled, or the provider refused the client). */
  | 'provider_refused'
  /** The answer in the callback did not verify (incomplete, altered, or an ID token failing its checks). */
  | 'answer_invalid'
  /** The provider could not be reached, or answered with something that is not OAuth. */
  | 'provider_failed'
  /** The ID token has no e-mail address the provider vouches for. */
  | 'no_verified_email'
  /** No staff user has this e-mail, and provisioning is off. */
  | 'unknown_user'
  /** The role claim holds no value OIDC_ROLE_MAP maps to a role. */
  | 'no_role'
  /** The staff user exists but is deactivated. */
  | 'deactivated';

export class SsoRefusal extends Error {
  constructor(readonly reason: SsoRefusalReason) {
    super(`single sign-on refused: ${reason}`);
    this.name = 'SsoRefusal';
  }
}
