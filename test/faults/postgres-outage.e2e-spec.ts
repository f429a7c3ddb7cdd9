import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { cookiesFrom, csrfIn } from '../security/fuzz-support';
import { TcpProxy } from '../support/tcp-proxy';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { waitUntil } from '../support/service-process';

const REFERENCE = /DSR-\d{4}-\d{6,}/;

/** PostgreSQL goes away and comes back: 503s (never 500) while it is gone, on the staff API, the
 *  public API and the public form; recovery without a restart, for the api and the worker. */
describe('PostgreSQL outage', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let stack: TestApp;
  let worker: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    const database = await createTestDatabase('pgout');
    const port = await proxy.start();
    const url = new URL(database.url);
    url.port = String(port);
    const env = { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' };
    stack = await startTestApp({ role: 'api', databaseUrl: url.toString(), env });
    worker = await startTestApp({ role: 'worker', databaseUrl: url.toString(), queuePrefix: stack.config.QUEUE_PREFIX, env });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    proxy.restore();
    await worker?.close();
    await stack?.close();
    await proxy.stop();
  });

  const register = () =>
    fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'access', channel: 'email', receivedAt: '2026-01-12T09:00:00Z', subject: { email: 'ute@example.no' } }),
    });
  const request = (email: string) =>
    fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'access', email, name: 'Kari Nordmann' }),
    });
  /** A browser's form: its page (cookie and CSRF token) first, the post later. */
  const formSession = async () => {
    const page = await fetch(`${stack.url}/`);
    const html = await page.text();
    return {
      post: (email: string) =>
        fetch(`${stack.url}/`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesFrom(page) },
          body: new URLSearchParams({
            _csrf: csrfIn(html),
            idempotencyKey: crypto.randomUUID(),
            lang: 'nb',
            type: 'erasure',
            email,
            name: 'Ola Utfall',
            text: 'Slett alt om meg',
          }).toString(),
        }),
    };
  };
  /** The verification e-mail of a case was delivered. */
  const verificationSent = async (caseId: string) =>
    (await stack.dataSource.query(`SELECT 1 FROM outbound_emails WHERE dedupe_key = $1 AND status = 'sent'`, [`verify-${caseId}`])).length === 1;
  const caseOf = async (reference: string): Promise<string | undefined> =>
    (await stack.dataSource.query('SELECT id FROM cases WHERE reference = $1', [reference]))[0]?.id;

  it('answers 503 on /health and the staff API while the database is unreachable, then recovers by itself', async () => {
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect((await register()).status).toBe(201);

    proxy.cut();
    const health = await fetch(`${stack.url}/health`);
    expect(health.status).toBe(503);
    expect((await health.json()).error.database.status).toBe('down');

    const during = await register();
    expect(during.status).toBe(503);
    const body = await during.json();
    expect(body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The service is temporarily unavailable; please try again shortly.',
    });
    expect(during.headers.get('retry-after')).toBe('5');

    proxy.restore();
    await waitUntil(async () => (await fetch(`${stack.url}/health`)).status === 200, 30_000, 'health after restore');
    const after = await register();
    expect(after.status).toBe(201);
    const list = await (await fetch(`${stack.url}/api/v1/cases?q=ute@example.no`, { headers: auth })).json();
    // Both accepted requests are there; the refused one was never accepted.
    expect(list.total).toBe(2);
  });

  it('refuses the public API and the form with 503 while it is gone: JSON for the API, the form with what was typed', async () => {
    const browser = await formSession();
    proxy.cut();
    try {
      const api = await request('borte@example.no');
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('5');
      expect(await api.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The service is temporarily unavailable; please try again shortly.',
      });

      const form = await browser.post('ola.utfall@example.no');
      expect(form.status).toBe(503);
      expect(form.headers.get('retry-after')).toBe('5');
      expect(form.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await form.text();
      expect(page).toContain('Vi kunne ikke ta imot forespørselen akkurat nå');
      // What the person typed is still in the form, ready to send again.
      expect(page).toContain('value="ola.utfall@example.no"');
      expect(page).toContain('value="Ola Utfall"');
      expect(page).toContain('Slett alt om meg');
      expect(page).toMatch(/<input type="radio"[^>]*value="erasure"[^>]*checked/);
      expect(page).toMatch(/name="_csrf" value="[^"]+"/);
    } finally {
      proxy.restore();
    }
    await waitUntil(async () => (await fetch(`${stack.url}/health`)).status === 200, 30_000, 'health after restore');
  });

  it('ends each request in flight at the cut as accepted (and then kept, with its e-mail) or 503; the worker carries on after', async () => {
    const browsers = await Promise.all(Array.from({ length: 4 }, () => formSession()));
    const emails = Array.from({ length: 16 }, (_, index) => `flyt${index}@example.no`);
    const calls = emails.map(async (email, index): Promise<{ status: number; reference?: string }> => {
      const response = index < browsers.length ? await browsers[index].post(email) : await request(email);
      const text = await response.text();
      const accepted = index < browsers.length ? response.status === 200 : response.status === 202;
      return { status: response.status, ...(accepted ? { reference: REFERENCE.exec(text)?.[0] } : {}) };
    });
    // Cut while they are on their way: as soon as the first one has been answered.
    await Promise.race(calls);
    proxy.cut();
    const outcomes = await Promise.all(calls);
    proxy.restore();

    const statuses = outcomes.map((outcome) => outcome.status);
    expect(statuses.filter((status) => ![200, 202, 503].includes(status))).toEqual([]);
    expect(statuses).toContain(503);
    const accepted = outcomes.flatMap((outcome) => (outcome.reference ? [outcome.reference] : []));
    expect(accepted.length).toBe(statuses.filter((status) => status !== 503).length);
    expect(accepted.length).toBeGreaterThan(0);

    await waitUntil(async () => (await fetch(`${stack.url}/health`)).status === 200, 30_000, 'health after restore');
    // Every accepted request is there. The worker, never restarted, delivers their verification
    // e-mails: from the jobs it retried, or from the reconciliation pass for a request whose e-mail
    // was not stored when the database went away.
    const ids = await Promise.all(accepted.map(caseOf));
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    await worker.context.get(ReconciliationService).reconcile();
    await waitUntil(async () => (await Promise.all(ids.map((id) => verificationSent(id!)))).every(Boolean), 60_000, 'the verification e-mails');
    const intake = worker.context.get<Queue>(getQueueToken(QueueName.Intake), { strict: false });
    for (const id of ids) {
      expect(await intake.getJob(jobIds.verificationReminder(id!))).toBeDefined();
      expect(await intake.getJob(jobIds.verificationExpiry(id!))).toBeDefined();
    }

    // And a request after the outage goes all the way without anyone restarting anything.
    const fresh = await request('etterpaa@example.no');
    expect(fresh.status).toBe(202);
    const id = await caseOf((await fresh.json()).reference);
    await waitUntil(() => verificationSent(id!), 30_000, 'the e-mail of a request after the outage');
  }, 120_000);
});
