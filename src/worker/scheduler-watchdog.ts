import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReconciliationService } from '../deadlines/alerts/reconciliation.service';
import { JobSchedulers } from '../queues/job-schedulers';

/** The longest a lost Redis goes unnoticed: a deadline alert due meanwhile is at most this late. */
const MAX_CHECK_EVERY_MS = 60_000;

/**
 * Worker-only. At start-up it writes the job schedulers and runs one reconciliation pass; then it
 * checks now and then that Redis still holds every scheduler. When one is gone Redis lost its
 * data (a restart without persistence, a FLUSHALL, a failover to an empty replica), so it writes
 * them again and reconciles at once instead of waiting for a worker restart. Every worker does
 * this; upserts are idempotent and reconciliation is safe on any number of workers at once.
 */
@Injectable()
export class SchedulerWatchdog implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Schedulers');
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedulers: JobSchedulers,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** A quarter of the reconciliation period, so a lost scheduler is back well before its next run. */
  get checkEveryMs(): number {
    return Math.min(MAX_CHECK_EVERY_MS, (this.config.RECONCILE_EVERY_MINUTES * 60_000) / 4);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedulers.upsertAll();
    await this.reconcile('start-up');
    this.timer = setInterval(() => void this.check(), this.checkEveryMs);
    // The timer alone must not keep a stopping process alive.
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** One check at a time: a reconciliation over many cases can outlast the interval. */
  check(): Promise<void> {
    this.checking ??= this.restoreWhenLost().finally(() => (this.checking = null));
    return this.checking;
  }

  private async restoreWhenLost(): Promise<void> {
    try {
      const missing = await this.schedulers.missing();
      if (!missing.length) return;
      this.logger.warn(`Redis lost the job schedulers ${missing.join(', ')}: writing them again and reconciling`);
      await this.schedulers.upsertAll();
    } catch (error) {
      this.logger.warn(`could not check the job schedulers (${(error as Error).name}); trying again in ${this.checkEveryMs / 1000} s`);
      return;
    }
    await this.reconcile('Redis lost data');
  }

  private async reconcile(why: string): Promise<void> {
    try {
      await this.reconciliation.reconcile();
    } catch (error) {
      this.logger.error(`${why} reconciliation failed (${(error as Error).name}); the schedule will retry`);
    }
  }
}
