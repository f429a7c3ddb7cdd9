import type { JobsOptions } from 'bullmq';

/**
 * The one typed catalogue of queues and jobs (ARCHITECTURE.md "Modules", queues/). Producing a job goes through
 * `JobQueue.enqueue(name, payload)`, whose payload type is `PayloadOf<name>`, so a wrong payload does not compile
 * (src/queues/job-payloads.compile-fixture.ts proves it); consumers extend `JobProcessor`, whose handlers get
 * `Job<PayloadOf<name>>`; start-up checks every job has a handler on its queue.
 */
export enum QueueName {
  /** Links new audit events into the hash chain (a job scheduler in the worker). */
  Audit = 'audit',
  Deadlines = 'deadlines',
  Email = 'email',
  Maintenance = 'maintenance',
  Intake = 'intake',
  /** Fan-out: the parent job of each case's flow, and follow-ups (manual-task reminders, legal holds). */
  Fanout = 'fanout',
  /** Manual and forward tasks: e-mails to system owners and controllers, no external API. Each
   *  connector type has its own task queue besides (`taskQueueName`), registered by the connectors
   *  module from the connectors it has, so each gets its own rate limit (TASK_RATE_LIMITS). */
  TasksManual = 'tasks-manual',
  /** Answers: deleting an access package when its download period ends. */
  Answers = 'answers',
  /** The staff's daily digest e-mail (a job scheduler, one run a day). */
  StaffDigest = 'staff-digest',
  /** The retention sweep (a job scheduler): exports and e-mail secrets nothing else removed. */
  Retention = 'retention',
  /** Replies by e-mail: reading the reply mailbox (a job scheduler, while INBOUND_IMAP_URL is set). */
  Replies = 'replies',
}

export enum JobName {
  ChainAudit = 'chain-audit',
  DeadlineAlert = 'deadline-alert',
  RenderEmail = 'render-email',
  SendEmail = 'send-email',
  ReconcileDeadlines = 'reconcile-deadlines',
  VerificationReminder = 'verification-reminder',
  VerificationExpiry = 'verification-expiry',
  CaseRegistered = 'case-registered',
  RunTask = 'run-task',
  DiscoverRecords = 'discover-records',
  FanoutComplete = 'fanout-complete',
  ManualTaskReminder = 'manual-task-reminder',
  ManualTaskEscalation = 'manual-task-escalation',
  LegalHoldExpiry = 'legal-hold-expiry',
  AnswerPackageExpiry = 'answer-package-expiry',
  RestrictionLift = 'restriction-lift',
  StaffDigest = 'staff-digest',
  RetentionSweep = 'retention-sweep',
  PollReplies = 'poll-replies',
}

export interface JobPayloads {
  [JobName.ChainAudit]: Record<string, never>;
  /** One pending alert job per case: it sends what is due and re-arms itself for the next alert.
   *  It carries no data: the case id is in the job id (see jobIds.alert), which saves Redis memory
   *  across a million pending jobs. */
  [JobName.DeadlineAlert]: Record<string, never>;
  /** `accepted`: set once the SMTP server accepted the message this job stored and sent itself,
   *  so a retry only records it (notifications/email-delivery.service.ts). */
  [JobName.RenderEmail]: {
    kind: string;
    dedupeKey: string;
    caseId?: string;
    params?: Record<string, string>;
    accepted?: { outboundEmailId: string; messageId: string };
  };
  /** `acceptedMessageId`: set once the SMTP server accepted it, so a retry only records it. */
  [JobName.SendEmail]: { outboundEmailId: string; acceptedMessageId?: string };
  [JobName.ReconcileDeadlines]: Record<string, never>;
  [JobName.VerificationReminder]: { caseId: string };
  [JobName.VerificationExpiry]: { caseId: string };
  /** The rest of a registered case's `case.registered` side effects, run in the worker (the
   *  registration staged its own alert and verification jobs; see CasesService.publishRegistered).
   *  `actor`: who registered it; the public intake's statement stages none (the requester). */
  [JobName.CaseRegistered]: { caseId: string; actor?: string };
  [JobName.RunTask]: { taskId: string };
  /** The search for a case's records in one system; `round` goes up each time it is asked again. */
  [JobName.DiscoverRecords]: { caseId: string; systemId: string; round: number };
  [JobName.FanoutComplete]: { caseId: string };
  [JobName.ManualTaskReminder]: { taskId: string };
  [JobName.ManualTaskEscalation]: { taskId: string };
  [JobName.LegalHoldExpiry]: { holdId: string };
  [JobName.AnswerPackageExpiry]: { packageId: string };
  [JobName.RestrictionLift]: { caseId: string };
  [JobName.StaffDigest]: Record<string, never>;
  [JobName.RetentionSweep]: Record<string, never>;
  [JobName.PollReplies]: Record<string, never>;
}

