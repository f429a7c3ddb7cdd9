import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** What the browser carries between leaving for the provider and coming back. */
export interface SsoAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The staff page to open after sign-in ('' for the role's start page). */
  next: string;
}

/** Long enough to type a password and answer a second factor at the provider. */
const ATTEMPT_MINUTES = 10;

/**
 * The sign-in attempt (state, nonce, PKCE verifier) in a short-lived signed cookie instead of a
 * server-side session: nothing is stored for a visitor who never comes back. HMAC-signed with a
 * key of its own derived from APP_SECRET, HttpOnly, SameSite=Lax (the provider sends the browser
 * back with a top-level GET, which Lax lets through), Secure and __Host- behind https.
 */
@Injectable()
export class SsoStateCookie {
  readonly name: string;
  private readonly key: Buffer;
  private readonly secure: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.secure = config.PUBLIC_URL.startsWith('https://');
    this.name = this.secure ? '__Host-dsr-staff-sso' : 'dsr-staff-sso';
    this.key = createHmac('sha256', config.APP_SECRET).update('dsr-staff-sso-state').digest();
  }

  write(response: Response, attempt: SsoAttempt): void {
    const expiresAt = this.clock.now().getTime() + ATTEMPT_MINUTES * 60_000;
    const payload = Buffer.from(JSON.stringify({ ...attempt, expiresAt })).toString('base64url');
    response.cookie(this.name, `${payload}.${this.sign(payload)}`, { ...this.options(), maxAge: ATTEMPT_MINUTES * 60_000 });
  }

  /** The attempt this browser started, or null when the cookie is missing, altered or expired. */
  read(request: Request): SsoAttempt | null {
    const raw: unknown = request.cookies?.[this.name];
    if (typeof raw !== 'string') return null;
    const [payload, signature, ...rest] = raw.split('.');
    if (!payload || !signature || rest.length) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SsoAttempt> & { expiresAt?: unknown };
      if (typeof parsed.expiresAt !== 'number' || parsed.expiresAt <= this.clock.now().getTime()) return null;
      const { state, nonce, codeVerifier, next } = parsed;
      if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof next !== 'string') return null;
      return { state, nonce, codeVerifier, next };
    } catch {
      return null;
    }
  }

  /** Each attempt is used once: the cookie goes whatever the outcome. */
  clear(response: Response): void {
    response.clearCookie(this.name, this.options());
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private options() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.secure, path: '/' };
  }
}
