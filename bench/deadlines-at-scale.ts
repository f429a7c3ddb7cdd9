/**
 * Deadlines at scale: N open cases (default 1,000,000). Measures Redis memory per case for their
 * alert jobs and how long reconciliation takes to rebuild every job after Redis lost them all.
 *   npm run bench:deadlines -- [cases]
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { ReconciliationService } from '../src/deadlines/alerts/reconciliation.service';
import { benchConfig, startBenchContext } from './bench-app';
import { dropBenchDatabase, freshBenchDatabase } from './bench-database';
import { seedCases } from './seed-cases';
import { deleteKeys } from './bench-redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 1_000_000);
  const name = 'dsr_bench_deadlines';
  // As short as the default {dsr}: the prefix is part of every job's key.
  const prefix = '{dsb}';
  const redis = new Redis(REDIS_URL);
  await deleteKeys(redis, `${prefix}*`);

  const databaseUrl = await freshBenchDatabase(name);
  const seedStart = Date.now();
  // Received over the last 20 days: every case still has future alerts (7d, 2d, due day, overdue).
  const today = new Date();
  const first = new Date(today.getTime() - 20 * 86_400_000).toISOString().slice(0, 10);
  await seedCases(databaseUrl, cases, 1, first, 20);
  console.log(`seeded ${cases} open cases in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const context = await startBenchContext(benchConfig({ DATABASE_URL: databaseUrl, REDIS_URL, QUEUE_PREFIX: prefix, ROLE: 'api' }));
  const reconciliation = context.get(ReconciliationService);
  const memoryBefore = await usedMemory(redis);

  const firstPass = Date.now();
  const report = await reconciliation.reconcile();
  const firstSeconds = (Date.now() - firstPass) / 1000;
  const memoryAfter = await usedMemory(redis);

  await deleteKeys(redis, `${prefix}*`);
  const rebuild = Date.now();
  const again = await reconciliation.reconcile();
  const rebuildSeconds = (Date.now() - rebuild) / 1000;

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
        rebuiltJobs: again.alertJobsOffered,
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
  await deleteKeys(redis, `${prefix}*`);
  redis.disconnect();
  await dropBenchDatabase(name);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
