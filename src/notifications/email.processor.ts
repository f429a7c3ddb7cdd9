import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobProcessor, type JobHandlers } from '../queues/job-processor';
import { isJob } from '../queues/job-queue';
import { JobName, QueueName, type PayloadOf } from '../queues/queue-catalogue';
import { EmailDeliveryService, SentButNotRecordedError } from './email-delivery.service';

/** Thin: routes each e-mail job to the delivery service. */
@Processor(QueueName.Email, { concurrency: 8 })
export class EmailProcessor extends JobProcessor<QueueName.Email> {
  protected readonly handlers: JobHandlers<QueueName.Email> = {
    [JobName.RenderEmail]: (job) => this.delivery.render(job.data),
    [JobName.SendEmail]: (job) => this.send(job),
  };

  constructor(private readonly delivery: EmailDeliveryService) {
    super();
  }

  /** Keeps an SMTP acceptance on the job, so that its retry records the message instead of
   *  sending it again. */
  private async send(job: Job<PayloadOf<JobName.SendEmail>>): Promise<string> {
    try {
      return await this.delivery.deliver(job.data.outboundEmailId, job.data.acceptedMessageId);
    } catch (error) {
      if (error instanceof SentButNotRecordedError) await job.updateData({ ...job.data, acceptedMessageId: error.messageId });
      throw error;
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (isJob(job, JobName.SendEmail) && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.delivery.giveUp(job.data.outboundEmailId, job.data.acceptedMessageId);
    }
  }
}
