import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../queues/queue-catalogue';
import { EmailDeliveryService } from './email-delivery.service';

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
        return this.delivery.deliver((job.data as JobPayloads[JobName.SendEmail]).outboundEmailId);
      default:
        throw new Error(`no handler for job ${job.name} on ${QueueName.Email}`);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined): Promise<void> {
    if (job?.name === JobName.SendEmail && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.delivery.markFailed((job.data as JobPayloads[JobName.SendEmail]).outboundEmailId);
    }
  }
}
