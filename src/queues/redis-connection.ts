import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';

/** BullMQ's client is an ioredis connection (its own type lists only the commands BullMQ uses). */
export const redisOf = async (queue: Queue) => (await queue.client) as unknown as Redis;

/** ioredis options from REDIS_URL (redis:// or rediss://, with optional user, password and db). */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.replace('/', '');
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * For Redis clients on the request path (rate-limit counters, staff sessions): while Redis is
 * down a command gives up within 1.5 s, so the caller answers 503 at once instead of holding the
 * request through ioredis's retries. BullMQ's own connections keep maxRetriesPerRequest null
 * (BullMQ requires it for workers and blocking commands).
 */
export function requestPathRedisOptions(redisUrl: string): RedisOptions {
  return { ...redisOptionsFromUrl(redisUrl), maxRetriesPerRequest: 1, commandTimeout: 1500, connectTimeout: 1500 };
}
