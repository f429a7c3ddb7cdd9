import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../queues/queue-catalogue';
import { VerificationJobsService } from './verification-jobs.service';

/** Thin: reminder and expiry jobs ask the service; one that ran early goes back to waiting. */
@Processor(QueueName.Intake, { concurrency: 4 })
export class VerificationProcessor extends WorkerHost {
  static readonly handles = [JobName.VerificationReminder, JobName.VerificationExpiry];

  constructor(private readonly jobs: VerificationJobsService) {
    super();
  }

  async process(job: Job, token?: string): Promise<string> {
    const { caseId } = job.data as JobPayloads[JobName.VerificationReminder];
    let result;
    switch (job.name) {
      case JobName.VerificationReminder:
        result = await this.jobs.remind(caseId);
        break;
      case JobName.VerificationExpiry:
        result = await this.jobs.expire(caseId);
        break;
      default:
        throw new Error(`no handler for job ${job.name} on ${QueueName.Intake}`);
    }
    if (result.outcome === 'later' && token) {
      // Same job, same id, later. The wait is measured by our clock, the timestamp is BullMQ's.
      await job.moveToDelayed(Date.now() + result.delayMs, token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
