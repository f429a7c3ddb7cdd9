import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../../queues/queue-catalogue';
import { PackageExpiryService } from './package-expiry.service';

/** Thin: a package's expiry job; one that ran early by our clock goes back to waiting. */
@Processor(QueueName.Answers, { concurrency: 4 })
export class PackageExpiryProcessor extends WorkerHost {
  static readonly handles = [JobName.AnswerPackageExpiry];

  constructor(private readonly expiry: PackageExpiryService) {
    super();
  }

  async process(job: Job, token?: string): Promise<string> {
    if (job.name !== JobName.AnswerPackageExpiry) throw new Error(`no handler for job ${job.name} on ${QueueName.Answers}`);
    const result = await this.expiry.expire((job.data as JobPayloads[JobName.AnswerPackageExpiry]).packageId);
    if (result.outcome === 'later' && token) {
      await job.moveToDelayed(Date.now() + Math.max(1000, result.delayMs), token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
