import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptionsFromUrl } from '../../src/queues/redis-connection';
import { QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { freePort } from '../support/free-port';
import { deleteKeysUnder } from '../support/queues';
import { startServiceProcess, waitUntil, type ServiceProcess } from '../support/service-process';
import { TEST_ADMIN, freshQueuePrefix } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';

const RECONCILE_EVERY_MINUTES = 1;

/**
 * Real api and worker processes. The job schedulers (reconciliation, audit chaining, staff digest, retention sweep)
 * live only in Redis: a worker writes them at start-up, and when Redis loses everything while it
 * runs, the worker notices, writes them again and rebuilds the deadline alert jobs by itself.
 */
describe('job schedulers and alert jobs when Redis loses its data', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = freshQueuePrefix();
  const queue = (name: QueueName) => new Queue(name, { prefix, connection: redisOptionsFromUrl(TEST_REDIS_URL) });
  const deadlines = queue(QueueName.Deadlines);
  const schedulerQueues = {
    maintenance: queue(QueueName.Maintenance),
    audit: queue(QueueName.Audit),
    digest: queue(QueueName.StaffDigest),
    retention: queue(QueueName.Retention),
  };
  let api: ServiceProcess;
  let worker: ServiceProcess | undefined;
  let env: Record<string, string>;
  let url: string;
  let caseId: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: (await createTestDatabase('sched')).url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      APP_SECRET: 'scheduler-test-secret-0123456789abcdef01',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      RECONCILE_EVERY_MINUTES: String(RECONCILE_EVERY_MINUTES),
      PORT: String(port),
    };
    api = startServiceProcess({ ...env, ROLE: 'api' });
    await waitUntil(async () => (await fetch(`${url}/health`)).status === 200, 60_000, 'api health');
  }, 90_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await Promise.all([deadlines, ...Object.values(schedulerQueues)].map((each) => each.close()));
    redis.disconnect();
  });

  const schedulers = async () => ({
    reconcile: await schedulerQueues.maintenance.getJobScheduler('reconcile-deadlines'),
    chain: await schedulerQueues.audit.getJobScheduler('chain-audit'),
    digest: await schedulerQueues.digest.getJobScheduler('staff-digest-daily'),
    retention: await schedulerQueues.retention.getJobScheduler('retention-sweep'),
  });
  const alertJob = () => deadlines.getJob(jobIds.alert(caseId));

  it('a worker starting on a stack whose alert job was lost rebuilds it and writes its schedulers', async () => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(TEST_ADMIN),
    });
    const { token } = await login.json();
    const registered = await fetch(`${url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: 'access',
        channel: 'letter',
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
        subject: { name: 'Kari Nordmann' },
      }),
    });
    expect(registered.status).toBe(201);
    caseId = (await registered.json()).id;
    // The api staged the case's alert job with it (the job outbox); a relay moved it to Redis, which
    // lost it before any worker ran: the staged row goes, as the relay's DELETE would, and no job is left.
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    const relayed = await db.query(`DELETE FROM job_outbox WHERE opts->>'jobId' = $1`, [jobIds.alert(caseId)]).finally(() => db.end());
    expect(relayed.rowCount).toBe(1);
    expect(await alertJob()).toBeUndefined();
    expect(await schedulers()).toEqual({ reconcile: undefined, chain: undefined, digest: undefined, retention: undefined });

    worker = startServiceProcess({ ...env, ROLE: 'worker' });
    await waitUntil(() => worker!.output().includes('worker started'), 60_000, 'worker start');
    expect((await alertJob())?.name).toBe('deadline-alert');
    const written = await schedulers();
    expect(written.reconcile?.every).toBe(RECONCILE_EVERY_MINUTES * 60_000);
    expect(written.chain?.every).toBe(5_000);
    expect(written.digest).toMatchObject({ pattern: '0 8 * * *', tz: 'Europe/Oslo' });
    expect(written.retention?.every).toBe(3600_000);
  }, 90_000);

  it('a running worker brings back the schedulers and the alert job after every key is gone', async () => {
    expect(await deleteKeysUnder(redis, prefix)).toBeGreaterThan(0);
    expect(await alertJob()).toBeUndefined();
    expect(await schedulers()).toEqual({ reconcile: undefined, chain: undefined, digest: undefined, retention: undefined });

    // Nobody calls reconcile() and no process restarts: the worker's own check must notice.
    await waitUntil(async () => (await alertJob()) !== undefined, 60_000, 'the rebuilt alert job');
    await waitUntil(async () => Object.values(await schedulers()).every(Boolean), 10_000, 'the schedulers');
    expect((await schedulers()).reconcile?.every).toBe(RECONCILE_EVERY_MINUTES * 60_000);
    expect(worker!.output()).toMatch(/Redis lost the job schedulers/);
  }, 90_000);
});
