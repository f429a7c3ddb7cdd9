/**
 * Intake flood: autocannon against POST /api/v1/requests with a real `api` and a real `worker`
 * process on this machine, beside a bare NestJS POST route as the reference. Then checks that
 * nothing was lost: every 202 has its case row, its deadline alert job and its verification e-mail.
 *   npm run bench:intake -- [seconds] [connections]
 * BENCH_PROFILE_DIR=<dir> also writes a CPU profile of the api process.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { dropBenchDatabase, freshBenchDatabase } from './bench-database';
import { deleteKeys } from './bench-redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = '{dsrb}';

/** Every process started, so a failed run stops them too instead of leaving ports taken. */
const children: ChildProcess[] = [];

function start(script: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${output.slice(-1500)}`)));
  });
}

function flood(url: string, seconds: number, connections: number, body: string) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        duration: seconds,
        connections,
        headers: { 'content-type': 'application/json' },
        body,
        idReplacement: true,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const summary = (result: autocannon.Result) => ({
  requestsPerSecond: Math.round(result.requests.average),
  p50ms: result.latency.p50,
  p99ms: result.latency.p99,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  total: result.requests.total,
});

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 20);
  const connections = Number(process.argv[3] ?? 16);
  const name = 'dsr_bench_intake';
  const databaseUrl = await freshBenchDatabase(name);
  const redis = new Redis(REDIS_URL);
  await deleteKeys(redis, `${PREFIX}*`);

  const dist = join(__dirname, '..');
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef',
    ADMIN_EMAIL: 'bench-admin@example.no',
    ADMIN_PASSWORD: 'bench password 0123456789',
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
    MAIL_DIR: 'var/bench-mail',
    // The production default: every request is logged (method, path, status, time).
    LOG_LEVEL: 'info',
  };
  const bare = await start(join(dist, 'bench', 'bare-app.js'), { PORT: '3902' }, /bare app ready/);
  // BENCH_PROFILE_DIR=dir: the api process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const api = await start(join(dist, 'src', 'main.js'), { ...env, ROLE: 'api', PORT: '3903' }, /listening on port/, profile);
  const worker = await start(join(dist, 'src', 'main.js'), { ...env, ROLE: 'worker' }, /worker started/);

  const body = JSON.stringify({ type: 'access', email: 'flood-[<id>]@example.no', name: 'Flom Testesen', language: 'nb' });
  await flood('http://127.0.0.1:3902/bare', 3, connections, body); // warm-up
  const reference = summary(await flood('http://127.0.0.1:3902/bare', seconds, connections, body));
  await flood('http://127.0.0.1:3903/api/v1/requests', 3, connections, body.replace('flood-', 'warm-'));
  const intakeResult = await flood('http://127.0.0.1:3903/api/v1/requests', seconds, connections, body);
  const intake = summary(intakeResult);
  bare.kill();

  // Nothing lost: let the worker finish the verification e-mails, then count.
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const accepted = intakeResult['2xx'];
  const count = async (sql: string) => Number((await pg.query(sql)).rows[0].count);
  let emails = 0;
  for (let i = 0; i < 120; i += 1) {
    emails = await count(`SELECT count(*) FROM outbound_emails WHERE kind = 'requester-verification' AND to_address LIKE 'flood-%'`);
    const cases = await count(`SELECT count(*) FROM cases WHERE subject_email LIKE 'flood-%'`);
    if (emails >= cases) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const cases = await count(`SELECT count(*) FROM cases WHERE subject_email LIKE 'flood-%'`);
  const ids = (await pg.query(`SELECT id FROM cases WHERE subject_email LIKE 'flood-%'`)).rows.map((row) => row.id as string);
  let alertJobs = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const id of ids.slice(i, i + 1000)) pipeline.exists(`${PREFIX}:deadlines:case-${id}-alert`);
    alertJobs += ((await pipeline.exec()) ?? []).filter(([, exists]) => exists === 1).length;
  }
  console.log(
    JSON.stringify(
      {
        seconds,
        connections,
        bareNestRoute: reference,
        intake,
        intakeShareOfBare: +(intake.requestsPerSecond / reference.requestsPerSecond).toFixed(2),
        lost: { accepted, caseRows: cases, alertJobs, verificationEmails: emails },
        targets: { shareOfBare: '>= 0.25', p99ms: '<= 50', errors: 0, lost: 0 },
      },
      null,
      2,
    ),
  );
  const apiExited = new Promise((resolve) => api.once('exit', resolve));
  api.kill();
  worker.kill();
  await apiExited;
  await pg.end();
  await deleteKeys(redis, `${PREFIX}*`);
  redis.disconnect();
  await dropBenchDatabase(name);
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill();
  process.exit(1);
});
