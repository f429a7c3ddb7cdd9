import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobSchedulers } from '../../queues/job-schedulers';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queue-catalogue';

export const STAFF_DIGEST_SCHEDULER = 'staff-digest-daily';

/** Worker-only: one BullMQ job scheduler, at ALERT_HOUR company time every day, however many
 *  workers run (a @Cron would fire once per replica). The SchedulerWatchdog writes it. */
@Injectable()
export class StaffDigestSchedule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.StaffDigest) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {}

  onModuleInit(): void {
    this.schedulers.register({
      queue: this.queue,
      id: STAFF_DIGEST_SCHEDULER,
      repeat: { pattern: `0 ${this.config.ALERT_HOUR} * * *`, tz: this.config.TZ_NAME },
      job: { name: JobName.StaffDigest, data: {}, opts: JOB_OPTIONS[JobName.StaffDigest] },
    });
  }
}
