import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { redisOptionsFromUrl } from '../../queues/redis-connection';

/** Failures from one address are remembered this long after the last one. */
const FAILURE_MEMORY_SECONDS = 3600;
/** The longest pause one address is given; each pause in a row doubles up to it. */
const LONGEST_PAUSE_SECONDS = 3600;

/** Sign-in attempts per client address, counted in Redis with @nestjs/throttler's storage so the
 *  limit holds across api replicas. One bucket per address for the staff sign-in page,
 *  `POST /api/v1/auth/login` and the password-reset form together. On top of it, a progressive
 *  delay: every STAFF_LOGIN_RATE_LIMIT_PER_MINUTE failed sign-ins from an address (within an hour
 *  of each other) pause it, a minute the first time and twice as long each time after. The
 *  per-account lockout (AuthService, lockout.ts) is the second line. */
@Injectable()
export class LoginRateLimit implements OnModuleDestroy {
  private storage: ThrottlerStorageRedisService | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts one attempt; null while the address may try, else the seconds until it may try again. */
  async retryAfter(clientAddress: string): Promise<number | null> {
    const paused = await this.store().redis.ttl(`staff-login-paused-${clientAddress}`);
    if (paused > 0) return paused;
    const record = await this.store().increment(`staff-login-${clientAddress}`, 60_000, this.config.STAFF_LOGIN_RATE_LIMIT_PER_MINUTE, 60_000, 'staff-login');
    return record.isBlocked ? Math.max(1, Math.ceil(record.timeToBlockExpire)) : null;
  }

  /** One failed sign-in from the address; each full allowance of failures pauses it, doubling. */
  async failed(clientAddress: string): Promise<void> {
    const redis = this.store().redis;
    const key = `staff-login-failures-${clientAddress}`;
    const failures = await redis.incr(key);
    await redis.expire(key, FAILURE_MEMORY_SECONDS);
    const allowance = this.config.STAFF_LOGIN_RATE_LIMIT_PER_MINUTE;
    if (failures % allowance !== 0) return;
    const seconds = Math.min(LONGEST_PAUSE_SECONDS, 60 * 2 ** Math.min(6, failures / allowance - 1));
    await redis.set(`staff-login-paused-${clientAddress}`, '1', 'EX', seconds);
  }

  onModuleDestroy(): void {
    this.storage?.onModuleDestroy();
  }

  private store(): ThrottlerStorageRedisService {
    this.storage ??= new ThrottlerStorageRedisService({
      ...redisOptionsFromUrl(this.config.REDIS_URL),
      keyPrefix: `${this.config.QUEUE_PREFIX}:throttle:`,
    });
    return this.storage;
  }
}
