import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SignedCookie } from '../auth/signed-cookie';

/** What a challenge was issued for: a sign-in (nobody known yet) or adding a passkey to one account. */
export type PasskeyCeremony = { purpose: 'sign-in' } | { purpose: 'register'; userId: string };

export type PasskeyChallenge = PasskeyCeremony & { challenge: string; expiresAt: number };

/** Long enough to find the phone or touch the key; the browser's own timeout is the same. */
export const CHALLENGE_MINUTES = 5;

/**
 * The WebAuthn challenge between the options call and the verify call, in a short-lived signed
 * cookie instead of a session (there is none before sign-in, and an anonymous visitor must not
 * leave state on the server). SameSite=Strict: only this site's own script posts it back. A
 * challenge is answered once (PasskeyService spends it).
 */
@Injectable()
export class PasskeyChallengeCookie {
  private readonly cookie: SignedCookie;

  constructor(@Inject(APP_CONFIG) config: AppConfig, clock: Clock) {
    this.cookie = new SignedCookie(config, clock, {
      name: 'dsr-staff-passkey',
      purpose: 'dsr-staff-passkey-challenge',
      minutes: CHALLENGE_MINUTES,
      sameSite: 'strict',
    });
  }

  get name(): string {
    return this.cookie.name;
  }

  write(response: Response, ceremony: PasskeyCeremony, challenge: string): void {
    this.cookie.write(response, { ...ceremony, challenge });
  }

  /** The challenge this browser was given for `purpose`, or null when missing, altered, expired or for the other ceremony. */
  read(request: Request, purpose: PasskeyCeremony['purpose']): PasskeyChallenge | null {
    const parsed = this.cookie.read(request);
    if (!parsed || typeof parsed.challenge !== 'string' || parsed.purpose !== purpose) return null;
    const expiresAt = parsed.expiresAt as number;
    if (purpose === 'sign-in') return { purpose, challenge: parsed.challenge, expiresAt };
    if (typeof parsed.userId !== 'string') return null;
    return { purpose, userId: parsed.userId, challenge: parsed.challenge, expiresAt };
  }

  clear(response: Response): void {
    this.cookie.clear(response);
  }
}
