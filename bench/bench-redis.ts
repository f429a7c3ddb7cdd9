import type Redis from 'ioredis';

/** Removes every BullMQ key under `prefix` (`<prefix>:…`; SCAN + UNLINK, never KEYS on a shared
 *  Redis). The colon keeps a short prefix from matching another prefix that starts the same. */
export async function deleteQueueKeys(redis: Redis, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
