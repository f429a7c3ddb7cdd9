/**
 * Intake flood, side by side with a bare NestJS POST route, in one run with a real `api` and a real
 * `worker` process and an SMTP sink:
 *   1. interleaved rounds (bare, intake, bare, intake, …, bare): per round accepted requests/s,
 *      p50/p99, errors, and CPU ms per accepted request of the api, the worker and PostgreSQL
 *      (bench/proc-cpu.ts); each intake round as a share of the bare rounds beside it;
 *   2. per accepted reference: case row, claim, audit event, verification row, alert, reminder and
 *      expiry jobs, delivered verification e-mail (bench/intake/case-checks.ts);
 *   3. stop right after a flood: api and worker killed with SIGKILL, the worker started again, and
 *      every committed case checked the same way (bench/intake/stop-after-flood.ts).
 * Prints one JSON report; exits 1 if an accepted request or a committed case lacks anything.
 *   npm run bench:intake -- [seconds per round, 10] [connections, 16] [pairs, 3]
 * BENCH_DB_NAME / BENCH_DATABASE_URL, BENCH_QUEUE_PREFIX, BENCH_PORT (api, 3903), BENCH_BARE_PORT
 * (3902), BENCH_SMTP_PORT (free) choose where it runs (bench/bench-env.ts); BENCH_STOP_SECONDS (5)
 * the stop flood, BENCH_DRAIN_TIMEOUT_SECONDS (120) and BENCH_RECOVERY_SECONDS (120) the bounded
 * waits; BENCH_PROFILE_DIR=<dir> writes a CPU profile of the api and the worker process.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { argument, benchPort, benchTarget } from './bench-env';
import { dropBenchDatabase, freshBenchDatabase } from './bench-database';
import { deleteQueueKeys } from './bench-redis';
import { PostgresCpu } from './proc-cpu';
import { spawnService, stopAllServices } from './spawn-service';
import { checkCases } from './intake/case-checks';
import { startMailSink } from './intake/mail-sink';
import { bareRound, intakeRound, sharesOfBare, type RoundReport, type RoundSetup } from './intake/rounds';
import { stopAfterFlood } from './intake/stop-after-flood';

const seconds = argument(2, 'seconds', 10);
const connections = argument(3, 'connections', 16);
const pairs = argument(4, 'pairs', 3);
const waits = {
  stop: Number(process.env.BENCH_STOP_SECONDS ?? 5),
  drain: Number(process.env.BENCH_DRAIN_TIMEOUT_SECONDS ?? 120),
  recovery: Number(process.env.BENCH_RECOVERY_SECONDS ?? 120),
};

async function main(): Promise<void> {
  const target = benchTarget({ database: 'dsr_bench_intake', prefix: '{dsrb}' });
  const port = benchPort('BENCH_PORT', 3903);
  const barePort = benchPort('BENCH_BARE_PORT', 3902);
  await freshBenchDatabase(target.databaseUrl);
  const redis = new Redis(target.redisUrl);
  await deleteQueueKeys(redis, target.queuePrefix);

  const sink = await startMailSink();
  const env = {
    DATABASE_URL: target.databaseUrl,
    REDIS_URL: target.redisUrl,
    QUEUE_PREFIX: target.queuePrefix,
    PORT: String(port),
    SMTP_URL: sink.smtpUrl,
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    ADMIN_EMAIL: 'bench-admin@example.no',
    ADMIN_PASSWORD: 'bench password 0123456789',
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
    // The production default: every request is logged (method, path, status, time).
    LOG_LEVEL: 'info',
  };
  const bare = await spawnService({ PORT: String(barePort) }, /bare app ready/, { script: join(__dirname, 'bare-app.js') });
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const startApi = (nodeArgs: string[] = []) => spawnService({ ...env, ROLE: 'api' }, /listening on port/, { nodeArgs });
  let api = await startApi(profile);
  const startWorker = (onLine?: (line: string) => void, nodeArgs: string[] = []) =>
    spawnService({ ...env, ROLE: 'worker' }, /worker started/, { onLine, nodeArgs });
  let worker = await startWorker(undefined, profile);
  const postgres = new PostgresCpu(target.databaseName);
  postgres.start();

  const setup: RoundSetup = {
    bareUrl: `http://127.0.0.1:${barePort}/bare`,
    intakeUrl: `http://127.0.0.1:${port}/api/v1/requests`,
    seconds,
    connections,
    drainTimeoutSeconds: waits.drain,
    processes: { api, worker, bare },
    postgres,
    sink,
  };
  // Warm-up (JIT, pools, the worker's first e-mails), then the measured rounds.
  await bareRound({ ...setup, seconds: 3 }, 'warm-up bare');
  await intakeRound(setup, 'warm-up intake', 'warm', [], 3);
  const references: string[] = [];
  const rounds: RoundReport[] = [];
  for (let pair = 1; pair <= pairs; pair += 1) {
    rounds.push(await bareRound(setup, `bare ${pair}`));
    rounds.push(await intakeRound(setup, `intake ${pair}`, 'flood', references));
  }
  rounds.push(await bareRound(setup, `bare ${pairs + 1}`));

  const pg = new Client({ connectionString: target.databaseUrl });
  await pg.connect();
  const accepted = await checkCases(pg, redis, target.queuePrefix, sink, { references });
  const floodCases = Number((await pg.query<{ count: string }>(`SELECT count(*) FROM cases WHERE subject_email LIKE 'flood-%'`)).rows[0].count);
  if (profile.length) {
    // A profile is written when the process exits on its own, never after SIGKILL: stop the
    // profiled api and worker now and give the stop check fresh ones.
    await api.stop();
    api = await startApi();
    await worker.stop();
    worker = await startWorker();
  }
  const stop = await stopAfterFlood({
    intakeUrl: setup.intakeUrl,
    seconds: waits.stop,
    connections,
    recoverySeconds: waits.recovery,
    api,
    worker,
    startWorker,
    pg,
    redis,
    prefix: target.queuePrefix,
    sink,
  });
  postgres.stop();

  const { worker: _restarted, ...stopReport } = stop;
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, loadAverageAtEnd: loadavg().map((value) => +value.toFixed(2)) },
        seconds,
        connections,
        pairs,
        cpuMethod:
          'utime+stime from /proc/<pid>/stat of the api, worker and bare-route processes, and of every postgres process (sampled twice a second, exited backends kept at their last figure), before and after each round; an intake round runs until its e-mails are delivered, so worker and PostgreSQL include the backlog. postgresBenchDatabase: backends whose command line names the bench database; postgresAll: every postgres process (WAL writer, checkpointer, and other databases on a shared machine).',
        rounds,
        intakeShareOfBare: sharesOfBare(rounds),
        acceptedCheck: { ...accepted, caseRowsWithoutCounted202: floodCases - references.length },
        stopRightAfterFlood: stopReport,
        targets: {
          shareOfBare: '>= 0.10 (stretch 0.25)',
          p99msAt4Connections: '<= 50',
          apiCpuMs: '<= 1.5',
          workerCpuMs: '<= 2',
          drainSeconds: '<= 10',
          errors: 0,
          lost: 0,
          casesWithoutTheirJobs: 0,
        },
      },
      null,
      2,
    ),
  );
  await stopAllServices();
  await pg.end();
  await deleteQueueKeys(redis, target.queuePrefix);
  redis.disconnect();
  await dropBenchDatabase(target.databaseUrl);
  // A run in which nothing was accepted or committed checked nothing: say so rather than pass.
  const failures = [
    ...(references.length ? [] : ['no intake request was accepted in the measured rounds, so nothing was checked']),
    ...(stop.committedCases ? [] : ['the stop flood committed no case, so the stop check checked nothing']),
    ...(accepted.complete < accepted.checked
      ? [`${accepted.checked - accepted.complete} accepted request(s) lack something (${accepted.examples.join('; ')})`]
      : []),
    ...(stop.casesWithoutTheirJobs
      ? [`${stop.casesWithoutTheirJobs} committed case(s) without their jobs after the stop (${stop.afterRestart.examples.join('; ')})`]
      : []),
  ];
  if (failures.length) {
    console.error(`INCOMPLETE: ${failures.join(' | ')}`);
    process.exit(1);
  }
}

main().catch(async (error) => {
  console.error(error);
  await stopAllServices('SIGKILL');
  process.exit(1);
});