/** The payload of a job, by its name. */
export type PayloadOf<N extends JobName> = JobPayloads[N];

/** The queues a task job can run on: one per connector type (its rate limit), and the manual one. */
export type TaskQueueName = QueueName.TasksManual | `tasks-${string}`;

/** Any queue: the catalogue's, or a connector type's task queue. */
export type AnyQueueName = QueueName | TaskQueueName;

/** A connector type's task queue: `tasks-zendesk`, `tasks-visma`, … */
export function taskQueueName(connectorType: string): TaskQueueName {
  return `tasks-${connectorType}`;
}

/** Whether a queue is a task queue (`tasks-<connector type>`, or the manual one). */
export function isTaskQueue(name: string): boolean {
  return name.startsWith('tasks-');
}

/** A job whose queue is its connector type's (so that queue's rate limit and Retry-After cover it):
 *  the producer names the queue when it enqueues (`opts.queue`). */
export const CONNECTOR_QUEUE = 'connector';

interface JobSpec {
  readonly queue: QueueName | typeof CONNECTOR_QUEUE;
  readonly options: JobsOptions;
}

/** The queue a job runs on, as a type: a task queue for the connector jobs. */
export type QueueOf<N extends JobName> = (typeof JOBS)[N]['queue'] extends typeof CONNECTOR_QUEUE ? TaskQueueName : (typeof JOBS)[N]['queue'];

/** The jobs that run on a queue. */
export type JobsOn<Q extends AnyQueueName> = { [N in JobName]: Q extends QueueOf<N> ? N : never }[JobName];

/** Per job: the queue it runs on, and its attempts, back-off and retention, in one place. Failed jobs are kept: they are
 *  evidence (and the failure is also recorded in PostgreSQL where it matters). Completed alert
 *  jobs are removed so a moved deadline can reuse the same deterministic job id. */
