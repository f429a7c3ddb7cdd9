import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SignedCookie } from '../auth/signed-cookie';

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
 * server-side session: nothing is stored for a visitor who never comes back. SameSite=Lax: the
 * provider sends the browser back with a top-level GET, which Lax lets through.
 */
@Injectable()
export class SsoStateCookie {
  private readonly cookie: SignedCookie;

  constructor(@Inject(APP_CONFIG) config: AppConfig, clock: Clock) {
    this.cookie = new SignedCookie(config, clock, { name: 'dsr-staff-sso', purpose: 'dsr-staff-sso-state', minutes: ATTEMPT_MINUTES, sameSite: 'lax' });
  }

  get name(): string {
    return this.cookie.name;
  }

  write(response: Response, attempt: SsoAttempt): void {
    this.cookie.write(response, attempt);
  }

  /** The attempt this browser started, or null when the cookie is missing, altered or expired. */
  read(request: Request): SsoAttempt | null {
    const parsed = this.cookie.read(request);
    if (!parsed) return null;
    const { state, nonce, codeVerifier, next } = parsed;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof next !== 'string') return null;
    return { state, nonce, codeVerifier, next };
  }

  /** Each attempt is used once: the cookie goes whatever the outcome. */
  clear(response: Response): void {
    this.cookie.clear(response);
  }
}
