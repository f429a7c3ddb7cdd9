import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** A sign-in whose password was right and whose code is still to come. */
export interface PendingSignIn {
  userId: string;
  /** The user's session epoch at the password check: a password change in between voids it. */
  epoch: number;
  /** The staff page to open after sign-in ('' for the role's start page). */
  next: string;
}

/** Long enough to open the authenticator app; a code expires in 30 seconds anyway. */
const PENDING_MINUTES = 5;

/**
 * Between the password and the code the browser holds this short-lived signed cookie, not a
 * session: no staff page accepts it (the guard reads sessions only) and nothing is stored in Redis
 * for a sign-in that is never finished. HMAC-signed with a key of its own derived from APP_SECRET,
 * HttpOnly, SameSite=Lax, Secure and __Host- behind https. It proves only that the password was
 * right; every code tried with it counts toward the account's lockout.
 */
@Injectable()
export class PendingSignInCookie {
  readonly name: string;
  private readonly keys: Buffer[];
  private readonly secure: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.secure = config.PUBLIC_URL.startsWith('https://');
    this.name = this.secure ? '__Host-dsr-staff-code' : 'dsr-staff-code';
    this.keys = [config.APP_SECRET, ...config.APP_SECRET_PREVIOUS].map((secret) => createHmac('sha256', secret).update('dsr-staff-pending-sign-in').digest());
  }

  write(response: Response, pending: PendingSignIn): void {
    const expiresAt = this.clock.now().getTime() + PENDING_MINUTES * 60_000;
    const payload = Buffer.from(JSON.stringify({ ...pending, expiresAt })).toString('base64url');
    response.cookie(this.name, `${payload}.${this.sign(this.keys[0], payload)}`, { ...this.options(), maxAge: PENDING_MINUTES * 60_000 });
  }

  /** The pending sign-in, or null when the cookie is missing, altered or expired. */
  read(request: Request): PendingSignIn | null {
    const raw: unknown = request.cookies?.[this.name];
    if (typeof raw !== 'string') return null;
    const [payload, signature, ...rest] = raw.split('.');
    if (!payload || !signature || rest.length) return null;
    const given = Buffer.from(signature);
    const signed = this.keys.some((key) => {
      const expected = Buffer.from(this.sign(key, payload));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!signed) return null;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<PendingSignIn> & { expiresAt?: unknown };
      if (typeof parsed.expiresAt !== 'number' || parsed.expiresAt <= this.clock.now().getTime()) return null;
      const { userId, epoch, next } = parsed;
      if (typeof userId !== 'string' || !Number.isInteger(epoch) || typeof next !== 'string') return null;
      return { userId, epoch: epoch!, next };
    } catch {
      return null;
    }
  }

  clear(response: Response): void {
    response.clearCookie(this.name, this.options());
  }

  private sign(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }

  private options() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.secure, path: '/' };
  }
}
