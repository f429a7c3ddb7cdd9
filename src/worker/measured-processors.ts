import type { WorkerHost } from '@nestjs/bullmq';
import type { Job, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { connectorHttpKey, takeConnectorResponses } from '../connectors/connector-http-metrics';
import { HashIncrements, addJobRun, writeIncrements, type JobOutcome } from '../queues/job-metrics';

/** Errors by which a job hands itself back to BullMQ rather than failing. */
const DEFERRALS = new Set(['DelayedError', 'RateLimitError', 'WaitingChildrenError', 'WaitingError']);

/**
 * How long counts wait in memory before they go to Redis in one pipeline. A process that dies
 * (kill -9, out of memory) loses at most this long's counts, and those Redis could not take while
 * it was unreachable: a gap in a histogram of job durations, which Prometheus rates over minutes
 * anyway — not worth a Redis round trip per job. A worker that closes writes what it holds first.
 */
export const METRICS_FLUSH_MS = 1000;

type ProcessorClass = abstract new (...args: never[]) => WorkerHost;

/** Per queue prefix: the counts not yet in Redis, and the connection of the worker that counted last. */
interface PendingCounts {
  counts: HashIncrements;
  redis: Redis;
  timer: NodeJS.Timeout | null;
}
const pending = new Map<string, PendingCounts>();
const watched = new WeakSet<Worker>();

/**
 * Wraps every processor's `process` so each job run feeds the job duration histogram of its queue
 * (queues/job-metrics.ts), with the connector HTTP answers counted meanwhile, through the batch
 * above. Done on the class before Nest builds the workers (they bind `process` when they are
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
          await record(this.worker, job.queueName, outcome, performance.now() - started);
        }
      },
    });
  }
}

/** Counts one run in memory; writes within METRICS_FLUSH_MS, or at once while the worker closes
 *  (its connection closes when its last job has ended). */
async function record(worker: Worker, queue: string, outcome: JobOutcome, milliseconds: number): Promise<void> {
  const prefix = worker.opts.prefix ?? 'bull';
  const redis = (await worker.client) as unknown as Redis;
  const batch = pendingFor(prefix, redis);
  addJobRun(batch.counts, prefix, queue, outcome, milliseconds);
  for (const [field, count] of takeConnectorResponses()) batch.counts.add(connectorHttpKey(prefix), field, count);
  if (!watched.has(worker)) {
    watched.add(worker);
    worker.once('closing', () => void flushJobMetrics(prefix, redis));
  }
  if (worker.closing) await flushJobMetrics(prefix);
  else batch.timer ??= setTimeout(() => void flushJobMetrics(prefix), METRICS_FLUSH_MS).unref();
}

function pendingFor(prefix: string, redis: Redis): PendingCounts {
  let batch = pending.get(prefix);
  if (!batch) pending.set(prefix, (batch = { counts: new HashIncrements(), redis, timer: null }));
  batch.redis = redis;
  return batch;
}

/** Writes what `prefix` holds with one HINCRBY pipeline. Best effort: what Redis refuses is kept
 *  for the next write, never lost to a hiccup, and never the job's result. */
export async function flushJobMetrics(prefix: string, redis?: Redis): Promise<void> {
  const batch = pending.get(prefix);
  if (!batch) return;
  if (batch.timer) clearTimeout(batch.timer);
  batch.timer = null;
  const increments = batch.counts.take();
  if (!increments.length) return;
  let answers: Array<[Error | null, unknown]> | null = null;
  try {
    answers = await writeIncrements((redis ?? batch.redis).pipeline(), increments).exec();
  } catch {
    // The connection refused the whole pipeline: every increment is kept (answers stays null).
  }
  increments.forEach(([key, field, by], index) => {
    if (!answers || answers[index]?.[0]) batch.counts.add(key, field, by);
  });
}
