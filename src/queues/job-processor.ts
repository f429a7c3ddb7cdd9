import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { AnyQueueName, JobName, JobsOn, PayloadOf } from './queue-catalogue';

/** Runs one job of a given name: the job's data has that name's payload type. */
export type JobHandler<N extends JobName> = (job: Job<PayloadOf<N>, unknown, N>, token?: string) => Promise<unknown>;

/** A handler for every job that runs on queue Q, by job name (the compiler asks for each one). */
export type JobHandlers<Q extends AnyQueueName> = { readonly [N in JobsOn<Q>]: JobHandler<N> };

/**
 * The typed base of every BullMQ processor: a subclass gives its queue as Q and a handler per job
 * of that queue; `process` routes by the job's name. Start-up (worker/job-handlers-check.ts) finds
 * every processor and stops when a job of the catalogue has no handler.
 */
export abstract class JobProcessor<Q extends AnyQueueName> extends WorkerHost {
  protected abstract readonly handlers: JobHandlers<Q>;

  /** The job names this processor handles (read by the start-up check). */
  handledJobs(): JobName[] {
    return Object.keys(this.handlers) as JobName[];
  }

  async process(job: Job, token?: string): Promise<unknown> {
    // The one place a job from Redis meets its type: it was produced by JobQueue under this name,
    // so its data is that name's payload.
    const handlers = this.handlers as unknown as Partial<Record<string, (job: Job, token?: string) => Promise<unknown>>>;
    const handler = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
    if (!handler) throw new Error(`no handler for job ${job.name} on ${job.queueName}`);
    return handler(job, token);
  }
}
