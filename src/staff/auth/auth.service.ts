import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { StaffUserEntity } from '../staff-user.entity';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 15;
/** Verified against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$kfxjsZOU0B3SpCjYYoFiXw$yHKAIcoT5pOQTHJcnkbPbZNH4K7KrqnyXMI6OpqNuaY';

/** Said only to whoever gave the right password: to anyone else a locked account looks like any
 *  wrong sign-in, so the lock does not tell which e-mails have accounts. */
const locked = () => new DomainError('unauthorized', 'Too many failed sign-ins; try again in a few minutes.', undefined, { code: 'account_locked' });
const wrong = () => new DomainError('unauthorized', 'Wrong e-mail or password.');

/** True for the refusal of a right password on a locked account. */
export const isLockedRefusal = (error: unknown): boolean => error instanceof DomainError && error.refusal?.code === 'account_locked';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  /** Checks the password; five failures lock the account for 15 minutes. One message for every
   *  failure, so the answer never tells which e-mails have accounts; only the right password on a
   *  locked account hears that it is locked. */
  async checkCredentials(email: string, password: string): Promise<StaffUserEntity> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const now = this.clock.now();
    const ok = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !user.active) throw wrong();
    if (user.lockedUntil && user.lockedUntil > now) throw ok ? locked() : wrong();
    if (!ok) {
      await this.countFailure(user.id, now);
      throw wrong();
    }
    // Conditional on the lock, so a lock set by a parallel wrong guess since our read still holds.
    const [signedIn] = await this.users.query(
      `UPDATE staff_users SET failed_logins = 0, locked_until = NULL, last_login_at = $2
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING id`,
      [user.id, now],
    );
    if (!signedIn) throw locked();
    return user;
  }

  /** One failure, counted in the row itself: parallel wrong guesses each add one (no read-then-write),
   *  and once the fifth has set the lock the rest no longer count. An expired lock starts a new count. */
  private async countFailure(userId: string, now: Date): Promise<void> {
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
    await this.users.query(
      `UPDATE staff_users
       SET failed_logins = (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1,
           locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins ELSE 0 END) + 1 >= $3 THEN $4::timestamptz END
       WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2)`,
      [userId, now, MAX_FAILED_LOGINS, lockedUntil],
    );
  }

  async login(email: string, password: string): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.checkCredentials(email, password);
    return this.tokens.issue(user.id);
  }

  /** The principal for a bearer token, or null when the token or the account is no longer good. */
  async principalForToken(token: string): Promise<StaffPrincipal | null> {
    const userId = this.tokens.verify(token);
    return userId ? this.principalForUser(userId) : null;
  }

  async principalForUser(userId: string): Promise<StaffPrincipal | null> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user || !user.active) return null;
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }
}
