import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobSchedulers } from '../../queues/job-schedulers';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queue-catalogue';

export const RECONCILE_SCHEDULER = 'reconcile-deadlines';

/** Worker-only: a BullMQ job scheduler runs reconciliation every RECONCILE_EVERY_MINUTES (one
 *  schedule however many workers run, unlike a @Cron per replica). The SchedulerWatchdog writes
 *  it and runs the start-up pass. */
@Injectable()
export class ReconciliationSchedule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    private readonly schedulers: JobSchedulers,
  ) {}

  onModuleInit(): void {
    this.schedulers.register({
      queue: this.maintenance,
      id: RECONCILE_SCHEDULER,
      repeat: { every: this.config.RECONCILE_EVERY_MINUTES * 60_000 },
      job: { name: JobName.ReconcileDeadlines, data: {}, opts: JOB_OPTIONS[JobName.ReconcileDeadlines] },
    });
  }
}
