import type { ChainableCommander } from 'ioredis';

/**
 * Job run durations, counted by the worker that ran the job (workers serve no HTTP) into one Redis
 * hash under the queue prefix, so any api process renders the same histogram at scrape time: right
 * with N api and M worker processes, and in the prefix's Redis Cluster slot. Losing Redis resets
 * it, which Prometheus reads as an ordinary counter reset.
 */
export const jobDurationKey = (prefix: string) => `${prefix}:metrics:job-seconds`;

/** Upper bounds (seconds) of the job duration histograms. */
export const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** completed: the handler returned; failed: it threw (a retry may follow); deferred: the job put
 *  itself back for later (a deadline alert re-arming, a task the provider rate-limited). */
export type JobOutcome = 'completed' | 'failed' | 'deferred';

/** One HINCRBY: hash key, field, amount. */
export type HashIncrement = [key: string, field: string, by: number];

/** HINCRBYs not yet written, summed per hash field: a process counts many job runs in memory and
 *  writes them as one increment per field. */
export class HashIncrements {
  private readonly counts = new Map<string, Map<string, number>>();

  add(key: string, field: string, by: number): void {
    let fields = this.counts.get(key);
    if (!fields) this.counts.set(key, (fields = new Map()));
    fields.set(field, (fields.get(field) ?? 0) + by);
  }

  /** Hands over every increment and starts again from zero. */
  take(): HashIncrement[] {
    const taken = [...this.counts].flatMap(([key, fields]) => [...fields].map(([field, by]): HashIncrement => [key, field, by]));
    this.counts.clear();
    return taken;
  }
}

/** Cumulative histogram fields: `<queue>|<outcome>|le|<bound>`, `…|sum_ms`, `…|count`. */
export function addJobRun(counts: HashIncrements, prefix: string, queue: string, outcome: JobOutcome, milliseconds: number): void {
  const key = jobDurationKey(prefix);
  const seconds = milliseconds / 1000;
  for (const bound of JOB_DURATION_BUCKETS) if (seconds <= bound) counts.add(key, `${queue}|${outcome}|le|${bound}`, 1);
  counts.add(key, `${queue}|${outcome}|sum_ms`, Math.round(milliseconds));
  counts.add(key, `${queue}|${outcome}|count`, 1);
}

/** Queues the increments on a pipeline (no MULTI: each HINCRBY stands alone, and a failed one is
 *  known by its place in the answer). */
export function writeIncrements(pipeline: ChainableCommander, increments: readonly HashIncrement[]): ChainableCommander {
  for (const [key, field, by] of increments) pipeline.hincrby(key, field, by);
  return pipeline;
}
