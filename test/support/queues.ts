import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AnyQueueName } from '../../src/queues/queue-catalogue';
import { QueueDirectory } from '../../src/queues/queue-directory';

export function queueOf(context: INestApplicationContext, name: AnyQueueName): Queue {
  return context.get<Queue>(getQueueToken(name), { strict: false });
}

/** Waits until the worker's relay has moved every staged job (the job outbox) to BullMQ: a public
 *  request's jobs reach Redis a moment after its 202. */
export async function relayed(context: INestApplicationContext, timeoutMs = 20_000): Promise<void> {
  const dataSource = context.get<DataSource>(getDataSourceToken(), { strict: false });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = (await dataSource.query('SELECT count(*)::int AS n FROM job_outbox')) as Array<{ n: number }>;
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} staged jobs still not relayed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until every staged job is relayed and the queues have nothing waiting or running
 *  (delayed jobs do not count). Beats sleep. */
export async function drainQueues(context: INestApplicationContext, names: AnyQueueName[] = allQueueNames(context), timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await relayed(context, timeoutMs);
  for (;;) {
    let busy = 0;
    for (const name of names) {
      const counts = await queueOf(context, name).getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      busy += Object.values(counts).reduce((sum, value) => sum + value, 0);
    }
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`queues still busy after ${timeoutMs} ms (${busy} jobs)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every queue of the app: the catalogue's and each connector type's task queue. */
function allQueueNames(context: INestApplicationContext): AnyQueueName[] {
  return context
    .get(QueueDirectory, { strict: false })
    .all()
    .map((queue) => queue.name as AnyQueueName);
}

/** Deletes every key under a queue prefix, as a Redis that lost its data would have it (never
 *  FLUSHALL: other test files share the server). Returns how many keys went. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
