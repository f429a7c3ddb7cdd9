import type { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type Redis from 'ioredis';
import { connectorHttpKey, returnConnectorResponses, takeConnectorResponses } from '../connectors/connector-http-metrics';
import { addJobRun, type JobOutcome } from '../queues/job-metrics';

/** Errors by which a job hands itself back to BullMQ rather than failing. */
const DEFERRALS = new Set(['DelayedError', 'RateLimitError', 'WaitingChildrenError', 'WaitingError']);

type ProcessorClass = abstract new (...args: never[]) => WorkerHost;

/**
 * Wraps every processor's `process` so each job run feeds the job duration histogram of its queue
 * (queues/job-metrics.ts), and the connector HTTP answers counted meanwhile reach Redis in the same
 * round trip. Done on the class before Nest builds the workers (they bind `process` when they are
 * created), so a processor added to the worker's list is measured without doing anything.
 */
export function measureJobRuns(processors: ProcessorClass[]): void {
  for (const processor of processors) {
    const original = processor.prototype.process as WorkerHost['process'];
    Object.defineProperty(processor.prototype, 'process', {
      configurable: true,
      writable: true,
      value: async function measured(this: WorkerHost, job: Job, token?: string) {
        const started = performance.now();
        let outcome: JobOutcome = 'failed';
        try {
          const result = await original.call(this, job, token);
          outcome = 'completed';
          return result;
        } catch (error) {
          if (DEFERRALS.has((error as Error)?.name)) outcome = 'deferred';
          throw error;
        } finally {
          await record(this, job.queueName, outcome, performance.now() - started);
        }
      },
    });
  }
}

/** Best effort: a Redis error here loses one sample, never the job's result. */
async function record(host: WorkerHost, queue: string, outcome: JobOutcome, milliseconds: number): Promise<void> {
  const responses = takeConnectorResponses();
  try {
    const prefix = host.worker.opts.prefix ?? 'bull';
    const multi = ((await host.worker.client) as unknown as Redis).multi();
    addJobRun(multi, prefix, queue, outcome, milliseconds);
    for (const [field, count] of responses) multi.hincrby(connectorHttpKey(prefix), field, count);
    await multi.exec();
  } catch {
    returnConnectorResponses(responses);
  }
}
