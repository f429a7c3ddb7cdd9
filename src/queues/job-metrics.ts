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

/** Cumulative histogram fields: `<queue>|<outcome>|le|<bound>`, `…|sum_ms`, `…|count`. */
export function addJobRun(multi: ChainableCommander, prefix: string, queue: string, outcome: JobOutcome, milliseconds: number): void {
  const key = jobDurationKey(prefix);
  const seconds = milliseconds / 1000;
  for (const bound of JOB_DURATION_BUCKETS) if (seconds <= bound) multi.hincrby(key, `${queue}|${outcome}|le|${bound}`, 1);
  multi.hincrby(key, `${queue}|${outcome}|sum_ms`, Math.round(milliseconds));
  multi.hincrby(key, `${queue}|${outcome}|count`, 1);
}
