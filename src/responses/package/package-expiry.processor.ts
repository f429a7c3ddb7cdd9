import { Processor } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { JobName, QueueName, type PayloadOf } from '../../queues/queue-catalogue';
import { RestrictionLiftingService } from '../restriction/restriction-lifting.service';
import { PackageExpiryService } from './package-expiry.service';

/** Thin: the answers queue's jobs. A package's expiry that ran early by our clock goes back to
 *  waiting; a restriction lift whose notice has not gone out yet fails and is retried. */
@Processor(QueueName.Answers, { concurrency: 4 })
export class PackageExpiryProcessor extends JobProcessor<QueueName.Answers> {
  protected readonly handlers: JobHandlers<QueueName.Answers> = {
    [JobName.RestrictionLift]: (job) => this.liftings.liftWhenNotified(job.data.caseId),
    [JobName.AnswerPackageExpiry]: (job, token) => this.expire(job, token),
  };

  constructor(
    private readonly expiry: PackageExpiryService,
    private readonly liftings: RestrictionLiftingService,
  ) {
    super();
  }

  private async expire(job: Job<PayloadOf<JobName.AnswerPackageExpiry>>, token?: string): Promise<string> {
    const result = await this.expiry.expire(job.data.packageId);
    if (result.outcome === 'later' && token) {
      await job.moveToDelayed(Date.now() + Math.max(1000, result.delayMs), token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
