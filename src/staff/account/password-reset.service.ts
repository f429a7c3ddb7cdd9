import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboxService } from '../../notifications/outbox.service';
import { PasswordHasher } from '../auth/password-hasher';
import { StaffUserEntity } from '../staff-user.entity';
import { bumpSessionEpoch } from './account.service';
import { assertGoodPassword } from './password-policy';
import { RESET_LINK_TTL_MINUTES, RESETS_PER_ADDRESS_PER_HOUR } from './password-reset-limits';
import { composePasswordReset } from './password-reset.mail';

export const PASSWORD_RESET_MAIL_KIND = 'staff-password-reset';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** The link's token: 256 random bits, base64url (43 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * "Forgot password": a single-use link by e-mail, valid for an hour. Only the token's SHA-256 is
 * stored (a database reader cannot use a pending link); the e-mail goes through the outbox in the
 * same transaction as the row. The caller always shows the same answer, so it does not tell whether
 * the address has an account.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Sends a link when the address belongs to an active account under its hourly limit; else nothing. */
  async request(email: string): Promise<void> {
    const user = await this.dataSource.getRepository(StaffUserEntity).findOne({ where: { email: email.trim().toLowerCase(), active: true } });
    if (!user) return;
    const mailId = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      // Serialise requests for one account, so parallel ones cannot pass the hourly limit together.
      await manager.query(`SELECT 1 FROM staff_users WHERE id = $1 FOR UPDATE`, [user.id]);
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM staff_password_resets WHERE user_id = $1 AND created_at > $2`, [
        user.id,
        new Date(now.getTime() - 3_600_000),
      ]);
      if (count >= RESETS_PER_ADDRESS_PER_HOUR) return null;
      const { id: resetId, link } = await this.issueLink(manager, user.id, RESET_LINK_TTL_MINUTES);
      const id = await this.outbox.store(
        manager,
        PASSWORD_RESET_MAIL_KIND,
        `staff-password-reset-${resetId}`,
        composePasswordReset(user.email, link, user.language),
      );
      await this.audit.append(manager, { type: 'staff.password_reset_requested', actor: `staff:${user.id}`, occurredAt: now, data: { userId: user.id } });
      return id;
    });
    if (mailId) await this.outbox.dispatch(mailId);
  }

  /**
   * A single-use link to choose a password, inside the caller's transaction: only the token's
   * SHA-256 is stored. The reset form uses it for an hour; an owner's invitation (staff/owners/)
   * for longer, since the person has not asked for it and may read it days later.
   */
  async issueLink(manager: EntityManager, userId: string, ttlMinutes: number): Promise<{ id: string; link: string }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const [row] = await manager.query(`INSERT INTO staff_password_resets (user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4) RETURNING id`, [
      userId,
      hashOf(token),
      new Date(now.getTime() + ttlMinutes * 60_000),
      now,
    ]);
    return { id: String(row.id), link: `${this.config.PUBLIC_URL}/staff/password-reset/${token}` };
  }

  /** Whether a link can still be used (the page shows the form, or says the link is spent). */
  async usable(token: string): Promise<boolean> {
    if (!TOKEN_PATTERN.test(token)) return false;
    const [row] = await this.dataSource.query(`SELECT 1 FROM staff_password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`, [
      hashOf(token),
      this.clock.now(),
    ]);
    return Boolean(row);
  }

  /**
   * Sets the new password and spends the link (and any other pending link of the account). Ends
   * every session and token, lifts a lockout (the mailbox owner asked) and clears a forced change.
   */
  async complete(token: string, password: string): Promise<void> {
    const spent = () => new DomainError('invalid', 'token is expired or already used; ask for a new link', [{ field: 'token', problem: 'linkSpent' }]);
    if (!TOKEN_PATTERN.test(token)) throw spent();
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const [reset] = await manager.query(
        `SELECT r.id, r.user_id AS "userId", u.email FROM staff_password_resets r JOIN staff_users u ON u.id = r.user_id
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.active FOR UPDATE OF r`,
        [hashOf(token), now],
      );
      if (!reset) throw spent();
      assertGoodPassword('new', password, reset.email);
      await manager.query(`UPDATE staff_password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [reset.userId, now]);
      await manager.update(
        StaffUserEntity,
        { id: reset.userId },
        { passwordHash: await this.hasher.hash(password), mustChangePassword: false, passwordChangedAt: now, failedLogins: 0, lockLevel: 0, lockedUntil: null },
      );
      await bumpSessionEpoch(manager, reset.userId);
      await this.audit.append(manager, { type: 'staff.password_reset', actor: `staff:${reset.userId}`, occurredAt: now, data: { userId: reset.userId } });
    });
  }
}
