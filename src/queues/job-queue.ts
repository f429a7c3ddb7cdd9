import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FlowJob, Job, JobsOptions, Queue } from 'bullmq';
import { CONNECTOR_QUEUE, JOBS, JobName, type AnyQueueName, type PayloadOf, type TaskQueueName } from './queue-catalogue';

/** The jobs whose queue is chosen when they are produced (their connector type's). */
type ConnectorJobName = { [N in JobName]: (typeof JOBS)[N]['queue'] extends typeof CONNECTOR_QUEUE ? N : never }[JobName];

/** What a producer may add to a job's catalogue options; a connector job must name its queue. */
export type EnqueueOptions<N extends JobName> = JobsOptions & (N extends ConnectorJobName ? { queue: TaskQueueName } : { queue?: never });

/** One job to produce: its name, the payload that name requires, and options over the catalogue's. */
export type JobRequest<N extends JobName = JobName> = {
  [K in N]: { name: K; data: PayloadOf<K> } & (K extends ConnectorJobName ? { opts: EnqueueOptions<K> } : { opts?: EnqueueOptions<K> });
}[N];

/** Builds a `JobRequest` with its payload checked against the job's name (for addBulk-style lists). */
export function jobRequest<N extends JobName>(
  name: N,
  data: PayloadOf<N>,
  ...[opts]: N extends ConnectorJobName ? [opts: EnqueueOptions<N>] : [opts?: EnqueueOptions<N>]
): JobRequest<N> {
  return { name, data, opts } as unknown as JobRequest<N>;
}

/** The queue a request goes to: the catalogue's, or the connector queue it names. */
export function queueNameOf(request: { name: JobName; opts?: { queue?: TaskQueueName } }): AnyQueueName {
  const home = JOBS[request.name].queue;
  if (home !== CONNECTOR_QUEUE) return home;
  if (!request.opts?.queue) throw new Error(`job ${request.name} needs the queue of its connector type`);
  return request.opts.queue;
}

/** BullMQ's form of a request: the catalogue's options under the producer's, without our `queue`. */
function bullOptions(request: JobRequest): JobsOptions {
  const { queue: _queue, ...opts } = (request.opts ?? {}) as JobsOptions & { queue?: TaskQueueName };
  return { ...JOBS[request.name].options, ...opts };
}

/** A flow node (FlowProducer.add) for a request: the parent runs once its children have. */
export function flowJob(request: JobRequest, children?: FlowJob[]): FlowJob {
  return { name: request.name, queueName: queueNameOf(request), data: request.data, opts: bullOptions(request), ...(children ? { children } : {}) };
}

/** Narrows a job by its name, so its data has that name's payload type (event handlers get `Job`). */
export function isJob<N extends JobName>(job: Job | undefined, name: N): job is Job<PayloadOf<N>, unknown, N> {
  return job?.name === name;
}

/**
 * The one way to produce a job: `enqueue(name, payload, opts?)`, with the payload typed by the job's
 * name (queues/queue-catalogue.ts) and the queue and options taken from the catalogue. Bulk adds
 * are grouped per queue, one round trip each.
 */
@Injectable()
export class JobQueue {
  private readonly queues = new Map<AnyQueueName, Queue>();

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The BullMQ queue itself, for what is not producing (removing a job, rate limits, schedulers). */
  queue(name: AnyQueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: PayloadOf<N>,
    ...[opts]: N extends ConnectorJobName ? [opts: EnqueueOptions<N>] : [opts?: EnqueueOptions<N>]
  ): Promise<Job<PayloadOf<N>, unknown, N>> {
    const request = { name, data: payload, opts } as JobRequest;
    return this.queue(queueNameOf(request)).add(name, payload, bullOptions(request)) as Promise<Job<PayloadOf<N>, unknown, N>>;
  }

  /** Adds many jobs; a job whose id exists is left as it is (as with `enqueue`). */
  async enqueueBulk(requests: readonly JobRequest[]): Promise<void> {
    const byQueue = new Map<AnyQueueName, JobRequest[]>();
    for (const request of requests) {
      const name = queueNameOf(request);
      const batch = byQueue.get(name);
      if (batch) batch.push(request);
      else byQueue.set(name, [request]);
    }
    await Promise.all(
      [...byQueue].map(([name, batch]) =>
        this.queue(name).addBulk(batch.map((request) => ({ name: request.name, data: request.data, opts: bullOptions(request) }))),
      ),
    );
  }
}
