import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { repliesEnabled } from '../config/inbound-mail-config';
import { JobProcessor, type JobHandlers } from '../queues/job-processor';
import { JobSchedulers } from '../queues/job-schedulers';
import { JOB_OPTIONS, JobName, QueueName } from '../queues/queue-catalogue';
import { ReplyMailbox } from './reply-mailbox';

export const REPLY_POLL_SCHEDULER = 'poll-replies';

/** Worker-only, thin: while replies are on, one job scheduler (written at start-up and again by
 *  the SchedulerWatchdog when Redis lost it) reads the reply mailbox every INBOUND_POLL_SECONDS.
 *  Concurrency 1: one poll at a time per worker; receipts in PostgreSQL keep two workers apart. */
@Processor(QueueName.Replies, { concurrency: 1 })
export class ReplyPollProcessor extends JobProcessor<QueueName.Replies> implements OnModuleInit {
  protected readonly handlers: JobHandlers<QueueName.Replies> = {
    [JobName.PollReplies]: () => this.mailbox.poll(),
  };

  constructor(
    private readonly mailbox: ReplyMailbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Replies) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {
    super();
  }

  onModuleInit(): void {
    if (!repliesEnabled(this.config)) return;
    this.schedulers.register({
      queue: this.queue,
      id: REPLY_POLL_SCHEDULER,
      repeat: { every: this.config.INBOUND_POLL_SECONDS * 1000 },
      job: { name: JobName.PollReplies, data: {}, opts: JOB_OPTIONS[JobName.PollReplies] },
    });
  }
}
