import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseEntity } from '../../cases/case.entity';
import { OPEN_STATUSES } from '../../common/case-types';
import { OutboxService } from '../../notifications/outbox.service';
import { JobQueue } from '../../queues/job-queue';
import { QueueName } from '../../queues/queue-catalogue';
import { discoverMethods } from '../../common/discovered-methods';
import { AlertSchedulerService } from './alert-scheduler.service';
import { RECONCILE_PASS } from './reconcile-pass';

const BATCH = 1000;
/** Batches being written to Redis at once while the next is read from PostgreSQL. */
const IN_FLIGHT = 8;

export interface ReconcileReport {
  openCases: number;
  alertJobsOffered: number;
  /** Failed alert jobs (kept as evidence until now) sent back to run again. */
  alertJobsRetried: number;
  emailsRedispatched: number;
  /** Jobs re-offered by the passes other modules registered, by pass name. */
  passes: Record<string, number>;
  /** Seconds each part took (alerts, e-mails, then each registered pass), so a slow part shows. */
  seconds: Record<string, number>;
}

/** Another module's share of the rebuild (e.g. verification reminders, fan-out tasks): it
 *  re-offers its jobs from PostgreSQL and returns how many it offered. Marked `@ReconcilePass(name)`. */
export type ReconcilePass = () => Promise<number>;

/**
 * Rebuilds from PostgreSQL whatever Redis should hold: every open case's alert jobs and the
 * delivery job of every message still pending. Adding a job whose id exists is a no-op, so the
 * pass is safe to run at any time, on any number of workers.
 */
@Injectable()
export class ReconciliationService implements OnModuleInit {
  private readonly logger = new Logger('Reconciliation');
  private readonly passes = new Map<string, ReconcilePass>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly scheduler: AlertSchedulerService,
    private readonly outbox: OutboxService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /** Finds every `@ReconcilePass` method; two passes of one name stop start-up, naming both. */
  onModuleInit(): void {
    const owners = new Map<string, string>();
    for (const pass of discoverMethods<string>(this.discovery, this.scanner, RECONCILE_PASS)) {
      const other = owners.get(pass.metadata);
      if (other) throw new Error(`reconciliation pass "${pass.metadata}" is declared twice: ${other} and ${pass.owner}`);
      owners.set(pass.metadata, pass.owner);
      this.registerPass(pass.metadata, () => pass.call() as Promise<number>);
    }
  }

  /** Adds a pass by hand (the discovered ones are added at init). */
  registerPass(name: string, pass: ReconcilePass): void {
    this.passes.set(name, pass);
  }

  /** Every part at once: they touch different queues and tables, and each mostly waits on
   *  PostgreSQL or Redis, so together they take about as long as the slowest. */
  async reconcile(): Promise<ReconcileReport> {
    const seconds: Record<string, number> = {};
    const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
      const start = Date.now();
      try {
        return await work();
      } finally {
        seconds[part] = (Date.now() - start) / 1000;
      }
    };
    const passes: Record<string, number> = {};
    const [alerts, emailsRedispatched] = await Promise.all([
      timed('alerts', () => this.rebuildAlertJobs()),
      timed('emails', () => this.outbox.redispatchPending()),
      ...[...this.passes].map(([name, pass]) => timed(name, async () => (passes[name] = await pass()))),
    ]);
    const timing = Object.entries(seconds)
      .map(([part, value]) => `${part} ${value.toFixed(1)} s`)
      .join(', ');
    this.logger.log(
      `reconciled ${alerts.openCases} open cases (${alerts.alertJobsOffered} alert jobs offered), ${emailsRedispatched} pending e-mails; ${timing}`,
    );
    return { ...alerts, emailsRedispatched, passes, seconds };
  }

  /** Pages through the open cases by id, reading the next page while earlier ones are written. */
  private async rebuildAlertJobs(): Promise<Pick<ReconcileReport, 'openCases' | 'alertJobsOffered' | 'alertJobsRetried'>> {
    const alertJobsRetried = await this.retryFailedAlertJobs();
    let afterId = '00000000-0000-0000-0000-000000000000';
    let openCases = 0;
    let alertJobsOffered = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      // Plain SQL: at a million cases TypeORM's entity mapping is a good share of the CPU.
      const batch: Array<Pick<CaseEntity, 'id' | 'status' | 'pausedAt' | 'effectiveDue'>> = await this.dataSource.query(
        `SELECT id, status, paused_at AS "pausedAt", effective_due AS "effectiveDue" FROM cases
          WHERE status = ANY($1) AND paused_at IS NULL AND id > $2
          ORDER BY id LIMIT ${BATCH}`,
        [OPEN_STATUSES, afterId],
      );
      if (!batch.length) break;
      openCases += batch.length;
      afterId = batch[batch.length - 1].id;
      const write: Promise<void> = this.scheduler.jobsFor(batch).then(async (jobs) => {
        alertJobsOffered += jobs.length;
        if (jobs.length) await this.jobs.enqueueBulk(jobs);
      });
      inFlight.add(write);
      void write.finally(() => inFlight.delete(write)).catch(() => undefined);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      if (batch.length < BATCH) break;
    }
    await Promise.all(inFlight);
    return { openCases, alertJobsOffered, alertJobsRetried };
  }

  /** A failed alert job keeps its id, so re-adding it would be a no-op: retry it instead. */
  private async retryFailedAlertJobs(): Promise<number> {
    let retried = 0;
    for (const job of await this.jobs.queue(QueueName.Deadlines).getFailed(0, 9999)) {
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
