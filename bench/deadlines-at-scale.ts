/**
 * Deadlines at scale: N open cases (default 100,000; BENCHMARKS.md's figures are at 1,000,000),
 * a third awaiting verification, and of those the web and API ones (5 in 42 of all cases) as the
 * public intake leaves them: origin `intake` with a verification row. Measures Redis memory per
 * case for the alert jobs and how long reconciliation takes to rebuild every job after Redis lost
 * them all: the alert jobs and the verification reminder, expiry and e-mail jobs.
 *   npm run bench:deadlines -- [cases]
 * BENCH_DB_NAME / BENCH_DATABASE_URL, BENCH_QUEUE_PREFIX, BENCH_REDIS_URL: bench/bench-env.ts.
 */
import 'reflect-metadata';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ReconciliationService } from '../src/deadlines/alerts/reconciliation.service';
import { benchConfig, startBenchContext } from './bench-app';
import { dropBenchDatabase, freshBenchDatabase } from './bench-database';
import { seedCases } from './seed-cases';
import { deleteQueueKeys } from './bench-redis';
import { argument, benchTarget } from './bench-env';
import { QueueName } from '../src/queues/queue-catalogue';

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const cases = argument(2, 'cases', 100_000);
  // As short as the default {dsr}: the prefix is part of every job's key.
  const target = benchTarget({ database: 'dsr_bench_deadlines', prefix: '{dsb}' });
  const prefix = target.queuePrefix;
  const redis = new Redis(target.redisUrl);
  await deleteQueueKeys(redis, prefix);

  const databaseUrl = await freshBenchDatabase(target.databaseUrl);
  const seedStart = Date.now();
  // Received over the last 20 days: every case still has future alerts (7d, 2d, due day, overdue).
  const today = new Date();
  const first = new Date(today.getTime() - 20 * 86_400_000).toISOString().slice(0, 10);
  await seedCases(databaseUrl, cases, 1, first, 20, true);
  console.log(`seeded ${cases} open cases in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const context = await startBenchContext(benchConfig({ DATABASE_URL: databaseUrl, REDIS_URL: target.redisUrl, QUEUE_PREFIX: prefix, ROLE: 'api' }));
  const reconciliation = context.get(ReconciliationService);
  const memoryBefore = await usedMemory(redis);

  const firstPass = Date.now();
  const report = await reconciliation.reconcile();
  const firstSeconds = (Date.now() - firstPass) / 1000;
  const memoryAfter = await usedMemory(redis);

  await deleteQueueKeys(redis, prefix);
  const rebuild = Date.now();
  const again = await reconciliation.reconcile();
  const rebuildSeconds = (Date.now() - rebuild) / 1000;
  const rebuiltInRedis = await jobsInRedis(target.redisUrl, prefix);

  const perCase = (memoryAfter - memoryBefore) / cases;
  // The used_memory delta also counts whatever else uses this Redis meanwhile; MEMORY USAGE of
  // the jobs' own keys (a sample of job hashes, plus the delayed set) is the precise figure.
  const sample = await redis.scan('0', 'MATCH', `${prefix}:deadlines:case-*`, 'COUNT', 20_000);
  const keys = sample[1].slice(0, 2000);
  const usages = await Promise.all(keys.map((key) => redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') as Promise<number>));
  const perJobHash = usages.reduce((sum, value) => sum + Number(value), 0) / Math.max(1, usages.length);
  const delayedSet = Number(await redis.call('MEMORY', 'USAGE', `${prefix}:deadlines:delayed`, 'SAMPLES', '0'));
  console.log(
    JSON.stringify(
      {
        cases,
        alertJobs: report.alertJobsOffered,
        jobsPerCase: +(report.alertJobsOffered / cases).toFixed(2),
        // Job hashes stay compact (listpack) only when BullMQ's ~120-byte options JSON fits (README).
        redisHashMaxListpackValue: Number(((await redis.config('GET', 'hash-max-listpack-value')) as string[])[1]),
        jobHashEncoding: keys.length ? await redis.object('ENCODING', keys[0]) : null,
        redisBytesPerCase: Math.round(perJobHash + delayedSet / cases),
        redisBytesPerCaseByUsedMemoryDelta: Math.round(perCase),
        jobHashBytes: Math.round(perJobHash),
        delayedSetBytesPerCase: Math.round(delayedSet / cases),
        firstReconcileSeconds: +firstSeconds.toFixed(1),
        rebuildAfterFlushSeconds: +rebuildSeconds.toFixed(1),
        rebuiltJobs: again.alertJobsOffered + again.emailsRedispatched + Object.values(again.passes).reduce((sum, value) => sum + value, 0),
        // Counted in Redis after the rebuild, not as reconciliation reports them.
        rebuiltJobsInRedis: rebuiltInRedis,
        rebuiltByPass: { alerts: again.alertJobsOffered, emails: again.emailsRedispatched, ...again.passes },
        firstReconcileSecondsByPart: report.seconds,
        rebuildSecondsByPart: again.seconds,
        targets: { redisBytesPerCase: '<= 1024', rebuildAfterFlushSeconds: '<= 120' },
      },
      null,
      2,
    ),
  );
  await context.close();
  await deleteQueueKeys(redis, prefix);
  redis.disconnect();
  await dropBenchDatabase(databaseUrl);
}

/** Jobs waiting or delayed per queue, read from Redis, and their sum. */
async function jobsInRedis(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of [QueueName.Deadlines, QueueName.Intake, QueueName.Email]) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
    const byState = await queue.getJobCounts('wait', 'delayed', 'prioritized', 'paused');
    counts[name] = Object.values(byState).reduce((sum, value) => sum + value, 0);
    await queue.close();
  }
  return { ...counts, total: Object.values(counts).reduce((sum, value) => sum + value, 0) };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
