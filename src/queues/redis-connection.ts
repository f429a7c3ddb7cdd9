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
