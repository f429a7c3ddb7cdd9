import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queues/redis-connection';

/** Sign-in attempts per client address, counted in Redis with @nestjs/throttler's storage so the
 *  limit holds across api replicas. One bucket per address for the staff sign-in page and
 *  `POST /api/v1/auth/login` together; the per-account lockout (AuthService) is the second line. */
@Injectable()
export class LoginRateLimit implements OnModuleDestroy {
  private storage: ThrottlerStorageRedisService | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts one attempt; null while the address is within the limit, else the seconds until it may try again. */
  async retryAfter(clientAddress: string): Promise<number | null> {
    this.storage ??= new ThrottlerStorageRedisService({
      ...redisOptionsFromUrl(this.config.REDIS_URL),
      keyPrefix: `${this.config.QUEUE_PREFIX}:throttle:`,
    });
    const record = await this.storage.increment(`staff-login-${clientAddress}`, 60_000, this.config.STAFF_LOGIN_RATE_LIMIT_PER_MINUTE, 60_000, 'staff-login');
    return record.isBlocked ? Math.max(1, Math.ceil(record.timeToBlockExpire)) : null;
  }

  onModuleDestroy(): void {
    this.storage?.onModuleDestroy();
  }
}
