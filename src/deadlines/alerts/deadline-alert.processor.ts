import { Processor } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { JobName, QueueName, jobIds } from '../../queues/queue-catalogue';
import { DeadlineAlertService } from './deadline-alert.service';

/** Thin: the case's alert job sends what is due, then re-arms itself for the next alert. */
@Processor(QueueName.Deadlines, { concurrency: 4 })
export class DeadlineAlertProcessor extends JobProcessor<QueueName.Deadlines> {
  protected readonly handlers: JobHandlers<QueueName.Deadlines> = {
    [JobName.DeadlineAlert]: (job, token) => this.fire(job, token),
  };

  constructor(private readonly alerts: DeadlineAlertService) {
    super();
  }

  private async fire(job: Job, token?: string): Promise<string> {
    const caseId = jobIds.caseOfAlert(job.id ?? '');
    if (!caseId) throw new Error(`deadline alert job with an unexpected id`);
    const result = await this.alerts.fire(caseId);
    if (result.nextDelayMs !== null && token) {
      // Same job, same id, later: BullMQ's way for a job to run again without a second copy.
      // BullMQ keeps time by the host clock, so the wait (measured on our Clock) becomes a host time.
      await job.moveToDelayed(Date.now() + Math.max(1000, result.nextDelayMs), token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
