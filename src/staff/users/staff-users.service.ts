import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { conflict, DomainError, notFound } from '../../common/domain-error';
import { bumpSessionEpoch } from '../account/account.service';
import { assertGoodPassword } from '../account/password-policy';
import { PasswordHasher } from '../auth/password-hasher';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { STAFF_ROLES, type StaffRole } from '../../common/auth/staff-roles';
import { StaffUserEntity } from '../staff-user.entity';

export interface NewStaffUser {
  name: string;
  email: string;
  role: StaffRole;
  password: string;
}

export { MIN_PASSWORD_LENGTH } from '../account/password-policy';

/** Admins manage staff accounts: create with a role, change roles, deactivate. Every change is
 *  audited by user id and role (no names or e-mails in the audit trail). A password an admin sets
 *  must be changed by its user at first sign-in (the admin should not go on knowing it); a role
 *  change or deactivation ends the user's sessions and tokens (the session epoch moves on). */
@Injectable()
export class StaffUsersService {
  constructor(
    @InjectRepository(StaffUserEntity) private readonly users: Repository<StaffUserEntity>,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<StaffUserEntity[]> {
    return this.users.find({ order: { active: 'DESC', name: 'ASC' } });
  }

  byIds(ids: string[]): Promise<StaffUserEntity[]> {
    return ids.length ? this.users.find({ where: { id: In(ids) } }) : Promise.resolve([]);
  }

  /** Active staff a case can be assigned to. */
  assignable(): Promise<StaffUserEntity[]> {
    return this.users.find({ where: { active: true, role: In(['admin', 'handler']) }, order: { name: 'ASC' } });
  }

  async create(input: NewStaffUser, by: StaffPrincipal): Promise<StaffUserEntity> {
    const email = input.email.trim().toLowerCase();
    if (!STAFF_ROLES.includes(input.role)) throw new DomainError('invalid', 'role is not a staff role', [{ field: 'role', problem: 'choose' }]);
    assertGoodPassword('password', input.password, email);
    if (await this.users.exists({ where: { email } })) {
      throw new DomainError('invalid', 'a user with this e-mail exists', [{ field: 'email', problem: 'emailTaken' }]);
    }
    const created = await this.users.save(
      this.users.create({ email, name: input.name.trim(), role: input.role, passwordHash: await this.hasher.hash(input.password), mustChangePassword: true }),
    );
    await this.record('staff.user_created', by, { userId: created.id, role: created.role });
    return created;
  }

  async changeRole(userId: string, role: StaffRole, by: StaffPrincipal): Promise<StaffUserEntity> {
    if (!STAFF_ROLES.includes(role)) throw new DomainError('invalid', 'role is not a staff role', [{ field: 'role', problem: 'choose' }]);
    const user = await this.other(userId, by);
    if (user.role === role) return user;
    const previous = user.role;
    await this.users.manager.transaction(async (manager) => {
      await manager.update(StaffUserEntity, { id: user.id }, { role });
      // Sessions and tokens were granted for the old role: they end, and the user signs in again.
      await bumpSessionEpoch(manager, user.id);
      await this.audit.append(manager, {
        type: 'staff.role_changed',
        actor: staffActor(by),
        occurredAt: this.clock.now(),
        data: { userId: user.id, role, previousRole: previous },
      });
    });
    return { ...user, role };
  }

  async setActive(userId: string, active: boolean, by: StaffPrincipal): Promise<StaffUserEntity> {
    const user = await this.other(userId, by);
    if (user.active === active) return user;
    await this.users.manager.transaction(async (manager) => {
      await manager.update(StaffUserEntity, { id: user.id }, { active, ...(active ? { failedLogins: 0, lockLevel: 0, lockedUntil: null } : {}) });
      // Both ways: deactivation ends every session and token, and reactivation cannot bring one back.
      await bumpSessionEpoch(manager, user.id);
      const type = active ? 'staff.user_reactivated' : 'staff.user_deactivated';
      await this.audit.append(manager, { type, actor: staffActor(by), occurredAt: this.clock.now(), data: { userId: user.id } });
    });
    return { ...user, active };
  }

  /** Someone else's account: an admin never locks themselves out or demotes themselves. */
  private async other(userId: string, by: StaffPrincipal): Promise<StaffUserEntity> {
    if (userId === by.id) throw conflict('You cannot change your own role or deactivate yourself.');
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw notFound('User');
    return user;
  }

  private async record(type: string, by: StaffPrincipal, data: Record<string, unknown>): Promise<void> {
    await this.audit.record({ type, actor: staffActor(by), occurredAt: this.clock.now(), data });
  }
}
