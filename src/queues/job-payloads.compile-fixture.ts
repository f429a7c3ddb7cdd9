/**
 * A compile fixture, never run: it type-checks with `npm run typecheck` and job-payloads.spec.ts
 * compiles it twice, as it is (no error) and without its `@ts-expect-error` lines (an error on
 * each line marked WRONG, none elsewhere). So a wrong payload provably does not compile.
 */
import type { JobHandlers } from './job-processor';
import { jobRequest, type JobQueue } from './job-queue';
import { JobName, QueueName } from './queue-catalogue';

export async function producing(jobs: JobQueue): Promise<void> {
  await jobs.enqueue(JobName.RunTask, { taskId: 'task-1' }, { queue: 'tasks-zendesk', jobId: 'task-task-1' });
  await jobs.enqueue(JobName.SendEmail, { outboundEmailId: 'email-1' });
  await jobs.enqueue(JobName.DiscoverRecords, { caseId: 'case-1', systemId: 'crm', round: 1 }, { queue: 'tasks-hubspot' });
  await jobs.enqueueBulk([jobRequest(JobName.LegalHoldExpiry, { holdId: 'hold-1' }, { delay: 1000 })]);

  // @ts-expect-error WRONG: `taskid` is not run-task's payload (it is `taskId`, a string)
  await jobs.enqueue(JobName.RunTask, { taskid: 42 }, { queue: 'tasks-zendesk' });
  // @ts-expect-error WRONG: a task id is a string
  await jobs.enqueue(JobName.RunTask, { taskId: 42 }, { queue: 'tasks-zendesk' });
  // @ts-expect-error WRONG: a connector job names the queue of its connector type
  await jobs.enqueue(JobName.RunTask, { taskId: 'task-1' });
  // @ts-expect-error WRONG: a job with a queue of its own cannot be sent to another
  await jobs.enqueue(JobName.SendEmail, { outboundEmailId: 'email-1' }, { queue: QueueName.TasksManual });
  // @ts-expect-error WRONG: the payload of another job
  await jobs.enqueueBulk([jobRequest(JobName.LegalHoldExpiry, { taskId: 'task-1' })]);
}

export const emailHandlers: JobHandlers<QueueName.Email> = {
  [JobName.RenderEmail]: async (job) => job.data.dedupeKey,
  [JobName.SendEmail]: async (job) => job.data.outboundEmailId,
};

// @ts-expect-error WRONG: a processor of the e-mail queue must handle send-email too
export const missingHandler: JobHandlers<QueueName.Email> = {
  [JobName.RenderEmail]: async (job) => job.data.dedupeKey,
};

export const wrongField: JobHandlers<QueueName.Answers> = {
  // @ts-expect-error WRONG: a restriction lift carries a case id, not a package id
  [JobName.RestrictionLift]: async (job) => job.data.packageId,
  [JobName.AnswerPackageExpiry]: async (job) => job.data.packageId,
};
