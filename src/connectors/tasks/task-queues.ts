import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { JOB_OPTIONS, JobName, QueueName, type TaskQueueName } from '../../queues/queue-catalogue';
import type { CaseTaskEntity } from './case-task.entity';

/** Each connector type has its own queue, so each gets its own rate limit; manual and forward tasks
 *  only write e-mails and share one. */
export const TASK_QUEUES: Record<string, TaskQueueName> = {
  zendesk: QueueName.TasksZendesk,
  visma: QueueName.TasksVisma,
  hubspot: QueueName.TasksHubSpot,
  manual: QueueName.TasksManual,
};

export const ALL_TASK_QUEUES: TaskQueueName[] = [QueueName.TasksZendesk, QueueName.TasksVisma, QueueName.TasksHubSpot, QueueName.TasksManual];

export function taskQueueFor(task: Pick<CaseTaskEntity, 'action' | 'connectorType'>): TaskQueueName {
  if (task.action === 'forward') return QueueName.TasksManual;
  return TASK_QUEUES[task.connectorType] ?? QueueName.TasksManual;
}

/** Attempts and back-off from the environment; everything else from the catalogue. */
export function taskJobOptions(config: Pick<AppConfig, 'TASK_ATTEMPTS' | 'TASK_BACKOFF_MS'>, jobId: string): JobsOptions {
  return {
    ...JOB_OPTIONS[JobName.RunTask],
    attempts: config.TASK_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.TASK_BACKOFF_MS },
    jobId,
  };
}

/** Default task jobs per window and connector type, below each provider's documented limit given that
 *  one task makes several requests (docs/connectors.md); TASK_RATE_LIMITS overrides them. */
export const DEFAULT_RATE_LIMITS: Record<string, { max: number; durationMs: number }> = {
  zendesk: { max: 20, durationMs: 60_000 },
  visma: { max: 60, durationMs: 60_000 },
  hubspot: { max: 10, durationMs: 10_000 },
};

export function rateLimits(setting: string | undefined): Record<string, { max: number; durationMs: number }> {
  const limits = { ...DEFAULT_RATE_LIMITS };
  for (const pair of (setting ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [type, value] = pair.split('=');
    const [max, durationMs] = value.split('/').map(Number);
    limits[type] = { max, durationMs };
  }
  return limits;
}
