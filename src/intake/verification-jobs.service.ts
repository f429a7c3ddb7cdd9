import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { OutboxService } from '../notifications/outbox.service';
import { JobQueue, type JobRequest } from '../queues/job-queue';
import { JOB_OPTIONS, JobName, QueueName, jobIds } from '../queues/queue-catalogue';
import { CaseVerificationEntity } from './case-verification.entity';
import { CasesReader } from '../cases/cases-reader';

export type VerificationJobResult =
  | { outcome: 'sent' | 'closed' | 'already-done' | 'stale' }
  /** The job ran before its time by our clock (or the time moved): run again after `delayMs`. */
  | { outcome: 'later'; delayMs: number };

type VerificationJob = JobRequest<JobName.VerificationReminder | JobName.VerificationExpiry>;

export const UNVERIFIED_REASON = 'The requester did not confirm the e-mail address before the verification link expired.';

/**
 * The reminder and the expiry of an unconfirmed request, as delayed BullMQ jobs with
 * deterministic ids. Handlers re-read PostgreSQL and compare with the clock: a job that runs
 * early asks to run later, one whose case moved on does nothing.
 */
@Injectable()
export class VerificationJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly casesReader: CasesReader,
    private readonly queue: JobQueue,
    private readonly cases: CasesService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  jobsFor(rows: CaseVerificationEntity[]): VerificationJob[] {
    const now = this.clock.now().getTime();
    return rows.flatMap((row) => [
      ...(row.remindedAt
        ? []
        : [
            {
              name: JobName.VerificationReminder as const,
              data: { caseId: row.caseId },
              opts: {
                ...JOB_OPTIONS[JobName.VerificationReminder],
                jobId: jobIds.verificationReminder(row.caseId),
                delay: Math.max(0, row.remindAt.getTime() - now),
              },
            },
          ]),
      {
        name: JobName.VerificationExpiry as const,
        data: { caseId: row.caseId },
        opts: {
          ...JOB_OPTIONS[JobName.VerificationExpiry],
          jobId: jobIds.verificationExpiry(row.caseId),
          delay: Math.max(0, row.expiresAt.getTime() - now),
        },
      },
    ]);
  }

  /** Offers the jobs; a job whose id already exists is left as it is. */
  async schedule(rows: CaseVerificationEntity[]): Promise<number> {
    const jobs = this.jobsFor(rows);
    if (jobs.length) await this.queue.enqueueBulk(jobs);
    return jobs.length;
  }

  /** Once the case is verified or closed its jobs have nothing to do; removing them is tidiness
   *  (a job that still runs finds the case moved on). */
  async remove(caseId: string): Promise<void> {
    for (const jobId of [jobIds.verificationReminder(caseId), jobIds.verificationExpiry(caseId)]) {
      try {
        await this.queue.queue(QueueName.Intake).remove(jobId);
      } catch {
        // Locked by a worker right now: it re-reads the case and stands down.
      }
    }
  }

  async remind(caseId: string): Promise<VerificationJobResult> {
    const state = await this.load(caseId);
    if (!state) return { outcome: 'stale' };
    const { row } = state;
    if (row.remindedAt) return { outcome: 'already-done' };
    const now = this.clock.now();
    if (now.getTime() >= row.expiresAt.getTime()) return { outcome: 'stale' };
    if (now.getTime() < row.remindAt.getTime()) return { outcome: 'later', delayMs: row.remindAt.getTime() - now.getTime() };
    // Ask for the message first (idempotent on its dedupe key), then record it: a crash in
    // between repeats the request, never loses the reminder.
    await this.outbox.requestEmail({ kind: 'requester-verification-reminder', dedupeKey: `verify-reminder-${caseId}`, caseId });
    await this.dataSource.getRepository(CaseVerificationEntity).update({ caseId }, { remindedAt: now });
    return { outcome: 'sent' };
  }

  async expire(caseId: string): Promise<VerificationJobResult> {
    const state = await this.load(caseId);
    if (!state) return { outcome: 'stale' };
    const now = this.clock.now();
    if (now.getTime() < state.row.expiresAt.getTime()) {
      return { outcome: 'later', delayMs: state.row.expiresAt.getTime() - now.getTime() };
    }
    try {
      await this.cases.reject(state.entity.reference, 'unverified', UNVERIFIED_REASON, 'system');
    } catch (error) {
      // Verified or closed by someone else in the meantime.
      if (error instanceof DomainError && error.code === 'conflict') return { outcome: 'stale' };
      throw error;
    }
    return { outcome: 'closed' };
  }

  /** The case and its verification, when the case still waits for the requester; paused cases
   *  wait for staff, who asked for something, so neither reminder nor expiry applies. A case staff
   *  registered is theirs to verify, even if an older release started an e-mail check for it. */
  private async load(caseId: string): Promise<{ entity: CaseEntity; row: CaseVerificationEntity } | null> {
    const entity = await this.casesReader.byId(caseId);
    if (!entity || entity.origin !== 'intake' || entity.status !== 'awaiting_verification' || entity.pausedAt) return null;
    const row = await this.dataSource.getRepository(CaseVerificationEntity).findOne({ where: { caseId } });
    if (!row || row.usedAt) return null;
    return { entity, row };
  }
}
