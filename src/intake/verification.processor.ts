import { Processor } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { CasesService } from '../cases/cases.service';
import { JobProcessor, type JobHandlers } from '../queues/job-processor';
import { JobName, QueueName } from '../queues/queue-catalogue';
import { VerificationJobsService, type VerificationJobResult } from './verification-jobs.service';

/** Thin: reminder and expiry jobs ask the service; one that ran early goes back to waiting. A
 *  registered case's remaining `case.registered` side effects run here too. */
@Processor(QueueName.Intake, { concurrency: 4 })
export class VerificationProcessor extends JobProcessor<QueueName.Intake> {
  protected readonly handlers: JobHandlers<QueueName.Intake> = {
    [JobName.VerificationReminder]: async (job, token) => this.later(job, token, await this.jobs.remind(job.data.caseId)),
    [JobName.VerificationExpiry]: async (job, token) => this.later(job, token, await this.jobs.expire(job.data.caseId)),
    [JobName.CaseRegistered]: async (job) => ((await this.cases.publishRegistered(job.data.caseId, job.data.actor ?? 'requester')) ? 'published' : 'stale'),
  };

  constructor(
    private readonly jobs: VerificationJobsService,
    private readonly cases: CasesService,
  ) {
    super();
  }

  private async later(job: Job, token: string | undefined, result: VerificationJobResult): Promise<string> {
    if (result.outcome === 'later' && token) {
      // Same job, same id, later. The wait is measured by our clock, the timestamp is BullMQ's.
      await job.moveToDelayed(Date.now() + result.delayMs, token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
