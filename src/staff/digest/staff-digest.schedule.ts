import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queue-catalogue';

export const STAFF_DIGEST_SCHEDULER = 'staff-digest-daily';

/** Worker-only: one BullMQ job scheduler, at ALERT_HOUR company time every day, however many
 *  workers run (a @Cron would fire once per replica). */
@Injectable()
export class StaffDigestSchedule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.StaffDigest) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      STAFF_DIGEST_SCHEDULER,
      { pattern: `0 ${this.config.ALERT_HOUR} * * *`, tz: this.config.TZ_NAME },
      { name: JobName.StaffDigest, data: {}, opts: JOB_OPTIONS[JobName.StaffDigest] },
    );
  }
}
