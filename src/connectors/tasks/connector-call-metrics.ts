import type { Queue } from 'bullmq';
import type Redis from 'ioredis';

/** BullMQ's client is an ioredis connection (its own type lists only the commands BullMQ uses). */
export const redisOf = async (queue: Queue) => (await queue.client) as unknown as Redis;

/**
 * Connector calls, 429s and task job durations, counted where the work happens (worker processes,
 * which serve no HTTP) into Redis hashes under the queue prefix, so any api process can expose the
 * sums at scrape time: correct with N api and M worker processes, and in the prefix's Redis Cluster
 * slot. Losing Redis resets them, which Prometheus reads as an ordinary counter reset.
 */
export const connectorCallsKey = (prefix: string) => `${prefix}:metrics:connector-calls`;
export const jobDurationKey = (prefix: string) => `${prefix}:metrics:task-job-seconds`;
/** Upper bounds (seconds) of the task job duration histogram. */
export const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export type ConnectorCallOutcome = 'calls' | 'rate_limited';

/** Counting never fails a task: a Redis error here only loses one increment. */
export async function countConnectorCall(queue: Queue, prefix: string, connector: string, outcome: ConnectorCallOutcome): Promise<void> {
  try {
    await (await redisOf(queue)).hincrby(connectorCallsKey(prefix), `${connector}|${outcome}`, 1);
  } catch {
    // Metrics are best effort; the task's own record is in PostgreSQL.
  }
}

/** Cumulative histogram fields per queue: `<queue>|le|<bound>`, `<queue>|sum_ms`, `<queue>|count`. */
export async function recordJobDuration(queue: Queue, prefix: string, milliseconds: number): Promise<void> {
  try {
    const seconds = milliseconds / 1000;
    const multi = (await redisOf(queue)).multi();
    const key = jobDurationKey(prefix);
    for (const bound of JOB_DURATION_BUCKETS) if (seconds <= bound) multi.hincrby(key, `${queue.name}|le|${bound}`, 1);
    multi.hincrby(key, `${queue.name}|sum_ms`, Math.round(milliseconds));
    multi.hincrby(key, `${queue.name}|count`, 1);
    await multi.exec();
  } catch {
    // Best effort, as above.
  }
}
