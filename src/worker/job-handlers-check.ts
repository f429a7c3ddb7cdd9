import { PROCESSOR_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import type { DiscoveryService } from '@nestjs/core';
import { JobProcessor } from '../queues/job-processor';
import { CONNECTOR_QUEUE, JOBS, JobName, type QueueName } from '../queues/queue-catalogue';
import { ALL_TASK_QUEUES } from '../connectors/tasks/task-queues';

/** A processor as the start-up check sees it: its class name, its queue and the jobs it handles. */
export interface FoundProcessor {
  name: string;
  queue: string;
  jobs: JobName[];
}

/** Every JobProcessor provider of the application, with the queue of its `@Processor`. */
export function discoverProcessors(discovery: DiscoveryService): Array<FoundProcessor & { instance: JobProcessor<QueueName> }> {
  return discovery
    .getProviders()
    .filter((wrapper) => wrapper.instance instanceof JobProcessor)
    .map((wrapper) => {
      const instance = wrapper.instance as JobProcessor<QueueName>;
      const metadata = Reflect.getMetadata(PROCESSOR_METADATA, instance.constructor) as { name?: string } | undefined;
      return { name: instance.constructor.name, queue: metadata?.name ?? '', jobs: instance.handledJobs(), instance };
    });
}

/**
 * What stops the worker from starting: a job of the catalogue that no processor handles on its
 * queue (every task queue for a connector job), or a processor that handles a job on a queue the
 * job never runs on. Empty when all is well.
 */
export function jobHandlerProblems(processors: FoundProcessor[], taskQueues: readonly string[] = ALL_TASK_QUEUES): string[] {
  const problems: string[] = [];
  for (const name of Object.values(JobName)) {
    const home = JOBS[name].queue;
    const queues = home === CONNECTOR_QUEUE ? taskQueues : [home];
    for (const queue of queues) {
      if (!processors.some((processor) => processor.queue === queue && processor.jobs.includes(name))) {
        problems.push(`job ${name} has no handler on queue ${queue}`);
      }
    }
  }
  for (const processor of processors) {
    for (const name of processor.jobs) {
      const home = JOBS[name]?.queue;
      const runsThere = home === CONNECTOR_QUEUE ? taskQueues.includes(processor.queue) : home === processor.queue;
      if (!runsThere) problems.push(`${processor.name} handles ${name} on queue ${processor.queue}, where that job never runs`);
    }
  }
  return problems;
}
