import { JobName, QueueName } from '../queues/queue-catalogue';
import { jobHandlerProblems, type FoundProcessor } from './job-handlers-check';

const TASK_QUEUES = ['tasks-zendesk' as const, QueueName.TasksManual];

/** Every job handled where it runs (the task jobs on each task queue). */
function complete(): FoundProcessor[] {
  return [
    { name: 'Audit', queue: QueueName.Audit, jobs: [JobName.ChainAudit] },
    { name: 'Alerts', queue: QueueName.Deadlines, jobs: [JobName.DeadlineAlert] },
    { name: 'Email', queue: QueueName.Email, jobs: [JobName.RenderEmail, JobName.SendEmail] },
    { name: 'Reconcile', queue: QueueName.Maintenance, jobs: [JobName.ReconcileDeadlines] },
    { name: 'Verification', queue: QueueName.Intake, jobs: [JobName.VerificationReminder, JobName.VerificationExpiry, JobName.CaseRegistered] },
    {
      name: 'Fanout',
      queue: QueueName.Fanout,
      jobs: [JobName.FanoutComplete, JobName.ManualTaskReminder, JobName.ManualTaskEscalation, JobName.LegalHoldExpiry],
    },
    { name: 'Answers', queue: QueueName.Answers, jobs: [JobName.AnswerPackageExpiry, JobName.RestrictionLift] },
    { name: 'Digest', queue: QueueName.StaffDigest, jobs: [JobName.StaffDigest] },
    { name: 'Retention', queue: QueueName.Retention, jobs: [JobName.RetentionSweep] },
    { name: 'Replies', queue: QueueName.Replies, jobs: [JobName.PollReplies] },
    ...TASK_QUEUES.map((queue) => ({ name: `Tasks ${queue}`, queue, jobs: [JobName.RunTask, JobName.DiscoverRecords] })),
  ];
}

describe('jobHandlerProblems (the worker start-up check)', () => {
  it('finds nothing when every job has a handler on its queue', () => {
    expect(jobHandlerProblems(complete(), TASK_QUEUES)).toEqual([]);
  });

  it('names a job without a handler', () => {
    const processors = complete().filter((processor) => processor.name !== 'Digest');
    expect(jobHandlerProblems(processors, TASK_QUEUES)).toEqual(['job staff-digest has no handler on queue staff-digest']);
  });

  it('names a task queue without the task jobs', () => {
    const processors = complete().filter((processor) => processor.queue !== QueueName.TasksManual);
    expect(jobHandlerProblems(processors, TASK_QUEUES)).toEqual([
      'job run-task has no handler on queue tasks-manual',
      'job discover-records has no handler on queue tasks-manual',
    ]);
  });

  it('names a handler on a queue its job never runs on', () => {
    const processors = [...complete(), { name: 'Stray', queue: QueueName.Email, jobs: [JobName.StaffDigest] }];
    expect(jobHandlerProblems(processors, TASK_QUEUES)).toEqual(['Stray handles staff-digest on queue email, where that job never runs']);
  });
});
