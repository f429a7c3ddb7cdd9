/**
 * Fan-out at scale: N verified access cases (default 10,000) × 3 API connectors (Zendesk, Visma,
 * HubSpot simulators, 90 % of the subjects seeded), with each simulator's rate limit raised to a
 * known figure and TASK_RATE_LIMITS set to match. Cases are seeded in SQL, fanned out through the
 * engine's own FanoutService, then run by real `worker` processes. Reports achieved calls/s per
 * connector as a share of the allowed rate, the share answered 429, and that every task ended.
 *   npm run bench:fanout -- [cases] [workers]
 * BENCH_CALLS_PER_SECOND (default 30) is the allowed rate of each simulator; BENCH_TASK_RATE_HEADROOM
 * (default 0.95) the share of it the task rate limit aims at.
 */
import 'reflect-metadata';
import Redis from 'ioredis';
import { Client } from 'pg';
import { FanoutService } from '../src/connectors/fanout/fanout.service';
import { benchConfig, startBenchContext } from './bench-app';
import { dropBenchDatabase, freshBenchDatabase } from './bench-database';
import { TASK_WINDOW_MS, startBenchSimulators, type BenchSimulators } from './fanout-simulators';
import { spawnService } from './spawn-service';
import { deleteQueueKeys } from './bench-redis';
import { argument, benchTarget } from './bench-env';

const SECRET_PREFIX = 'BENCH_FANOUT';
const CONNECTORS = ['zendesk', 'visma', 'hubspot'] as const;
type ConnectorName = (typeof CONNECTORS)[number];

/** Verified, in-progress access requests for person1..personN, straight into PostgreSQL. */
async function seedVerifiedCases(pg: Client, count: number): Promise<string[]> {
  const today = new Date().toISOString().slice(0, 10);
  await pg.query(
    `INSERT INTO cases (reference, type, channel, status, language, subject_email, subject_name, details,
                        received_at, received_on, statutory_due, promise_due, effective_due, send_by,
                        verified_at, verification_method, version)
     SELECT 'DSR-2026-' || lpad(n::text, 7, '0'), 'access', 'web', 'in_progress', 'nb',
            'fanout' || n || '@example.no', 'Fanout Testperson ' || n, '{}'::jsonb,
            now(), $2::date, $2::date + 31, $2::date + 30, $2::date + 30, $2::date + 29,
            now(), 'bench: seeded as verified', 1
       FROM generate_series(1, $1::int) AS n`,
    [count, today],
  );
  const { rows } = await pg.query<{ id: string }>('SELECT id FROM cases ORDER BY reference');
  return rows.map((row) => row.id);
}

interface Sample {
  at: number;
  calls: Record<ConnectorName, { answered: number; limited: number }>;
  openTasks: number;
}

function rateOver(samples: Sample[], connector: ConnectorName) {
  const total = (sample: Sample) => sample.calls[connector].answered + sample.calls[connector].limited;
  const first = samples.find((sample) => total(sample) > 0);
  const last = samples[samples.length - 1];
  const end = samples.find((sample) => total(sample) === total(last)) ?? last;
  return { seconds: first && end.at > first.at ? (end.at - first.at) / 1000 : NaN, calls: total(last) };
}

