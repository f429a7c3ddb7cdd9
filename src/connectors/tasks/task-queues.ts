import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { JOB_OPTIONS, JobName, QueueName, type TaskQueueName } from '../../queues/queue-catalogue';
import { CONNECTOR_PLUGINS } from '../connector-modules';
import type { RateLimit } from '../dsr-connector';
import type { CaseTaskEntity } from './case-task.entity';

/** Each connector type has its own queue (tasks-<type>), so each gets its own rate limit; manual,
 *  forward and instruct tasks only write e-mails and share one. */
export const TASK_QUEUES: Record<string, TaskQueueName> = {
  ...Object.fromEntries(CONNECTOR_PLUGINS.map((plugin) => [plugin.type, plugin.queue])),
  manual: QueueName.TasksManual,
};

export const ALL_TASK_QUEUES: TaskQueueName[] = [...CONNECTOR_PLUGINS.map((plugin) => plugin.queue), QueueName.TasksManual];

export function taskQueueFor(task: Pick<CaseTaskEntity, 'action' | 'connectorType'>): TaskQueueName {
  if (task.action === 'forward' || task.action === 'instruct') return QueueName.TasksManual;
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

/** Default task jobs per window and connector type, from each connector's `@DsrConnector` rate limit;
 *  TASK_RATE_LIMITS overrides them. */
export const DEFAULT_RATE_LIMITS: Record<string, RateLimit> = Object.fromEntries(CONNECTOR_PLUGINS.map((plugin) => [plugin.type, plugin.rateLimit]));

export function rateLimits(setting: string | undefined): Record<string, RateLimit> {
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
