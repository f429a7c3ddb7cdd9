import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { JobQueue } from './job-queue';
import { JobOutbox } from './job-outbox/job-outbox';
import { QueueName } from './queue-catalogue';
import { QueueDirectory } from './queue-directory';
import { redisOptionsFromUrl } from './redis-connection';

/** BullMQ on Redis, every queue under QUEUE_PREFIX (its `{…}` hash tag keeps a queue's keys in
 *  one Redis Cluster slot, and a prefix per test run keeps runs apart). */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.QUEUE_PREFIX,
        connection: { ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: null },
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: [JobQueue, JobOutbox, QueueDirectory],
  exports: [BullModule, JobQueue, JobOutbox, QueueDirectory],
})
export class QueuesModule {}
