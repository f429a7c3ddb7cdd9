import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../../cases/case.entity';
import { OPEN_STATUSES } from '../../cases/case-types';
import { OutboxService } from '../../notifications/outbox.service';
import { QueueName } from '../../queues/queue-catalogue';
import { AlertSchedulerService } from './alert-scheduler.service';

const BATCH = 5000;
/** Batches being written to Redis at once while the next is read from PostgreSQL. */
const IN_FLIGHT = 4;

export interface ReconcileReport {
  openCases: number;
  alertJobsOffered: number;
  /** Failed alert jobs (kept as evidence until now) sent back to run again. */
  alertJobsRetried: number;
  emailsRedispatched: number;
  /** Jobs re-offered by the passes other modules registered, by pass name. */
  passes: Record<string, number>;
}

/** Another module's share of the rebuild (e.g. verification reminders, fan-out tasks): it
 *  re-offers its jobs from PostgreSQL and returns how many it offered. */
export type ReconcilePass = () => Promise<number>;

/**
 * Rebuilds from PostgreSQL whatever Redis should hold: every open case's alert jobs and the
 * delivery job of every message still pending. Adding a job whose id exists is a no-op, so the
 * pass is safe to run at any time, on any number of workers.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');
  private readonly passes = new Map<string, ReconcilePass>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deadlines) private readonly deadlinesQueue: Queue,
    private readonly scheduler: AlertSchedulerService,
    private readonly outbox: OutboxService,
  ) {}

  /** Modules that keep jobs derived from PostgreSQL register their rebuild here (at module init). */
  registerPass(name: string, pass: ReconcilePass): void {
    this.passes.set(name, pass);
  }

  async reconcile(): Promise<ReconcileReport> {
    const alertJobsRetried = await this.retryFailedAlertJobs();
    let afterId = '00000000-0000-0000-0000-000000000000';
    let openCases = 0;
    let alertJobsOffered = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const batch: Array<Pick<CaseEntity, 'id' | 'status' | 'pausedAt' | 'effectiveDue'>> = await this.dataSource
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .select(['c.id', 'c.status', 'c.pausedAt', 'c.effectiveDue'])
        .where('c.status IN (:...open)', { open: OPEN_STATUSES })
        .andWhere('c.paused_at IS NULL')
        .andWhere('c.id > :afterId', { afterId })
        .orderBy('c.id', 'ASC')
        .take(BATCH)
        .getMany();
      if (!batch.length) break;
      openCases += batch.length;
      afterId = batch[batch.length - 1].id;
      const write: Promise<void> = this.scheduler.jobsFor(batch).then(async (jobs) => {
        alertJobsOffered += jobs.length;
        if (jobs.length) await this.deadlinesQueue.addBulk(jobs);
      });
      inFlight.add(write);
      void write.finally(() => inFlight.delete(write)).catch(() => undefined);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      if (batch.length < BATCH) break;
    }
    await Promise.all(inFlight);
    const emailsRedispatched = await this.outbox.redispatchPending();
    const passes: Record<string, number> = {};
    for (const [name, pass] of this.passes) passes[name] = await pass();
    this.logger.log(`reconciled ${openCases} open cases (${alertJobsOffered} alert jobs offered), ${emailsRedispatched} pending e-mails`);
    return { openCases, alertJobsOffered, alertJobsRetried, emailsRedispatched, passes };
  }

  /** A failed alert job keeps its id, so re-adding it would be a no-op: retry it instead. */
  private async retryFailedAlertJobs(): Promise<number> {
    let retried = 0;
    for (const job of await this.deadlinesQueue.getFailed(0, 9999)) {
      try {
        await job.retry('failed');
        retried += 1;
      } catch {
        // Removed or moved meanwhile (the case closed, another worker retried it).
      }
    }
    return retried;
  }
}
