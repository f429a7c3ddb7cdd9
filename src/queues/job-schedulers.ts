import { Injectable } from '@nestjs/common';
import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from 'bullmq';
import type { JobName, PayloadOf } from './queue-catalogue';

/** One BullMQ job scheduler: a repeating job that exists once in Redis however many workers run. */
export interface JobSchedulerSpec {
  queue: Queue;
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  job: ScheduledJob;
}

/** The job a scheduler repeats, its payload typed by its name like every other job. */
export type ScheduledJob = { [N in JobName]: { name: N; data: PayloadOf<N>; opts: JobSchedulerTemplateOptions } }[JobName];

/**
 * Worker-only: the list of the worker's job schedulers. Modules register theirs at init; the
 * SchedulerWatchdog writes them all at start-up and again whenever Redis has lost one, since a
 * scheduler lives only in Redis and nothing else would bring it back.
 */
@Injectable()
export class JobSchedulers {
  private readonly specs = new Map<string, JobSchedulerSpec>();

  register(spec: JobSchedulerSpec): void {
    this.specs.set(`${spec.queue.name}/${spec.id}`, spec);
  }

  /** Idempotent: upserting a scheduler that exists with the same settings changes nothing. */
  async upsertAll(): Promise<void> {
    await Promise.all([...this.specs.values()].map((spec) => spec.queue.upsertJobScheduler(spec.id, spec.repeat, spec.job)));
  }

  /** The `queue/id` of every registered scheduler Redis does not hold. */
  async missing(): Promise<string[]> {
    const found = await Promise.all([...this.specs].map(async ([key, spec]) => ((await spec.queue.getJobScheduler(spec.id)) ? null : key)));
    return found.filter((key): key is string => key !== null);
  }
}