async function main(): Promise<void> {
  const cases = argument(2, 'cases', 10_000);
  const workers = argument(3, 'workers', 1);
  const callsPerSecond = Number(process.env.BENCH_CALLS_PER_SECOND ?? 30);
  const present = Math.floor(cases * 0.9);
  // Workers only, so no HTTP port; the simulators listen on free ports.
  const target = benchTarget({ database: 'dsr_bench_fanout', prefix: '{dsrbench-fanout}' });
  const redis = new Redis(target.redisUrl);
  await deleteQueueKeys(redis, target.queuePrefix);
  const databaseUrl = await freshBenchDatabase(target.databaseUrl);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();

  const sims: BenchSimulators = await startBenchSimulators(cases, present, callsPerSecond, SECRET_PREFIX);
  // Task jobs per second per connector so that the calls they make stay at the allowed rate.
  const taskRateLimits = CONNECTORS.map((type) => `${type}=${sims.tasksPerWindow[type]}/${TASK_WINDOW_MS}`).join(',');
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: target.redisUrl,
    QUEUE_PREFIX: target.queuePrefix,
    SYSTEMS_FILE: sims.dataMap,
    TASK_RATE_LIMITS: taskRateLimits,
    TASK_BACKOFF_MS: '1000',
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    ...sims.secrets,
  };
  Object.assign(process.env, sims.secrets);

  const seedStart = Date.now();
  const ids = await seedVerifiedCases(pg, cases);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  console.error(`seeded ${cases} verified cases in ${seedSeconds.toFixed(1)} s; fanning out`);

  // Fan out exactly as the engine does after verification: FanoutService.fanOut per case (tasks in
  // PostgreSQL, one BullMQ flow per case). An api-role context produces jobs and runs none.
  const fanoutStart = Date.now();
  const context = await startBenchContext(benchConfig({ ...env, ROLE: 'api' }));
  const fanout = context.get(FanoutService);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) await fanout.fanOut(ids[next++]);
    }),
  );
  await context.close();
  const fanoutSeconds = (Date.now() - fanoutStart) / 1000;
  console.error(`fanned out in ${fanoutSeconds.toFixed(1)} s; starting ${workers} worker(s)`);

  const started = Date.now();
  const processes = await Promise.all(Array.from({ length: workers }, () => spawnService({ ...env, ROLE: 'worker' }, /worker started/)));
  const samples: Sample[] = [];
  const openTasks = async () => Number((await pg.query(`SELECT count(*) AS n FROM case_tasks WHERE status IN ('pending','running')`)).rows[0].n);
  for (;;) {
    const open = await openTasks();
    samples.push({ at: Date.now(), calls: sims.counts(), openTasks: open });
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const totalSeconds = (Date.now() - started) / 1000;
  const statuses = (await pg.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM case_tasks GROUP BY status')).rows;
  const byStatus = Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)]));
  const tasksTotal = Object.values(byStatus).reduce((sum, value) => sum + value, 0);
  const awaitingReview = Number((await pg.query(`SELECT count(*) AS n FROM cases WHERE status = 'awaiting_review'`)).rows[0].n);

  const final = samples[samples.length - 1].calls;
  const connectors = Object.fromEntries(
    CONNECTORS.map((type) => {
      const { seconds, calls } = rateOver(samples, type);
      // Only answered calls count towards the achieved rate; 429s are reported on their own.
      const achieved = final[type].answered / seconds;
      return [
        type,
        {
          allowedCallsPerSecond: callsPerSecond,
          taskRateLimit: `${sims.tasksPerWindow[type]} per ${TASK_WINDOW_MS} ms`,
          calls,
          callsAnswered429: final[type].limited,
          callsPerTask: +(final[type].answered / cases).toFixed(2),
          allowedShareUsedByTaskLimit: +((((sims.tasksPerWindow[type] * 1000) / TASK_WINDOW_MS) * (final[type].answered / cases)) / callsPerSecond).toFixed(3),
          activeSeconds: +seconds.toFixed(1),
          achievedCallsPerSecond: +achieved.toFixed(1),
          shareOfAllowedRate: +(achieved / callsPerSecond).toFixed(3),
          share429: +(final[type].limited / Math.max(1, calls)).toFixed(4),
        },
      ];
    }),
  );
  console.log(
    JSON.stringify(
      {
        cases,
        workers,
        subjectsPresent: present,
        seedSeconds: +seedSeconds.toFixed(1),
        fanoutSeconds: +fanoutSeconds.toFixed(1),
        runSeconds: +totalSeconds.toFixed(1),
        tasks: { total: tasksTotal, expected: cases * CONNECTORS.length, byStatus, everyTaskEnded: (byStatus.pending ?? 0) + (byStatus.running ?? 0) === 0 },
        casesAwaitingReview: awaitingReview,
        connectors,
        targets: { shareOfAllowedRate: '>= 0.90', share429: '< 0.01' },
      },
      null,
      2,
    ),
  );
  await Promise.all(processes.map((worker) => worker.stop()));
  await sims.close();
  await pg.end();
  await deleteQueueKeys(redis, target.queuePrefix);
  redis.disconnect();
  await dropBenchDatabase(databaseUrl);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
