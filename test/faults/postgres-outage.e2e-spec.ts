import { TcpProxy } from '../support/tcp-proxy';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { waitUntil } from '../support/service-process';

/** PostgreSQL goes away and comes back: 503s (never 500) while it is gone, recovery without a restart. */
describe('PostgreSQL outage', () => {
  const proxy = new TcpProxy('127.0.0.1', 5432);
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    const database = await createTestDatabase('pgout');
    const port = await proxy.start();
    const url = new URL(database.url);
    url.port = String(port);
    stack = await startTestApp({ role: 'api', databaseUrl: url.toString() });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    proxy.restore();
    await stack.close();
    await proxy.stop();
  });

  const register = () =>
    fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...auth },
      body: JSON.stringify({ type: 'access', channel: 'email', receivedAt: '2026-01-12T09:00:00Z', subject: { email: 'ute@example.no' } }),
    });

  it('answers 503 on /health and the API while the database is unreachable, then recovers by itself', async () => {
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
});
