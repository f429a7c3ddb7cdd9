import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { staffActor, type StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock';
import { SecondFactorPolicyEntity } from './second-factor-policy.entity';

/** The admin's rule "every staff member must use a second factor", in PostgreSQL so every api replica applies it at once. */
@Injectable()
export class SecondFactorPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async required(): Promise<boolean> {
    const row = await this.dataSource.getRepository(SecondFactorPolicyEntity).findOne({ where: { id: 1 } });
    return Boolean(row?.required);
  }

  /** Sets the rule (audited). Sessions carry on: the guard reads the rule on every request. */
  async setRequired(required: boolean, by: StaffPrincipal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await manager.upsert(SecondFactorPolicyEntity, { id: 1, required, changedAt: now, changedBy: by.id }, ['id']);
      await this.audit.append(manager, { type: 'staff.second_factor_policy_changed', actor: staffActor(by), occurredAt: now, data: { required } });
    });
  }

  /** Which of these users have a confirmed authenticator (for the users list). */
  async enrolled(userIds: string[]): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT user_id FROM staff_totp WHERE user_id = ANY($1::uuid[]) AND confirmed_at IS NOT NULL`,
      [userIds],
    );
    return new Set(rows.map((row) => row.user_id));
  }
}
