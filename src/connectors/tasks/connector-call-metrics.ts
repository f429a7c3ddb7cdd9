import type { Queue } from 'bullmq';
import { redisOf } from '../../queues/redis-connection';

/**
 * Connector actions and the 429s handed back to the queue, counted where the work happens (worker
 * processes, which serve no HTTP) into a Redis hash under the queue prefix, so any api process can
 * expose the sums at scrape time: correct with N api and M worker processes, and in the prefix's
 * Redis Cluster slot. Losing Redis resets them, which Prometheus reads as an ordinary counter reset.
 * (HTTP answers per provider: connector-http-metrics.ts; job durations: queues/job-metrics.ts.)
 */
export const connectorCallsKey = (prefix: string) => `${prefix}:metrics:connector-calls`;

export type ConnectorCallOutcome = 'calls' | 'rate_limited';

/** Counting never fails a task: a Redis error here only loses one increment. */
export async function countConnectorCall(queue: Queue, prefix: string, connector: string, outcome: ConnectorCallOutcome): Promise<void> {
  try {
    await (await redisOf(queue)).hincrby(connectorCallsKey(prefix), `${connector}|${outcome}`, 1);
  } catch {
    // Metrics are best effort; the task's own record is in PostgreSQL.
  }
}
