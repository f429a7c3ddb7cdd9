import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboxService } from '../notifications/outbox.service';
import { CaseVerificationEntity } from './case-verification.entity';
import { RequesterLinks } from './requester-links';
import { VerificationJobsService } from './verification-jobs.service';

const DAY_MS = 24 * 3600 * 1000;
export const VERIFICATION_METHOD = 'e-mail link';

/** What following a verification link finds. */
export type VerifyLinkState =
  | { state: 'invalid' }
  | { state: 'expired' | 'closed'; entity: CaseEntity }
  | { state: 'ready' | 'already' | 'verified'; entity: CaseEntity };

/**
 * E-mail verification of web and API requests: the case waits in `awaiting_verification` until
 * the person follows the signed link. Staff-registered cases are verified by staff instead.
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly outbox: OutboxService,
    private readonly links: RequesterLinks,
    private readonly jobs: VerificationJobsService,
    private readonly clock: Clock,
  ) {}

  needsVerification(entity: Pick<CaseEntity, 'channel' | 'status' | 'subjectEmail'>): boolean {
    return (entity.channel === 'web' || entity.channel === 'api') && entity.status === 'awaiting_verification' && !!entity.subjectEmail;
  }

  /** Records when the link lapses and the reminder is due (counted from receipt), queues both
   *  jobs and the verification e-mail. Idempotent: safe from the event and from reconciliation. */
  async start(entity: CaseEntity): Promise<void> {
    const from = entity.receivedAt.getTime();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CaseVerificationEntity)
      .values({
        caseId: entity.id,
        expiresAt: new Date(from + this.config.VERIFICATION_TTL_DAYS * DAY_MS),
        // A reminder due at or after expiry finds the request expired and stands down.
        remindAt: new Date(from + this.config.VERIFICATION_REMINDER_DAYS * DAY_MS),
      })
      .orIgnore()
      .execute();
    const row = await this.dataSource.getRepository(CaseVerificationEntity).findOneByOrFail({ caseId: entity.id });
    await this.jobs.schedule([row]);
    await this.outbox.requestEmail({ kind: 'requester-verification', dedupeKey: `verify-${entity.id}`, caseId: entity.id });
  }

  /** After the clock resumes, a case still awaiting its requester gets its jobs back. */
  async reconcileCase(entity: CaseEntity): Promise<void> {
    if (!this.needsVerification(entity)) return;
    const row = await this.dataSource.getRepository(CaseVerificationEntity).findOne({ where: { caseId: entity.id } });
    if (row && !row.usedAt) await this.jobs.schedule([row]);
    else if (!row) await this.start(entity);
  }

  async inspect(token: string): Promise<VerifyLinkState> {
    const now = this.clock.now();
    const check = this.links.checkVerify(token, now);
    if (!check.valid && check.reason !== 'expired') return { state: 'invalid' };
    const caseId = check.caseId!;
    const [entity, row] = await Promise.all([
      this.dataSource.getRepository(CaseEntity).findOne({ where: { id: caseId } }),
      this.dataSource.getRepository(CaseVerificationEntity).findOne({ where: { caseId } }),
    ]);
    if (!entity || !row) return { state: 'invalid' };
    if (row.usedAt || (entity.verifiedAt && entity.status !== 'awaiting_verification')) return { state: 'already', entity };
    if (entity.status !== 'awaiting_verification') return { state: 'closed', entity };
    if (!check.valid || row.expiresAt.getTime() <= now.getTime()) return { state: 'expired', entity };
    return { state: 'ready', entity };
  }

  /** Confirms the request once: verifies the case as the requester and records the link's use. */
  async confirm(token: string): Promise<VerifyLinkState> {
    const found = await this.inspect(token);
    if (found.state !== 'ready') return found;
    try {
      const entity = await this.cases.verify(found.entity.reference, VERIFICATION_METHOD, 'requester');
      await this.dataSource
        .getRepository(CaseVerificationEntity)
        .createQueryBuilder()
        .update()
        .set({ usedAt: this.clock.now() })
        .where('case_id = :caseId AND used_at IS NULL', { caseId: entity.id })
        .execute();
      return { state: 'verified', entity };
    } catch (error) {
      // A second click racing the first, or staff acting meanwhile: report what is true now.
      if (error instanceof DomainError && error.code === 'conflict') return this.inspect(token);
      throw error;
    }
  }

  /** Reconciliation pass: every web/API case still awaiting its requester gets its verification
   *  row, e-mail and jobs back from PostgreSQL. Returns how many jobs and e-mails it offered. */
  async reconcile(): Promise<number> {
    let offered = 0;
    const unstarted: Array<{ id: string }> = await this.dataSource.query(
      `SELECT c.id FROM cases c
         LEFT JOIN case_verifications v ON v.case_id = c.id
         LEFT JOIN outbound_emails e ON e.dedupe_key = 'verify-' || c.id::text
        WHERE c.status = 'awaiting_verification' AND c.channel IN ('web', 'api') AND c.subject_email IS NOT NULL
          AND (v.case_id IS NULL OR e.id IS NULL)`,
    );
    for (const { id } of unstarted) {
      const entity = await this.dataSource.getRepository(CaseEntity).findOne({ where: { id } });
      if (entity && this.needsVerification(entity)) {
        await this.start(entity);
        offered += 1;
      }
    }
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource
        .getRepository(CaseVerificationEntity)
        .createQueryBuilder('v')
        .innerJoin(CaseEntity, 'c', 'c.id = v.case_id')
        .where(`c.status = 'awaiting_verification' AND c.paused_at IS NULL AND v.used_at IS NULL`)
        .andWhere('v.case_id > :after', { after })
        .orderBy('v.case_id', 'ASC')
        .limit(1000)
        .getMany();
      if (!rows.length) break;
      offered += await this.jobs.schedule(rows);
      after = rows[rows.length - 1].caseId;
      if (rows.length < 1000) break;
    }
    return offered;
  }
}
