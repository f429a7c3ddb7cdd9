import { requesterAddress } from '../representation/answer-address';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OutboxService, renderEmailJob } from '../notifications/outbox.service';
import type { JobRequest } from '../queues/job-queue';
import { CaseVerificationEntity } from './case-verification.entity';
import { RequesterLinks } from '../public-site/requester-links';
import { VerificationJobsService } from './verification-jobs.service';
import { ReconcilePass } from '../deadlines/alerts/reconcile-pass';
import { CasesReader } from '../cases/cases-reader';

const DAY_MS = 24 * 3600 * 1000;
/** Cases written to PostgreSQL or Redis per round trip during reconciliation. */
const CHUNK = 1000;

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}
export const VERIFICATION_METHOD = 'e-mail link';

/** The request for a case's verification e-mail (one per case: its dedupe key). */
export const verificationEmail = (caseId: string) => ({ kind: 'requester-verification', dedupeKey: `verify-${caseId}`, caseId });

/** What following a verification link finds. */
export type VerifyLinkState =
  { state: 'invalid' } | { state: 'expired' | 'closed'; entity: CaseEntity } | { state: 'ready' | 'already' | 'verified'; entity: CaseEntity };

/**
 * E-mail verification of requests that came through the public intake (form or public API): the
 * case waits in `awaiting_verification` until the person follows the signed link. Cases staff
 * register are verified by staff instead, whatever their channel (a staff-entered `web` case
 * must never be closed as unverified by the engine).
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CasesService,
    private readonly outbox: OutboxService,
    private readonly links: RequesterLinks,
    private readonly jobs: VerificationJobsService,
    private readonly clock: Clock,
  ) {}

  /** Every public-intake case has an address to confirm: the requester's own, or for a request
   *  on someone else's behalf the representative's (the person it is about may have none). */
  needsVerification(entity: Pick<CaseEntity, 'origin' | 'status'>): boolean {
    return entity.origin === 'intake' && entity.status === 'awaiting_verification';
  }

  /** When the link lapses and the reminder is due, both counted from receipt. */
  timesOf(receivedAt: Date): { expiresAt: Date; remindAt: Date } {
    return {
      expiresAt: new Date(receivedAt.getTime() + this.config.VERIFICATION_TTL_DAYS * DAY_MS),
      // A reminder due at or after expiry finds the request expired and stands down.
      remindAt: new Date(receivedAt.getTime() + this.config.VERIFICATION_REMINDER_DAYS * DAY_MS),
    };
  }

  /** The verification of a case being registered, in its transaction (`manager`): the row, and
   *  the jobs to stage with the case (reminder, expiry and the link's e-mail), as the public
   *  intake's statement writes them. */
  async startRegistered(manager: EntityManager, entity: Pick<CaseEntity, 'id' | 'receivedAt'>): Promise<JobRequest[]> {
    const row = { caseId: entity.id, ...this.timesOf(entity.receivedAt) };
    await manager.insert(CaseVerificationEntity, { ...row, remindedAt: null, usedAt: null });
    return this.registeredJobs(row, this.clock.now());
  }

  /** The jobs a verification row written with its case stages beside it: reminder, expiry and the
   *  link's e-mail (here and in the public intake's one statement). */
  registeredJobs(row: { caseId: string; expiresAt: Date; remindAt: Date }, now: Date): JobRequest[] {
    return [...this.jobs.jobsFor([{ ...row, remindedAt: null, usedAt: null, createdAt: now }]), renderEmailJob(verificationEmail(row.caseId))];
  }

  /** Records when the link lapses and the reminder is due (counted from receipt), queues both
   *  jobs and the verification e-mail. Idempotent: safe from a resumed clock and from reconciliation. */
  async start(entity: Pick<CaseEntity, 'id' | 'receivedAt'>): Promise<void> {
    const [inserted] = await this.recordAndAsk([entity]);
    // Started before (a repeated event): schedule from the row that was kept.
    const row = inserted ?? (await this.dataSource.getRepository(CaseVerificationEntity).findOneByOrFail({ caseId: entity.id }));
    await this.jobs.schedule([row]);
  }

  /** The verification rows (kept when they exist) and the e-mail requests of many cases in two
   *  round trips; returns the rows it inserted. Their jobs are scheduled by the caller. */
  private async recordAndAsk(entities: Array<Pick<CaseEntity, 'id' | 'receivedAt'>>): Promise<CaseVerificationEntity[]> {
    if (!entities.length) return [];
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CaseVerificationEntity)
      .values(entities.map((entity) => ({ caseId: entity.id, ...this.timesOf(entity.receivedAt) })))
      .orIgnore()
      .returning('case_id AS "caseId", remind_at AS "remindAt", reminded_at AS "remindedAt", expires_at AS "expiresAt"')
      .execute();
    await this.outbox.requestEmails(entities.map((entity) => verificationEmail(entity.id)));
    return result.raw as CaseVerificationEntity[];
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
      this.casesReader.byId(caseId),
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
      const entity = await this.cases.verify(found.entity.reference, VERIFICATION_METHOD, 'requester', {
        kind: 'link',
        // Answering the link proves the address it went to, nothing else: for a request on someone's
        // behalf that is the representative's, which is no identifier of the person it is about.
        sentTo: await requesterAddress(this.dataSource.manager, found.entity),
      });
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

  /** Reconciliation pass: every public-intake case still awaiting its requester gets its verification
   *  row, e-mail and jobs back from PostgreSQL. Returns how many jobs and e-mails it offered. */
  @ReconcilePass('intake-verification')
  async reconcile(): Promise<number> {
    // Cases whose verification never started, or whose e-mail was asked for but not yet rendered
    // when Redis lost the request. One read each (a page per query would rescan the waiting cases
    // every time), then written in chunks.
    const unstarted: Array<{ id: string; received_at: Date }> = await this.dataSource.query(
      `SELECT c.id, c.received_at FROM cases c
         LEFT JOIN case_verifications v ON v.case_id = c.id
         LEFT JOIN outbound_emails e ON e.dedupe_key = 'verify-' || c.id::text
        WHERE c.status = 'awaiting_verification' AND c.origin = 'intake'
          AND (v.case_id IS NULL OR e.id IS NULL)`,
    );
    for (const chunk of chunks(unstarted, CHUNK)) {
      await this.recordAndAsk(chunk.map((row) => ({ id: row.id, receivedAt: row.received_at })));
    }
    // Then the reminder and expiry jobs of every request still waiting, those just started included.
    const waiting: CaseVerificationEntity[] = await this.dataSource.query(
      `SELECT v.case_id AS "caseId", v.remind_at AS "remindAt", v.reminded_at AS "remindedAt", v.expires_at AS "expiresAt"
         FROM case_verifications v JOIN cases c ON c.id = v.case_id
        WHERE c.status = 'awaiting_verification' AND c.origin = 'intake' AND c.paused_at IS NULL AND v.used_at IS NULL`,
    );
    let offered = unstarted.length;
    for (const chunk of chunks(waiting, CHUNK)) offered += await this.jobs.schedule(chunk);
    return offered;
  }
}
