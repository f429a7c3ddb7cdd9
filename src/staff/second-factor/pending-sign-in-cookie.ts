import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SignedCookie } from '../auth/signed-cookie';

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
 * for a sign-in that is never finished. SameSite=Lax. It proves only that the password was right;
 * every code tried with it counts toward the account's lockout.
 */
@Injectable()
export class PendingSignInCookie {
  private readonly cookie: SignedCookie;

  constructor(@Inject(APP_CONFIG) config: AppConfig, clock: Clock) {
    this.cookie = new SignedCookie(config, clock, { name: 'dsr-staff-code', purpose: 'dsr-staff-pending-sign-in', minutes: PENDING_MINUTES, sameSite: 'lax' });
  }

  get name(): string {
    return this.cookie.name;
  }

  write(response: Response, pending: PendingSignIn): void {
    this.cookie.write(response, pending);
  }

  /** The pending sign-in, or null when the cookie is missing, altered or expired. */
  read(request: Request): PendingSignIn | null {
    const parsed = this.cookie.read(request);
    if (!parsed) return null;
    const { userId, epoch, next } = parsed;
    if (typeof userId !== 'string' || typeof epoch !== 'number' || !Number.isInteger(epoch) || typeof next !== 'string') return null;
    return { userId, epoch, next };
  }

  clear(response: Response): void {
    this.cookie.clear(response);
  }
}
