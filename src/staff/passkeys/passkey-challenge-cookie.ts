import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** What a challenge was issued for: a sign-in (nobody known yet) or adding a passkey to one account. */
export type PasskeyCeremony = { purpose: 'sign-in' } | { purpose: 'register'; userId: string };

export type PasskeyChallenge = PasskeyCeremony & { challenge: string; expiresAt: number };

/** Long enough to find the phone or touch the key; the browser's own timeout is the same. */
export const CHALLENGE_MINUTES = 5;

/**
 * The WebAuthn challenge between the options call and the verify call, in a short-lived signed
 * cookie instead of a session (there is none before sign-in, and an anonymous visitor must not
 * leave state on the server). HMAC-signed with a key of its own derived from APP_SECRET,
 * HttpOnly, SameSite=Strict (only this site's own script posts it back), Secure and __Host-
 * behind https. A challenge is answered once (PasskeyService spends it).
 */
@Injectable()
export class PasskeyChallengeCookie {
  readonly name: string;
  private readonly key: Buffer;
  private readonly secure: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.secure = config.PUBLIC_URL.startsWith('https://');
    this.name = this.secure ? '__Host-dsr-staff-passkey' : 'dsr-staff-passkey';
    this.key = createHmac('sha256', config.APP_SECRET).update('dsr-staff-passkey-challenge').digest();
  }

  write(response: Response, ceremony: PasskeyCeremony, challenge: string): void {
    const expiresAt = this.clock.now().getTime() + CHALLENGE_MINUTES * 60_000;
    const payload = Buffer.from(JSON.stringify({ ...ceremony, challenge, expiresAt })).toString('base64url');
    response.cookie(this.name, `${payload}.${this.sign(payload)}`, { ...this.options(), maxAge: CHALLENGE_MINUTES * 60_000 });
  }

  /** The challenge this browser was given for `purpose`, or null when missing, altered, expired or for the other ceremony. */
  read(request: Request, purpose: PasskeyCeremony['purpose']): PasskeyChallenge | null {
    const raw: unknown = request.cookies?.[this.name];
    if (typeof raw !== 'string') return null;
    const [payload, signature, ...rest] = raw.split('.');
    if (!payload || !signature || rest.length) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof parsed.expiresAt !== 'number' || parsed.expiresAt <= this.clock.now().getTime()) return null;
      if (typeof parsed.challenge !== 'string' || parsed.purpose !== purpose) return null;
      if (purpose === 'sign-in') return { purpose, challenge: parsed.challenge, expiresAt: parsed.expiresAt };
      if (typeof parsed.userId !== 'string') return null;
      return { purpose, userId: parsed.userId, challenge: parsed.challenge, expiresAt: parsed.expiresAt };
    } catch {
      return null;
    }
  }

  /** Each challenge is used once: the cookie goes whatever the outcome. */
  clear(response: Response): void {
    response.clearCookie(this.name, this.options());
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private options() {
    return { httpOnly: true, sameSite: 'strict' as const, secure: this.secure, path: '/' };
  }
}
