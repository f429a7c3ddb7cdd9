import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { QueueName } from '../../queues/queue-catalogue';
import { rateLimits } from './task-queues';

/** Worker-only: sets each connector queue's global rate limit (BullMQ keeps it in Redis, so it holds
 *  across every worker process), from TASK_RATE_LIMITS over the defaults. */
@Injectable()
export class TaskRateLimits implements OnApplicationBootstrap {
  private readonly logger = new Logger('Tasks');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.TasksZendesk) private readonly zendesk: Queue,
    @InjectQueue(QueueName.TasksVisma) private readonly visma: Queue,
    @InjectQueue(QueueName.TasksHubSpot) private readonly hubspot: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const limits = rateLimits(this.config.TASK_RATE_LIMITS);
    const queues: Record<string, Queue> = { zendesk: this.zendesk, visma: this.visma, hubspot: this.hubspot };
    for (const [type, queue] of Object.entries(queues)) {
      const limit = limits[type];
      await queue.setGlobalRateLimit(limit.max, limit.durationMs);
      this.logger.log(`${type} tasks: at most ${limit.max} per ${limit.durationMs} ms`);
    }
  }
}
