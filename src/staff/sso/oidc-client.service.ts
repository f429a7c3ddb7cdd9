import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { SsoAttempt } from './sso-state-cookie';
import { SsoRefusal } from './sso-refusal';

/** The ID token's claims, as the provider signed them. */
export type IdTokenClaims = Record<string, unknown>;

/**
 * The relying party: authorization code flow with PKCE (S256), state and nonce, through
 * openid-client. The provider's metadata is discovered from OIDC_ISSUER at the first sign-in
 * (not at boot, so a provider that is down does not stop the service) and kept; a failed
 * discovery is tried again at the next sign-in.
 */
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger('Sso');
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER);
  }

  get redirectUrl(): string {
    return this.config.OIDC_REDIRECT_URL ?? `${this.config.PUBLIC_URL}/staff/login/sso/callback`;
  }

  /** A new attempt and the provider's URL to send the browser to. */
  async start(next: string): Promise<{ attempt: SsoAttempt; url: string }> {
    const configuration = await this.discovered();
    const attempt: SsoAttempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), next };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      state: attempt.state,
      nonce: attempt.nonce,
    });
    return { attempt, url: url.href };
  }

  /** Checks the provider's answer against the attempt, redeems the code and verifies the ID token
   *  (signature, issuer, audience, expiry, nonce); returns its claims. */
  async finish(query: string, attempt: SsoAttempt): Promise<IdTokenClaims> {
    const configuration = await this.discovered();
    // The registered redirect URL with the provider's parameters: behind a proxy the request's own
    // URL may not be the one the provider knows.
    const currentUrl = new URL(this.redirectUrl);
    currentUrl.search = query;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        pkceCodeVerifier: attempt.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new SsoRefusal('provider_failed');
      return claims;
    } catch (error) {
      if (error instanceof SsoRefusal) throw error;
      throw refusalFor(error, this.logger);
    }
  }

  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = null;
      this.logger.warn(`discovery of ${this.config.OIDC_ISSUER} failed: ${describe(error)}`);
      throw new SsoRefusal('provider_failed');
    });
    return this.configuration;
  }

  private discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.config.OIDC_ISSUER!);
    return oidc.discovery(
      issuer,
      this.config.OIDC_CLIENT_ID!,
      this.config.OIDC_CLIENT_SECRET,
      undefined,
      // app-config admits http only for a provider on this machine (localhost).
      issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }
}

/** The provider's answers that mean it was up but said something other than "here is the token". */
const PROVIDER_DOWN_CODES = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/**
 * What a failed code exchange means for the person: the provider said no (they cancelled, or the
 * code was used or expired), the answer in the callback did not verify (incomplete, altered, an ID
 * token that fails its checks), or the provider could not be reached or answered with nonsense.
 */
function refusalFor(error: unknown, logger: Logger): SsoRefusal {
  if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
    // The provider's own error code (access_denied, invalid_grant, …) says what happened without saying who.
    logger.warn(`provider refused the sign-in: ${error.error}`);
    return new SsoRefusal('provider_refused');
  }
  logger.warn(`sign-in answer did not verify: ${describe(error)}`);
  if (error instanceof oidc.ClientError && !PROVIDER_DOWN_CODES.has(error.code ?? '')) return new SsoRefusal('answer_invalid');
  return new SsoRefusal('provider_failed');
}

/** An error's name and code, never its message (which may quote a token or an address). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}
