import { FixedClock } from '../support/fixed-clock';
import { TcpProxy } from '../support/tcp-proxy';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { waitUntil } from '../support/service-process';

/** Redis goes away: /health says so, a staff registration is still accepted (PostgreSQL is the
 *  source of truth) and its deadline job is in Redis once Redis is back and reconciliation ran. */
describe('Redis outage', () => {
  const proxy = new TcpProxy('127.0.0.1', 6379);
  // A fixed "now" the day after receipt, so the first alert (effective − 7 days) is always ahead.
  const clock = new FixedClock(new Date('2026-11-03T10:00:00Z'));
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    await proxy.start();
    stack = await startTestApp({ role: 'api', clock, env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    proxy.restore();
    await stack.close();
    await proxy.stop();
  });

  it('keeps accepting cases, answers 503 on /health, and loses no deadline', async () => {
    proxy.cut();
    await waitUntil(async () => (await fetch(`${stack.url}/health`)).status === 503, 15_000, 'health 503');
    const response = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'erasure', channel: 'letter', receivedAt: '2026-11-02T09:00:00Z', subject: { email: 'redis-ned@example.no' } }),
    });
    expect(response.status).toBe(201);
    const created = await response.json();

    proxy.restore();
    await waitUntil(async () => (await fetch(`${stack.url}/health`)).status === 200, 30_000, 'health 200');
    const { ReconciliationService } = await import('../../src/deadlines/alerts/reconciliation.service');
    const { queueOf } = await import('../support/queues');
    const { QueueName } = await import('../../src/queues/queue-catalogue');
    await stack.context.get(ReconciliationService).reconcile();
    const job = await queueOf(stack.context, QueueName.Deadlines).getJob(`case-${created.id}-alert`);
    expect(job?.id).toBe(`case-${created.id}-alert`);
    expect(await job?.getState()).toBe('delayed');
  }, 90_000);
});
