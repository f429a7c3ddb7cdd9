import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { DomainError, notFound } from '../../common/domain-error';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { PasswordHasher } from '../auth/password-hasher';
import { TokenService, type VerifiedToken } from '../auth/token.service';
import { StaffUserEntity } from '../staff-user.entity';
import { assertGoodPassword } from './password-policy';

/** Moves a user's session epoch on: every session and bearer token issued before stops working. */
export async function bumpSessionEpoch(manager: EntityManager, userId: string): Promise<number> {
  // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
  const [rows] = (await manager.query(`UPDATE staff_users SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch`, [userId])) as [
    Array<{ session_epoch: number }>,
    number,
  ];
  return rows[0].session_epoch;
}

/** A staff member's own account: their password, their sessions and tokens. */
@Injectable()
export class AccountService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The current password proves it is the user at the keyboard, not someone at an unlocked screen.
   * The new one follows the password rules; saving it ends every other session and token (the
   * epoch moves on) and returns the new epoch, which the caller hands to its own session or token.
   */
  async changePassword(staff: StaffPrincipal, current: string, next: string): Promise<number> {
    const user = await this.dataSource.getRepository(StaffUserEntity).findOne({ where: { id: staff.id } });
    if (!user) throw notFound('User');
    if (!(await this.hasher.verify(user.passwordHash, current))) {
      throw new DomainError('invalid', 'current is not your current password', [{ field: 'current', problem: 'wrongCurrent' }]);
    }
    assertGoodPassword('new', next, user.email);
    if (next === current) throw new DomainError('invalid', 'new must differ from the current password', [{ field: 'new', problem: 'sameAsCurrent' }]);
    const hash = await this.hasher.hash(next);
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.update(StaffUserEntity, { id: user.id }, { passwordHash: hash, mustChangePassword: false, passwordChangedAt: now });
      const epoch = await bumpSessionEpoch(manager, user.id);
      await this.audit.append(manager, { type: 'staff.password_changed', actor: staffActor(staff), occurredAt: now, data: { userId: user.id } });
      return epoch;
    });
  }

  /** "Sign out everywhere": every session and bearer token of the user ends; returns the new epoch. */
  async signOutEverywhere(staff: StaffPrincipal): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const epoch = await bumpSessionEpoch(manager, staff.id);
      await this.audit.append(manager, {
        type: 'staff.signed_out_everywhere',
        actor: staffActor(staff),
        occurredAt: this.clock.now(),
        data: { userId: staff.id },
      });
      return epoch;
    });
  }

  /** API logout: this one token is refused from now on (kept until it would have expired anyway). */
  async revokeToken(token: VerifiedToken): Promise<void> {
    await this.dataSource.query(`DELETE FROM staff_revoked_tokens WHERE expires_at < $1`, [this.clock.now()]);
    await this.dataSource.query(`INSERT INTO staff_revoked_tokens (token_id, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (token_id) DO NOTHING`, [
      token.tokenId,
      token.userId,
      token.expiresAt,
    ]);
  }

  issueToken(userId: string, epoch: number): { token: string; expiresAt: Date } {
    return this.tokens.issue(userId, epoch);
  }
}
