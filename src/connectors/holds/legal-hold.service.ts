import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../../common/clock';
import { DeadlineService } from '../../deadlines/deadline.service';
import { addDays, compareIsoDates } from '../../common/iso-date';
import { JobQueue, jobRequest } from '../../queues/job-queue';
import { JobName, jobIds } from '../../queues/queue-catalogue';
import type { RetainedRecords } from '../connector';
import { LegalHoldEntity } from './legal-hold.entity';

/**
 * Records kept under a legal obligation: stored with their basis and end date, flagged restricted,
 * and a delayed job per hold that erases them the day after the end date. The job ids are
 * deterministic, so the reconciliation pass can re-offer every open hold's job at any time.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly deadlines: DeadlineService,
    private readonly clock: Clock,
  ) {}

  /** Inside the task's transaction: one row per retained item (a re-run adds nothing). Returns the holds. */
  async record(manager: EntityManager, task: { id: string; caseId: string; systemId: string }, retained: RetainedRecords[]): Promise<LegalHoldEntity[]> {
    if (!retained.length) return [];
    await manager
      .createQueryBuilder()
      .insert()
      .into(LegalHoldEntity)
      .values(
        retained.map((item) => ({
          caseId: task.caseId,
          taskId: task.id,
          systemId: task.systemId,
          records: item.records,
          basis: item.basis,
          until: item.until,
          externalIds: item.externalIds ?? null,
        })) as QueryDeepPartialEntity<LegalHoldEntity>[],
      )
      .orIgnore()
      .execute();
    return manager.find(LegalHoldEntity, { where: { taskId: task.id, records: In(retained.map((item) => item.records)) } });
  }

  /** When the hold's erasure should run: the morning after its last day (company time zone). */
  dueAt(hold: Pick<LegalHoldEntity, 'until'>): Date {
    return this.deadlines.alertInstant(addDays(hold.until, 1));
  }

  isDue(hold: Pick<LegalHoldEntity, 'until'>): boolean {
    return compareIsoDates(this.deadlines.today(), hold.until) > 0;
  }

  async schedule(holds: Array<Pick<LegalHoldEntity, 'id' | 'until'>>): Promise<void> {
    if (!holds.length) return;
    const now = this.clock.now().getTime();
    await this.jobs.enqueueBulk(
      holds.map((hold) =>
        jobRequest(JobName.LegalHoldExpiry, { holdId: hold.id }, { jobId: jobIds.legalHold(hold.id), delay: Math.max(0, this.dueAt(hold).getTime() - now) }),
      ),
    );
  }

  /** Reconciliation: every hold still in force gets its job back (existing ids are left alone). */
  async rebuild(): Promise<number> {
    const holds = await this.dataSource.getRepository(LegalHoldEntity).find({ where: { status: 'held' }, select: { id: true, until: true } });
    await this.schedule(holds);
    return holds.length;
  }

  forCase(caseId: string): Promise<LegalHoldEntity[]> {
    return this.dataSource.getRepository(LegalHoldEntity).find({ where: { caseId }, order: { createdAt: 'ASC' } });
  }
}
