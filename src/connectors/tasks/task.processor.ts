import { InjectQueue, OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { WORKER_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import { Inject, type Type } from '@nestjs/common';
import { RateLimitError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { JobProcessor, type JobHandlers } from '../../queues/job-processor';
import { isJob } from '../../queues/job-queue';
import { JobName, QueueName, type TaskQueueName } from '../../queues/queue-catalogue';
import { CONNECTOR_PLUGINS } from '../connector-modules';
import type { ConnectorPlugin } from '../dsr-connector';
import { RecordDiscoveryRunner } from '../records/record-discovery.runner';
import { TaskRunnerService, type TaskRunResult } from './task-runner.service';

/**
 * Thin: a task job asks the runner (a record search, the discovery runner) and turns its answer
 * into BullMQ's terms. One subclass per task queue (taskProcessorFor, below), so each queue has its
 * own worker and rate limit, which covers searches and tasks together.
 */
export abstract class TaskProcessor extends JobProcessor<TaskQueueName> {
  protected readonly handlers: JobHandlers<TaskQueueName> = {
    [JobName.RunTask]: async (job) => this.answer(await this.runner.run(job.data.taskId, attemptOf(job))),
    [JobName.DiscoverRecords]: async (job) => this.answer(await this.discovery.run(job.data, attemptOf(job))),
  };

  constructor(
    private readonly runner: TaskRunnerService,
    private readonly discovery: RecordDiscoveryRunner,
    private readonly queue: Queue,
    config: AppConfig,
  ) {
    super();
    // The lock decides how soon a task held by a dead worker runs again; it comes from the
    // validated config, which decorators cannot read. The explorer reads this when it builds the
    // worker, after every provider is constructed.
    const decorated = (Reflect.getMetadata(WORKER_METADATA, new.target) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(
      WORKER_METADATA,
      { concurrency: 4, ...decorated, lockDuration: config.TASK_LOCK_MS, stalledInterval: config.TASK_LOCK_MS, maxStalledCount: 2 },
      new.target,
    );
  }

  /** The runner's answer in BullMQ's terms. */
  private async answer(result: TaskRunResult): Promise<string> {
    switch (result.kind) {
      case 'finished':
        return result.status;
      case 'skipped':
        return `skipped: ${result.reason}`;
      case 'rate_limited':
        // The provider's Retry-After pauses this connector's whole queue; the job goes back to
        // waiting without using up an attempt.
        await this.queue.rateLimit(result.delayMs);
        throw new RateLimitError();
      case 'retry':
        throw new Error(result.message);
      case 'failed':
        throw new UnrecoverableError(result.message);
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || error instanceof UnrecoverableError) return;
    if (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(error.message)) return;
    if (isJob(job, JobName.RunTask)) await this.runner.onJobFailed(job.data.taskId, job.id, error.message);
    if (isJob(job, JobName.DiscoverRecords)) await this.discovery.onJobFailed(job.data, error.message);
  }
}

function attemptOf(job: Job): { attemptsMade: number; maxAttempts: number } {
  return { attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 };
}

@Processor(QueueName.TasksManual)
export class ManualTaskProcessor extends TaskProcessor {
  constructor(
    runner: TaskRunnerService,
    discovery: RecordDiscoveryRunner,
    @InjectQueue(QueueName.TasksManual) queue: Queue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(runner, discovery, queue, config);
  }
}

/**
 * The processor of one connector type's queue: the same generic class, made once per listed
 * connector (BullMQ's explorer needs one decorated class per queue, before Nest builds anything).
 * Named after the connector (ZendeskConnector → ZendeskTaskProcessor) for logs and the start-up check.
 */
export function taskProcessorFor(plugin: Pick<ConnectorPlugin, 'queue' | 'target'>): Type<TaskProcessor> {
  @Processor(plugin.queue)
  class ConnectorTaskProcessor extends TaskProcessor {
    constructor(runner: TaskRunnerService, discovery: RecordDiscoveryRunner, @InjectQueue(plugin.queue) queue: Queue, @Inject(APP_CONFIG) config: AppConfig) {
      super(runner, discovery, queue, config);
    }
  }
  Object.defineProperty(ConnectorTaskProcessor, 'name', { value: plugin.target.name.replace(/Connector$/, 'TaskProcessor') });
  return ConnectorTaskProcessor;
}

/** One processor per task queue: each listed connector's, then the manual one. */
export const TASK_PROCESSORS: Array<Type<TaskProcessor>> = [...CONNECTOR_PLUGINS.map(taskProcessorFor), ManualTaskProcessor];
