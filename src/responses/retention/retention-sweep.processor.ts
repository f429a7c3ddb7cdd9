import { InjectQueue, Processor } from '@nestjs/bullmq';
import { OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { JobSchedulers } from '../../queues/job-schedulers';
import { JOB_OPTIONS, JobName, QueueName } from '../../queues/queue-catalogue';
import { RetentionSweepService } from './retention-sweep.service';

export const RETENTION_SWEEP_SCHEDULER = 'retention-sweep';

/** Hourly: what the sweep catches is already past its purpose, so an hour more is the most any
 *  leftover lives; the run is cheap when there is nothing to do. */
const SWEEP_EVERY_MS = 3600_000;

/** Worker-only, thin: one job scheduler (written at start-up and again by the SchedulerWatchdog
 *  when Redis lost it, like the other repeatable jobs) runs the retention sweep. */
@Processor(QueueName.Retention, { concurrency: 1 })
export class RetentionSweepProcessor extends JobProcessor<QueueName.Retention> implements OnModuleInit {
  protected readonly handlers: JobHandlers<QueueName.Retention> = {
    [JobName.RetentionSweep]: () => this.sweeper.sweep(),
  };

  constructor(
    private readonly sweeper: RetentionSweepService,
    @InjectQueue(QueueName.Retention) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {
    super();
  }

  onModuleInit(): void {
    this.schedulers.register({
      queue: this.queue,
      id: RETENTION_SWEEP_SCHEDULER,
      repeat: { every: SWEEP_EVERY_MS },
      job: { name: JobName.RetentionSweep, data: {}, opts: JOB_OPTIONS[JobName.RetentionSweep] },
    });
  }
}
