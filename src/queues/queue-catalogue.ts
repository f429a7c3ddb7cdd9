import type { JobsOptions } from 'bullmq';

/**
 * The one typed catalogue of queues and jobs (ARCHITECTURE.md "Modules", queues/). Producing a job goes through
 * `JobPayloads`, so a wrong payload does not compile; start-up checks every job has a handler.
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
  /** One task queue per connector type, so each has its own rate limit (TASK_RATE_LIMITS). */
  TasksZendesk = 'tasks-zendesk',
  TasksVisma = 'tasks-visma',
  TasksHubSpot = 'tasks-hubspot',
  /** Manual and forward tasks: e-mails to system owners and controllers, no external API. */
  TasksManual = 'tasks-manual',
  /** Answers: deleting an access package when its download period ends. */
  Answers = 'answers',
  /** The staff's daily digest e-mail (a job scheduler, one run a day). */
  StaffDigest = 'staff-digest',
}

export enum JobName {
  ChainAudit = 'chain-audit',
  DeadlineAlert = 'deadline-alert',
  RenderEmail = 'render-email',
  SendEmail = 'send-email',
  ReconcileDeadlines = 'reconcile-deadlines',
  VerificationReminder = 'verification-reminder',
  VerificationExpiry = 'verification-expiry',
  RunTask = 'run-task',
  DiscoverRecords = 'discover-records',
  FanoutComplete = 'fanout-complete',
  ManualTaskReminder = 'manual-task-reminder',
  ManualTaskEscalation = 'manual-task-escalation',
  LegalHoldExpiry = 'legal-hold-expiry',
  AnswerPackageExpiry = 'answer-package-expiry',
  RestrictionLift = 'restriction-lift',
  StaffDigest = 'staff-digest',
}

export interface JobPayloads {
  [JobName.ChainAudit]: Record<string, never>;
  /** One pending alert job per case: it sends what is due and re-arms itself for the next alert.
   *  It carries no data: the case id is in the job id (see jobIds.alert), which saves Redis memory
   *  across a million pending jobs. */
  [JobName.DeadlineAlert]: Record<string, never>;
  [JobName.RenderEmail]: { kind: string; dedupeKey: string; caseId?: string; params?: Record<string, string> };
  /** `acceptedMessageId`: set once the SMTP server accepted it, so a retry only records it. */
  [JobName.SendEmail]: { outboundEmailId: string; acceptedMessageId?: string };
  [JobName.ReconcileDeadlines]: Record<string, never>;
  [JobName.VerificationReminder]: { caseId: string };
  [JobName.VerificationExpiry]: { caseId: string };
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
}

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ChainAudit]: QueueName.Audit,
  [JobName.DeadlineAlert]: QueueName.Deadlines,
  [JobName.RenderEmail]: QueueName.Email,
  [JobName.SendEmail]: QueueName.Email,
  [JobName.ReconcileDeadlines]: QueueName.Maintenance,
  [JobName.VerificationReminder]: QueueName.Intake,
  [JobName.VerificationExpiry]: QueueName.Intake,
  /** Runs on the queue of the system's connector type (TASK_QUEUES in connectors/tasks). */
  [JobName.RunTask]: QueueName.TasksManual,
  /** Like tasks, on the connector type's queue, so its rate limit and Retry-After cover the search. */
  [JobName.DiscoverRecords]: QueueName.TasksManual,
  [JobName.FanoutComplete]: QueueName.Fanout,
  [JobName.ManualTaskReminder]: QueueName.Fanout,
  [JobName.ManualTaskEscalation]: QueueName.Fanout,
  [JobName.LegalHoldExpiry]: QueueName.Fanout,
  [JobName.AnswerPackageExpiry]: QueueName.Answers,
  [JobName.RestrictionLift]: QueueName.Answers,
  [JobName.StaffDigest]: QueueName.StaffDigest,
};

/** Attempts, back-off and retention per job type, in one place. Failed jobs are kept: they are
 *  evidence (and the failure is also recorded in PostgreSQL where it matters). Completed alert
 *  jobs are removed so a moved deadline can reuse the same deterministic job id. */
export const JOB_OPTIONS: Record<JobName, JobsOptions> = {
  [JobName.ChainAudit]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 1000 },
  },
  // Lean on purpose: these options are stored with each of up to a million pending jobs.
  // (removeOnFail defaults to false: failed alert jobs are kept.)
  // Lean on purpose: these options are stored with each of up to a million pending jobs. No
  // attempts/back-off here: a failed alert job is kept (evidence) and retried by the next
  // reconciliation pass, which is what would re-create it anyway.
  [JobName.DeadlineAlert]: {
    removeOnComplete: true,
  },

  [JobName.RenderEmail]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false,
  },
  [JobName.SendEmail]: {
    attempts: 12,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: false,
  },
  [JobName.ReconcileDeadlines]: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { count: 100 },
    removeOnFail: { count: 100 },
  },
  [JobName.VerificationReminder]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  [JobName.VerificationExpiry]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  /** Attempts and back-off come from TASK_ATTEMPTS / TASK_BACKOFF_MS at enqueue time. Completed
   *  task jobs are kept a week: the task row is the record, the job the evidence of the run. */
  [JobName.RunTask]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: false,
  },
  /** Attempts and back-off come from TASK_ATTEMPTS / TASK_BACKOFF_MS, as for tasks. Completed
   *  jobs are removed: the discovery row is the record, and reconciliation may re-add a lost one. */
  [JobName.DiscoverRecords]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  [JobName.FanoutComplete]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 10_000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: false,
  },
  [JobName.ManualTaskReminder]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  [JobName.ManualTaskEscalation]: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 30_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  [JobName.LegalHoldExpiry]: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  [JobName.AnswerPackageExpiry]: {
    attempts: 10,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  /** Waits (by retrying) until the notice before lifting has gone out; reconciliation re-adds it. */
  [JobName.RestrictionLift]: {
    attempts: 20,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: true,
    removeOnFail: false,
  },
  /** Asks for the e-mails only (each deduplicated per user and day), so a retry sends nothing twice. */
  [JobName.StaffDigest]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 60_000 },
    removeOnComplete: { count: 30 },
    removeOnFail: { count: 30 },
  },
};

/** Deterministic job ids (BullMQ forbids ':' in custom ids). */
export const jobIds = {
  alert: (caseId: string) => `case-${caseId}-alert`,
  caseOfAlert: (jobId: string) => /^case-(.+)-alert$/.exec(jobId)?.[1] ?? null,
  renderEmail: (dedupeKey: string) => `render-${dedupeKey}`,
  sendEmail: (outboundEmailId: string) => `send-${outboundEmailId}`,
  verificationReminder: (caseId: string) => `verify-remind-${caseId}`,
  verificationExpiry: (caseId: string) => `verify-expire-${caseId}`,
  task: (taskId: string, retry = 0) => (retry ? `task-${taskId}-retry-${retry}` : `task-${taskId}`),
  discovery: (caseId: string, systemId: string, round: number) => `discover-${caseId}-${systemId}-${round}`,
  fanout: (caseId: string, firstTaskId: string) => `fanout-${caseId}-${firstTaskId}`,
  manualReminder: (taskId: string) => `manual-${taskId}-reminder`,
  manualEscalation: (taskId: string) => `manual-${taskId}-escalation`,
  legalHold: (holdId: string) => `hold-${holdId}`,
  packageExpiry: (packageId: string) => `package-expiry-${packageId}`,
  restrictionLift: (caseId: string) => `restriction-lift-${caseId}`,
};
