import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobName, QueueName, jobIds } from '../../queues/queue-catalogue';
import { DeadlineAlertService } from './deadline-alert.service';

/** Thin: the case's alert job sends what is due, then re-arms itself for the next alert. */
@Processor(QueueName.Deadlines, { concurrency: 4 })
export class DeadlineAlertProcessor extends WorkerHost {
  static readonly handles = [JobName.DeadlineAlert];

  constructor(private readonly alerts: DeadlineAlertService) {
    super();
  }

  async process(job: Job, token?: string): Promise<string> {
    if (job.name !== JobName.DeadlineAlert) throw new Error(`no handler for job ${job.name} on ${QueueName.Deadlines}`);
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
