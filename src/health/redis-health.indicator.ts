import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { QueueName } from '../queues/queue-catalogue';

/** Pings Redis through the queue connection the service really uses, with a short timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      // BullMQ's connection is an ioredis client.
      const client = (await withTimeout(this.queue.client, 1500)) as unknown as Redis;
      await withTimeout(client.ping(), 1500);
      return indicator.up();
    } catch {
      return indicator.down({ message: 'Redis does not answer' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
