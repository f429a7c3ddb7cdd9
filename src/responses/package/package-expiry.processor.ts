import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../../queues/queue-catalogue';
import { RestrictionLiftingService } from '../restriction/restriction-lifting.service';
import { PackageExpiryService } from './package-expiry.service';

/** Thin: the answers queue's jobs. A package's expiry that ran early by our clock goes back to
 *  waiting; a restriction lift whose notice has not gone out yet fails and is retried. */
@Processor(QueueName.Answers, { concurrency: 4 })
export class PackageExpiryProcessor extends WorkerHost {
  static readonly handles = [JobName.AnswerPackageExpiry, JobName.RestrictionLift];

  constructor(
    private readonly expiry: PackageExpiryService,
    private readonly liftings: RestrictionLiftingService,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<string> {
    if (job.name === JobName.RestrictionLift) return this.liftings.liftWhenNotified((job.data as JobPayloads[JobName.RestrictionLift]).caseId);
    if (job.name !== JobName.AnswerPackageExpiry) throw new Error(`no handler for job ${job.name} on ${QueueName.Answers}`);
    const result = await this.expiry.expire((job.data as JobPayloads[JobName.AnswerPackageExpiry]).packageId);
    if (result.outcome === 'later' && token) {
      await job.moveToDelayed(Date.now() + Math.max(1000, result.delayMs), token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
