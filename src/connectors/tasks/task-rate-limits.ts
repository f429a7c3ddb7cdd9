import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { CONNECTOR_PLUGINS } from '../connector-modules';
import { rateLimits } from './task-queues';

/** Worker-only: sets each connector queue's global rate limit (BullMQ keeps it in Redis, so it holds
 *  across every worker process), from TASK_RATE_LIMITS over each connector's default. */
@Injectable()
export class TaskRateLimits implements OnApplicationBootstrap {
  private readonly logger = new Logger('Tasks');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const limits = rateLimits(this.config.TASK_RATE_LIMITS);
    for (const { type, queue: name } of CONNECTOR_PLUGINS) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      const limit = limits[type];
      await queue.setGlobalRateLimit(limit.max, limit.durationMs);
      this.logger.log(`${type} tasks: at most ${limit.max} per ${limit.durationMs} ms`);
    }
  }
}
