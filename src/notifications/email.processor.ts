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
    [JobName.RenderEmail]: (job) => this.render(job),
    [JobName.SendEmail]: (job) => this.send(job),
  };

  constructor(private readonly delivery: EmailDeliveryService) {
    super();
  }

  /** Both jobs keep an SMTP acceptance on the job, so that its retry records the message instead
   *  of sending it again. */
  private async render(job: Job<PayloadOf<JobName.RenderEmail>>): Promise<string> {
    try {
      return await this.delivery.render(job.data);
    } catch (error) {
      if (error instanceof SentButNotRecordedError) {
        await job.updateData({ ...job.data, accepted: { outboundEmailId: error.outboundEmailId, messageId: error.messageId } });
      }
      throw error;
    }
  }

  private async send(job: Job<PayloadOf<JobName.SendEmail>>): Promise<string> {
    try {
      return await this.delivery.deliver(job.data.outboundEmailId, job.data.acceptedMessageId);
    } catch (error) {
      if (error instanceof SentButNotRecordedError) await job.updateData({ ...job.data, acceptedMessageId: error.messageId });
      throw error;
    }
  }

  /** A render job gives up only on what it sent itself: a message it stored but could not send
   *  was handed to a `send-email` job, and one left pending by a crash is found by reconciliation. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    if (isJob(job, JobName.SendEmail)) await this.delivery.giveUp(job.data.outboundEmailId, job.data.acceptedMessageId);
    if (isJob(job, JobName.RenderEmail) && job.data.accepted) await this.delivery.giveUp(job.data.accepted.outboundEmailId, job.data.accepted.messageId);
  }
}
