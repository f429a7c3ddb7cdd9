import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queue-catalogue';
import { ReconciliationService } from './reconciliation.service';

/** Worker-only: one pass at start-up, then a BullMQ job scheduler (one schedule however many
 *  workers run, unlike a @Cron per replica). */
@Injectable()
export class ReconciliationSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    private readonly reconciliation: ReconciliationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'reconcile-deadlines',
      { every: this.config.RECONCILE_EVERY_MINUTES * 60_000 },
      { name: JobName.ReconcileDeadlines, data: {}, opts: JOB_OPTIONS[JobName.ReconcileDeadlines] },
    );
    try {
      await this.reconciliation.reconcile();
    } catch (error) {
      this.logger.error(`start-up reconciliation failed (${(error as Error).name}); the schedule will retry`);
    }
  }
}
