/**
 * Intake flood: autocannon against POST /api/v1/requests with a real `api` and a real `worker`
 * process on this machine, beside a bare NestJS POST route as the reference. Then checks that
 * nothing was lost, per reference the 202s answered with: its case row, its deadline alert job,
 * its verification reminder and expiry jobs, and its verification e-mail (delivered, or its send
 * job queued). Prints what is missing and exits 1 if anything is.
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
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${output.slice(-1500)}`)));
  });
}

/** `accepted`, when given, collects the reference of every 202 the flood got back. */
function flood(url: string, seconds: number, connections: number, body: string, accepted?: string[]) {
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
        ...(accepted
          ? {
              requests: [
                {
                  onResponse: (status: number, responseBody: string) => {
                    if (status === 202) accepted.push((JSON.parse(responseBody) as { reference: string }).reference);
                  },
                },
              ],
            }
          : {}),
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
  const references: string[] = [];
  const intakeResult = await flood('http://127.0.0.1:3903/api/v1/requests', seconds, connections, body, references);
  const intake = summary(intakeResult);
  bare.kill();

  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const lost = await checkNothingLost(pg, redis, references, connections);
  console.log(
    JSON.stringify(
      {
        seconds,
        connections,
        bareNestRoute: reference,
        intake,
        intakeShareOfBare: +(intake.requestsPerSecond / reference.requestsPerSecond).toFixed(2),
        lost: { autocannon2xx: intakeResult['2xx'], ...lost, missing: lost.missing.slice(0, 20) },
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
  if (lost.missing.length) {
    console.error(`LOST: ${lost.missing.length} accepted request(s) lack something (first: ${lost.missing.slice(0, 10).join('; ')})`);
    process.exit(1);
  }
}

/**
 * Per accepted reference: the case row, the alert job, the verification reminder and expiry jobs
 * and the verification e-mail (sent, or its send job queued) — after waiting for the worker to
 * finish the e-mails. Case rows beyond the accepted ones are requests still in flight when
 * autocannon stopped (at most one per connection): committed, but their 202 never counted.
 */
async function checkNothingLost(pg: Client, redis: Redis, references: string[], connections: number) {
  const rows = async () =>
    (
      await pg.query(
        `SELECT c.reference, c.id, e.id AS email_id, e.status AS email_status
           FROM cases c LEFT JOIN outbound_emails e ON e.dedupe_key = 'verify-' || c.id::text
          WHERE c.reference = ANY($1::text[])`,
        [references],
      )
    ).rows as Array<{ reference: string; id: string; email_id: string | null; email_status: string | null }>;
  let found = await rows();
  for (let i = 0; i < 120 && found.some((row) => row.email_status !== 'sent'); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    found = await rows();
  }
  const byReference = new Map(found.map((row) => [row.reference, row]));
  const missing: string[] = [];
  const key = (queue: string, jobId: string) => `${PREFIX}:${queue}:${jobId}`;
  for (let i = 0; i < references.length; i += 1000) {
    const chunk = references.slice(i, i + 1000);
    const pipeline = redis.pipeline();
    for (const reference of chunk) {
      const row = byReference.get(reference);
      pipeline.exists(key('deadlines', `case-${row?.id}-alert`));
      pipeline.exists(key('intake', `verify-remind-${row?.id}`));
      pipeline.exists(key('intake', `verify-expire-${row?.id}`));
      pipeline.exists(key('email', `send-${row?.email_id}`));
    }
    const exists = ((await pipeline.exec()) ?? []).map(([, value]) => value === 1);
    chunk.forEach((reference, index) => {
      const row = byReference.get(reference);
      const [alert, reminder, expiry, sendJob] = exists.slice(index * 4, index * 4 + 4);
      const lacks = [
        ...(row ? [] : ['case row']),
        ...(alert ? [] : ['alert job']),
        ...(reminder ? [] : ['reminder job']),
        ...(expiry ? [] : ['expiry job']),
        ...(row?.email_id ? [] : ['verification e-mail']),
        ...(row?.email_id && row.email_status !== 'sent' && !sendJob ? ['send job'] : []),
      ];
      if (lacks.length) missing.push(`${reference}: ${lacks.join(', ')}`);
    });
  }
  const floodRows = Number((await pg.query(`SELECT count(*) FROM cases WHERE subject_email LIKE 'flood-%'`)).rows[0].count);
  return {
    accepted: references.length,
    distinctReferences: new Set(references).size,
    complete: references.length - missing.length,
    emailsSent: found.filter((row) => row.email_status === 'sent').length,
    missing,
    // Committed while autocannon stopped, their 202s not counted: at most one per connection.
    inFlightAtStop: floodRows - references.length,
    inFlightWithinConnections: floodRows - references.length >= 0 && floodRows - references.length <= connections,
  };
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill();
  process.exit(1);
});
