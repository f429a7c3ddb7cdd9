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
import { secondFactorEnrolmentRequired, secondFactorRequired, type SignInMethod } from '../second-factor/second-factor';
import { SecondFactorCheck } from '../second-factor/second-factor-check.service';

/** A right password: the user, and whether their sign-in still needs an authenticator or recovery code. */
export interface PasswordChecked {
  user: StaffUserEntity;
  codeNeeded: boolean;
}

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
    private readonly secondFactor: SecondFactorCheck,
  ) {}

  /**
   * Checks the password. Five failures lock the account (15 minutes, doubling with each lock in a
   * row, see lockout.ts); while locked, every attempt — right password or wrong — is refused with
   * the same answer and counted as a failure, which moves the lock's end on. Only a sign-in after
   * the lock has ended, with the right password, clears the count; for a user with an authenticator
   * only the right code after it does (checkSecondFactor), so re-entering a known password between
   * guesses never resets the count on codes.
   */
  async checkCredentials(email: string, password: string): Promise<PasswordChecked> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const ok = await this.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !user.active) throw wrong();
    const outcome = await this.users.manager.transaction(async (manager) => {
      // The row lock serialises parallel guesses, so each one is counted and none slips past a lock.
      const row = await manager.findOne(StaffUserEntity, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) return 'refused';
      const now = this.clock.now();
      const locked = row.lockedUntil !== null && row.lockedUntil > now;
      if (ok && !locked) {
        if (await this.secondFactor.hasTotp(manager, row.id)) return 'code';
        await manager.update(StaffUserEntity, { id: row.id }, { failedLogins: 0, lockLevel: 0, lockedUntil: null, lastLoginAt: now });
        return 'signed-in';
      }
      await manager.update(StaffUserEntity, { id: row.id }, nextFailure(row, now));
      return 'refused';
    });
    if (outcome === 'refused') throw wrong();
    return { user, codeNeeded: outcome === 'code' };
  }

  /**
   * The second step of a sign-in whose password was right: an authenticator code (±1 time step,
   * never one already used) or an unused recovery code. A wrong code is a failed sign-in like a
   * wrong password (same count, same lock, same answer); while locked even a right code is refused.
   * `epoch` is the user's session epoch when the password was checked: a password change or "sign
   * out everywhere" in between voids the half-finished sign-in.
   */
  async checkSecondFactor(userId: string, epoch: number, code: string): Promise<StaffUserEntity> {
    const user = await this.users.manager.transaction(async (manager) => {
      const row = await manager.findOne(StaffUserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!row || !row.active || row.sessionEpoch !== epoch) return null;
      const now = this.clock.now();
      const locked = row.lockedUntil !== null && row.lockedUntil > now;
      if (!locked && (await this.secondFactor.spend(manager, row.id, code.slice(0, 64), now))) {
        await manager.update(StaffUserEntity, { id: row.id }, { failedLogins: 0, lockLevel: 0, lockedUntil: null, lastLoginAt: now });
        return row;
      }
      await manager.update(StaffUserEntity, { id: row.id }, nextFailure(row, now));
      return null;
    });
    if (!user) throw wrong();
    return user;
  }

  /**
   * API sign-in: the password, then `code` for a user with an authenticator (401
   * `second_factor_required` without one; a wrong one is refused like a wrong password). A user who
   * owes a second factor under the admin's rule gets 403 `second_factor_enrolment_required`.
   */
  async login(email: string, password: string, code?: string): Promise<{ token: string; expiresAt: Date }> {
    const { user, codeNeeded } = await this.checkCredentials(email, password);
    if (codeNeeded) {
      if (!code) throw secondFactorRequired();
      await this.checkSecondFactor(user.id, user.sessionEpoch, code);
    } else if (await this.secondFactor.enrolmentOwed(user.id, 'password')) {
      throw secondFactorEnrolmentRequired();
    }
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
    // Bearer tokens come only from a password sign-in (with its code when the user has one).
    return revoked ? null : this.principalForUser(verified.userId, verified.epoch, 'password');
  }

  /** The principal for a user id from a session or token issued in `epoch`; null once the account is
   *  inactive or its epoch has moved on (password, role change, deactivation, sign out everywhere).
   *  `method` is how it signed in: under the admin's second-factor rule it decides whether the
   *  user must enrol an authenticator before anything else opens. */
  async principalForUser(userId: string, epoch: number | undefined, method: SignInMethod): Promise<StaffPrincipal | null> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user || !user.active || epoch !== user.sessionEpoch) return null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      mustChangePassword: user.mustChangePassword,
      mustEnrolSecondFactor: await this.secondFactor.enrolmentOwed(user.id, method),
    };
  }
}
