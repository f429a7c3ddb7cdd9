import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { StaffUserEntity } from '../staff-user.entity';
import { nextFailure } from './lockout';
import { PasswordHasher } from './password-hasher';
import { TokenService, type VerifiedToken } from './token.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';

/** Verified against when the e-mail is unknown, so a wrong e-mail takes as long as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,p=4,t=3$kfxjsZOU0B3SpCjYYoFiXw$yHKAIcoT5pOQTHJcnkbPbZNH4K7KrqnyXMI6OpqNuaY';

/** The one refusal of a sign-in: unknown e-mail, wrong password, inactive or locked account alike,
 *  so neither the answer nor the page tells whether an account exists or a password was right. */
const wrong = () => new DomainError('unauthorized', 'Wrong e-mail or password.');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the password. Five failures lock the account (15 minutes, doubling with each lock in a
   * row, see lockout.ts); while locked, every attempt — right password or wrong — is refused with
   * the same answer and counted as a failure, which moves the lock's end on. Only a sign-in after
   * the lock has ended, with the right password, clears the count.
   */
  async checkCredentials(email: string, password: string): Promise<StaffUserEntity> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const ok = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !user.active) throw wrong();
    const signedIn = await this.users.manager.transaction(async (manager) => {
      // The row lock serialises parallel guesses, so each one is counted and none slips past a lock.
      const row = await manager.findOne(StaffUserEntity, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) return false;
      const now = this.clock.now();
      const locked = row.lockedUntil !== null && row.lockedUntil > now;
      if (ok && !locked) {
        await manager.update(StaffUserEntity, { id: row.id }, { failedLogins: 0, lockLevel: 0, lockedUntil: null, lastLoginAt: now });
        return true;
      }
      await manager.update(StaffUserEntity, { id: row.id }, nextFailure(row, now));
      return false;
    });
    if (!signedIn) throw wrong();
    return user;
  }

  async login(email: string, password: string): Promise<{ token: string; expiresAt: Date }> {
    const user = await this.checkCredentials(email, password);
    return this.tokens.issue(user.id, user.sessionEpoch);
  }

  /** What a bearer token says, when it is well-formed, signed and unexpired (not yet checked against the user). */
  readToken(token: string): VerifiedToken | null {
    return this.tokens.verify(token);
  }

  /** The principal for a bearer token, or null when the token, its epoch or the account is no longer good. */
  async principalForToken(token: string): Promise<StaffPrincipal | null> {
    const verified = this.tokens.verify(token);
    if (!verified) return null;
    const [revoked] = await this.users.query(`SELECT 1 FROM staff_revoked_tokens WHERE token_id = $1`, [verified.tokenId]);
    return revoked ? null : this.principalForUser(verified.userId, verified.epoch);
  }

  /** The principal for a user id from a session or token issued in `epoch`; null once the account is
   *  inactive or its epoch has moved on (password, role change, deactivation, sign out everywhere). */
  async principalForUser(userId: string, epoch: number | undefined): Promise<StaffPrincipal | null> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user || !user.active || epoch !== user.sessionEpoch) return null;
    return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
  }
}
