import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock';
import { conflict, DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { OutboxService } from '../../notifications/outbox.service';
import { SystemsService } from '../../systems/systems.service';
import { bumpSessionEpoch } from '../account/account.service';
import { PasswordResetService } from '../account/password-reset.service';
import { PasswordHasher } from '../auth/password-hasher';
import { StaffUserEntity } from '../staff-user.entity';
import { ownersStartupLine, ownersWithoutAccount, type OwnerWithoutAccount } from './owner-accounts';
import { composeOwnerInvite, INVITE_LINK_TTL_DAYS } from './owner-invite.mail';

export const OWNER_INVITE_MAIL_KIND = 'staff-owner-invite';

/**
 * System owners onboarded: which owner addresses of the data map have no account they can use,
 * and an admin's invitation, which creates the account (role owner; their systems are those the
 * data map names them owner of) or reactivates it, and e-mails a single-use link to choose a
 * password (the password-reset mechanism, with a week's lifetime). Inviting again re-sends;
 * there is never a second account (one per address, created under a lock).
 */
@Injectable()
export class OwnerOnboardingService {
  private readonly logger = new Logger('Owners');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly systems: SystemsService,
    private readonly resets: PasswordResetService,
    private readonly hasher: PasswordHasher,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async withoutAccount(): Promise<OwnerWithoutAccount[]> {
    const owners = [...new Set(this.systems.systems().map((system) => system.owner.trim().toLowerCase()))];
    const accounts = owners.length
      ? ((await this.dataSource.query(
          `SELECT email, active, (last_login_at IS NULL AND password_changed_at IS NULL AND must_change_password) AS pending
             FROM staff_users WHERE email = ANY($1)`,
          [owners],
        )) as Array<{ email: string; active: boolean; pending: boolean }>)
      : [];
    return ownersWithoutAccount(this.systems.systems(), accounts);
  }

  /** One warning line at start-up, without personal data (a count and system ids). */
  async warnAtStartup(): Promise<void> {
    const line = ownersStartupLine(await this.withoutAccount());
    if (line) this.logger.warn(line);
  }

  async invite(email: string, by: StaffPrincipal): Promise<{ userId: string; resent: boolean }> {
    const address = email.trim().toLowerCase();
    const owned = this.systems.systems().filter((system) => system.owner.trim().toLowerCase() === address);
    if (!owned.length) throw new DomainError('invalid', 'email is not the owner of any system in the data map', [{ field: 'email', problem: 'notAnOwner' }]);
    const now = this.clock.now();
    const passwordHash = await this.hasher.hash(randomBytes(32).toString('base64url'));
    const result = await this.dataSource.transaction(async (manager) => {
      // One invitation at a time per address: a double click finds the account the first made.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`owner-invite:${address}`]);
      let user = await manager.findOne(StaffUserEntity, { where: { email: address } });
      const resent = Boolean(user);
      // An account already in use needs no invitation (its user has "forgot password").
      if (user?.active && (user.lastLoginAt || user.passwordChangedAt || !user.mustChangePassword)) {
        throw conflict('this owner already has an account in use', { code: 'owner_has_account' });
      }
      if (!user) {
        // Nobody knows this password; the person chooses their own through the link.
        user = await manager.save(
          manager.create(StaffUserEntity, { email: address, name: address.split('@')[0], role: 'owner', passwordHash, mustChangePassword: true }),
        );
        await this.audit.append(manager, {
          type: 'staff.user_created',
          actor: staffActor(by),
          occurredAt: now,
          data: { userId: user.id, role: 'owner', invited: true },
        });
      } else if (!user.active) {
        await manager.update(StaffUserEntity, { id: user.id }, { active: true, failedLogins: 0, lockLevel: 0, lockedUntil: null });
        await bumpSessionEpoch(manager, user.id);
        await this.audit.append(manager, { type: 'staff.user_reactivated', actor: staffActor(by), occurredAt: now, data: { userId: user.id, invited: true } });
      }
      const { id: linkId, link } = await this.resets.issueLink(manager, user.id, INVITE_LINK_TTL_DAYS * 24 * 60);
      const mail = composeOwnerInvite(
        address,
        {
          company: this.systems.controller().name,
          systems: owned.map((system) => this.systems.nameOf(system.id, user.language)),
          link,
          signIn: `${this.config.PUBLIC_URL}/staff/login`,
        },
        user.language,
      );
      const mailId = await this.outbox.store(manager, OWNER_INVITE_MAIL_KIND, `staff-owner-invite-${linkId}`, mail);
      await this.audit.append(manager, {
        type: 'staff.owner_invited',
        actor: staffActor(by),
        occurredAt: now,
        data: { userId: user.id, role: user.role, systems: owned.map((system) => system.id), resent },
      });
      return { userId: user.id, resent, mailId };
    });
    await this.outbox.dispatch(result.mailId);
    return { userId: result.userId, resent: result.resent };
  }
}
