import type Redis from 'ioredis';

/**
 * connect-redis v9 speaks node-redis v5 (`set(key, value, {expiration})`, `mGet`,
 * `scanIterator`); the service already runs ioredis, so this adapter gives the store the few
 * calls it makes instead of a second Redis client library.
 */
export class IoRedisSessionClient {
  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, options?: { expiration?: { type: 'EX'; value: number } }): Promise<unknown> {
    if (options?.expiration) return this.redis.set(key, value, 'EX', options.expiration.value);
    return this.redis.set(key, value);
  }

  expire(key: string, seconds: number): Promise<number> {
    return this.redis.expire(key, seconds);
  }

  del(keys: string | string[]): Promise<number> {
    return this.redis.del(...(Array.isArray(keys) ? keys : [keys]));
  }

  mGet(keys: string[]): Promise<Array<string | null>> {
    return this.redis.mget(keys);
  }

  async *scanIterator(options: { MATCH: string; COUNT: number }): AsyncGenerator<string[]> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', options.MATCH, 'COUNT', options.COUNT);
      cursor = next;
      if (keys.length) yield keys;
    } while (cursor !== '0');
  }
}
