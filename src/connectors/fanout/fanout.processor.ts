import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobName, QueueName, type JobPayloads } from '../../queues/queue-catalogue';
import { LegalHoldExpiryService } from '../holds/legal-hold-expiry.service';
import { ManualTaskService, type FollowUpResult } from '../manual/manual-task.service';
import { CaseSettlementService } from './case-settlement.service';

/** Thin: the flow's parent settles the case; follow-ups (reminders, escalations, holds) re-arm
 *  themselves with moveToDelayed when it is not yet time, keeping one job under one id. */
@Processor(QueueName.Fanout, { concurrency: 4 })
export class FanoutProcessor extends WorkerHost {
  static readonly handles = [JobName.FanoutComplete, JobName.ManualTaskReminder, JobName.ManualTaskEscalation, JobName.LegalHoldExpiry];

  constructor(
    private readonly settlement: CaseSettlementService,
    private readonly manual: ManualTaskService,
    private readonly holds: LegalHoldExpiryService,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<string> {
    switch (job.name) {
      case JobName.FanoutComplete:
        return (await this.settlement.settle((job.data as JobPayloads[JobName.FanoutComplete]).caseId)) ? 'awaiting_review' : 'still open';
      case JobName.ManualTaskReminder:
        return this.followUp(job, token, await this.manual.remind((job.data as JobPayloads[JobName.ManualTaskReminder]).taskId));
      case JobName.ManualTaskEscalation:
        return this.followUp(job, token, await this.manual.escalate((job.data as JobPayloads[JobName.ManualTaskEscalation]).taskId));
      case JobName.LegalHoldExpiry:
        return this.followUp(job, token, await this.holds.expire((job.data as JobPayloads[JobName.LegalHoldExpiry]).holdId));
      default:
        throw new Error(`no handler for job ${job.name} on ${QueueName.Fanout}`);
    }
  }

  private async followUp(job: Job, token: string | undefined, result: FollowUpResult): Promise<string> {
    if (result.outcome !== 'later' || !token) return result.outcome;
    // BullMQ keeps time by the host clock, so the wait (from our Clock) becomes a host time.
    await job.moveToDelayed(Date.now() + Math.max(1000, result.delayMs), token);
    throw new DelayedError();
  }
}
