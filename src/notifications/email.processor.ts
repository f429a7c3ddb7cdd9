import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../queues/queue-catalogue';
import { EmailDeliveryService, SentButNotRecordedError } from './email-delivery.service';

/** Thin: routes each e-mail job to the delivery service. */
@Processor(QueueName.Email, { concurrency: 8 })
export class EmailProcessor extends WorkerHost {
  static readonly handles = [JobName.RenderEmail, JobName.SendEmail];

  constructor(private readonly delivery: EmailDeliveryService) {
    super();
  }

  async process(job: Job): Promise<string> {
    switch (job.name) {
      case JobName.RenderEmail:
        return this.delivery.render(job.data as JobPayloads[JobName.RenderEmail]);
      case JobName.SendEmail:
        return this.send(job as Job<JobPayloads[JobName.SendEmail]>);
      default:
        throw new Error(`no handler for job ${job.name} on ${QueueName.Email}`);
    }
  }

  /** Keeps an SMTP acceptance on the job, so that its retry records the message instead of
   *  sending it again. */
  private async send(job: Job<JobPayloads[JobName.SendEmail]>): Promise<string> {
    try {
      return await this.delivery.deliver(job.data.outboundEmailId, job.data.acceptedMessageId);
    } catch (error) {
      if (error instanceof SentButNotRecordedError) await job.updateData({ ...job.data, acceptedMessageId: error.messageId });
      throw error;
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (job?.name === JobName.SendEmail && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      const data = job.data as JobPayloads[JobName.SendEmail];
      await this.delivery.giveUp(data.outboundEmailId, data.acceptedMessageId);
    }
  }
}
