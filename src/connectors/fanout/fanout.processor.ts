import { Processor } from '@nestjs/bullmq';
import { DelayedError, type Job } from 'bullmq';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { JobName, QueueName } from '../../queues/queue-catalogue';
import { LegalHoldExpiryService } from '../holds/legal-hold-expiry.service';
import { ManualTaskService, type FollowUpResult } from '../manual/manual-task.service';
import { CaseSettlementService } from './case-settlement.service';

/** Thin: the flow's parent settles the case; follow-ups (reminders, escalations, holds) re-arm
 *  themselves with moveToDelayed when it is not yet time, keeping one job under one id. */
@Processor(QueueName.Fanout, { concurrency: 4 })
export class FanoutProcessor extends JobProcessor<QueueName.Fanout> {
  protected readonly handlers: JobHandlers<QueueName.Fanout> = {
    [JobName.FanoutComplete]: async (job) => ((await this.settlement.settle(job.data.caseId)) ? 'awaiting_review' : 'still open'),
    [JobName.ManualTaskReminder]: async (job, token) => this.followUp(job, token, await this.manual.remind(job.data.taskId)),
    [JobName.ManualTaskEscalation]: async (job, token) => this.followUp(job, token, await this.manual.escalate(job.data.taskId)),
    [JobName.LegalHoldExpiry]: async (job, token) => this.followUp(job, token, await this.holds.expire(job.data.holdId)),
  };

  constructor(
    private readonly settlement: CaseSettlementService,
    private readonly manual: ManualTaskService,
    private readonly holds: LegalHoldExpiryService,
  ) {
    super();
  }

  private async followUp(job: Job, token: string | undefined, result: FollowUpResult): Promise<string> {
    if (result.outcome !== 'later' || !token) return result.outcome;
    // BullMQ keeps time by the host clock, so the wait (from our Clock) becomes a host time.
    await job.moveToDelayed(Date.now() + Math.max(1000, result.delayMs), token);
    throw new DelayedError();
  }
}