export const JOBS = {
  [JobName.ChainAudit]: {
    queue: QueueName.Audit,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 1000 },
    },
  },
  // Lean on purpose: these options are stored with each of up to a million pending jobs.
  // (removeOnFail defaults to false: failed alert jobs are kept.)
  // Lean on purpose: these options are stored with each of up to a million pending jobs. No
  // attempts/back-off here: a failed alert job is kept (evidence) and retried by the next
  // reconciliation pass, which is what would re-create it anyway.
  [JobName.DeadlineAlert]: {
    queue: QueueName.Deadlines,
    options: {
      removeOnComplete: true,
    },
  },

  [JobName.RenderEmail]: {
    queue: QueueName.Email,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    },
  },
  [JobName.SendEmail]: {
    queue: QueueName.Email,
    options: {
      attempts: 12,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    },
  },
  [JobName.ReconcileDeadlines]: {
    queue: QueueName.Maintenance,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 100 },
    },
  },
  [JobName.VerificationReminder]: {
    queue: QueueName.Intake,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  [JobName.VerificationExpiry]: {
    queue: QueueName.Intake,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  [JobName.CaseRegistered]: {
    queue: QueueName.Intake,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },

  /** Attempts and back-off come from TASK_ATTEMPTS / TASK_BACKOFF_MS at enqueue time. Completed
   *  task jobs are kept a week: the task row is the record, the job the evidence of the run. */
  [JobName.RunTask]: {
    queue: CONNECTOR_QUEUE,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: false,
    },
  },
  /** Attempts and back-off come from TASK_ATTEMPTS / TASK_BACKOFF_MS, as for tasks. Completed
   *  jobs are removed: the discovery row is the record, and reconciliation may re-add a lost one. */
  [JobName.DiscoverRecords]: {
    queue: CONNECTOR_QUEUE,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  [JobName.FanoutComplete]: {
    queue: QueueName.Fanout,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
      removeOnFail: false,
    },
  },
  [JobName.ManualTaskReminder]: {
    queue: QueueName.Fanout,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  [JobName.ManualTaskEscalation]: {
    queue: QueueName.Fanout,
    options: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 30_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  [JobName.LegalHoldExpiry]: {
    queue: QueueName.Fanout,
    options: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  [JobName.AnswerPackageExpiry]: {
    queue: QueueName.Answers,
    options: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  /** Waits (by retrying) until the notice before lifting has gone out; reconciliation re-adds it. */
  [JobName.RestrictionLift]: {
    queue: QueueName.Answers,
    options: {
      attempts: 20,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
      removeOnFail: false,
    },
  },
  /** Asks for the e-mails only (each deduplicated per user and day), so a retry sends nothing twice. */
  [JobName.StaffDigest]: {
    queue: QueueName.StaffDigest,
    options: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { count: 30 },
      removeOnFail: { count: 30 },
    },
  },
  /** Idempotent: a run deletes and seals what is still due, so a retry or a second worker's run is harmless. */
  [JobName.RetentionSweep]: {
    queue: QueueName.Retention,
    options: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { count: 50 },
      removeOnFail: { count: 50 },
    },
  },
  /** Idempotent: a message read twice is recognised by its mailbox UID (and Message-ID); one poll at a time. */
  [JobName.PollReplies]: {
    queue: QueueName.Replies,
    options: {
      attempts: 1,
      removeOnComplete: { count: 20 },
      removeOnFail: { count: 50 },
    },
  },
} as const satisfies { readonly [N in JobName]: JobSpec };

/** Each job's options (JOBS[name].options), for callers that add a job id or delay to them. */
export const JOB_OPTIONS = Object.fromEntries(Object.values(JobName).map((name) => [name, JOBS[name].options])) as {
  readonly [N in JobName]: (typeof JOBS)[N]['options'];
};

/** Deterministic job ids (BullMQ forbids ':' in custom ids). */
export const jobIds = {
  alert: (caseId: string) => `case-${caseId}-alert`,
  caseOfAlert: (jobId: string) => /^case-(.+)-alert$/.exec(jobId)?.[1] ?? null,
  renderEmail: (dedupeKey: string) => `render-${dedupeKey}`,
  sendEmail: (outboundEmailId: string) => `send-${outboundEmailId}`,
  verificationReminder: (caseId: string) => `verify-remind-${caseId}`,
  verificationExpiry: (caseId: string) => `verify-expire-${caseId}`,
  caseRegistered: (caseId: string) => `case-${caseId}-registered`,
  task: (taskId: string, retry = 0) => (retry ? `task-${taskId}-retry-${retry}` : `task-${taskId}`),
  discovery: (caseId: string, systemId: string, round: number) => `discover-${caseId}-${systemId}-${round}`,
  fanout: (caseId: string, firstTaskId: string) => `fanout-${caseId}-${firstTaskId}`,
  manualReminder: (taskId: string) => `manual-${taskId}-reminder`,
  manualEscalation: (taskId: string) => `manual-${taskId}-escalation`,
  legalHold: (holdId: string) => `hold-${holdId}`,
  packageExpiry: (packageId: string) => `package-expiry-${packageId}`,
  restrictionLift: (caseId: string) => `restriction-lift-${caseId}`,
};
