import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queues/queue-catalogue';

export function queueOf(context: INestApplicationContext, name: QueueName): Queue {
  return context.get<Queue>(getQueueToken(name), { strict: false });
}

/** Waits until the queues have nothing waiting or running (delayed jobs do not count). Beats sleep. */
export async function drainQueues(context: INestApplicationContext, names = Object.values(QueueName), timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
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
