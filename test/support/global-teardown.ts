import { Client } from 'pg';
import Redis from 'ioredis';
import { rmSync } from 'node:fs';
import { ADMIN_DATABASE_URL, TEST_REDIS_URL, queuePrefixForRun, runId } from './test-env';

/** Drops every database and Redis key this run made, so runs leave nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const id = runId();
  if (process.env.DSR_TEST_BUILD_DIR) rmSync(process.env.DSR_TEST_BUILD_DIR, { recursive: true, force: true });
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`dsr_test_${id}_%`]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    const pattern = `${queuePrefixForRun(id).slice(0, -1)}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
