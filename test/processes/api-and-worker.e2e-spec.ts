import { SmtpCapture } from '../support/smtp-capture';
import { freePort } from '../support/free-port';
import { startApiAndWorker, waitUntil, type ServiceProcess } from '../support/service-process';
import { TEST_ADMIN, freshQueuePrefix } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/test-env';

/** ROLE=api and ROLE=worker as two real processes on one PostgreSQL and one Redis. */
describe('api and worker processes together', () => {
  const smtp = new SmtpCapture();
  let api: ServiceProcess;
  let worker: ServiceProcess;
  let url: string;
  let databaseUrl: string;

  beforeAll(async () => {
    const database = await createTestDatabase('procs');
    databaseUrl = database.url;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: freshQueuePrefix(),
      APP_SECRET: 'process-test-secret-0123456789abcdef0123',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SMTP_URL: await smtp.start(),
      PORT: String(port),
    };
    ({ api, worker } = await startApiAndWorker(env, url));
  }, 150_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await smtp.stop();
  });

  it('the worker serves no HTTP and the api hands work to it through Redis', async () => {
    expect(worker.output()).not.toMatch(/listening on port/);
    // The api accepts the request and queues the verification e-mail; only the worker renders and sends it.
    const accepted = await fetch(`${url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'access', email: 'lise.berg@example.no', name: 'Lise Berg', language: 'en' }),
    });
    expect(accepted.status).toBe(202);
    const { reference } = await accepted.json();
    const mail = await smtp.waitFor((message) => message.to.includes('lise.berg@example.no'), 30_000);
    expect(mail.text).toContain('/verify/');

    // A staff registration by the api gets its deadline alert job, which lives in Redis for the worker.
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(TEST_ADMIN),
    });
    const { token } = await login.json();
    const cases = await (await fetch(`${url}/api/v1/cases?q=${reference}`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(cases.items[0].status).toBe('awaiting_verification');

    // The worker's chainer links the api's audit events into the hash chain by itself.
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    try {
      await waitUntil(
        async () => (await pg.query('SELECT count(*)::int AS n FROM audit_events WHERE hash IS NULL')).rows[0].n === 0,
        30_000,
        'audit events chained',
      );
      expect((await pg.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBeGreaterThanOrEqual(2);
    } finally {
      await pg.end();
    }
  });

  it("keeps personal data out of both processes' logs", () => {
    const logs = api.output() + worker.output();
    expect(logs).not.toContain('Lise Berg');
    expect(logs).not.toContain('lise.berg');
    expect(logs).not.toContain(TEST_ADMIN.email.split('@')[0] + '@');
  });
});
