import { openForm, postForm, postJson } from '../intake/intake-helpers';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 15: while Redis was down, intake answered 503 only after ~10 s and a form post hung ~19 s
 * (ioredis retried each command 20 times). The request-path clients now give up at once. Each
 * test's Jest timeout (8 s) is the liveness bound: before the change these requests outlived it.
 */
describe('Redis down: intake fails fast', () => {
  const proxy = new TcpProxy('127.0.0.1', 6379);
  let stack: TestApp;

  beforeAll(async () => {
    await proxy.start();
    stack = await startTestApp({ role: 'api', env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
  });
  afterAll(async () => {
    proxy.restore();
    await stack?.close();
    await proxy.stop();
  });
  afterEach(() => proxy.restore());

  it('answers the JSON intake with 503 and Retry-After', async () => {
    proxy.cut();
    const response = await postJson(`${stack.url}/api/v1/requests`, { type: 'access', email: 'redis.borte@example.no', name: 'Redis Borte' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The service is temporarily unavailable; please try again shortly.',
    });
  }, 8000);

  it('shows the form again with 503 and everything typed', async () => {
    const form = await openForm(stack.url);
    proxy.cut();
    const response = await postForm(stack.url, form.cookies, {
      _csrf: form.csrf,
      idempotencyKey: form.key,
      type: 'erasure',
      email: 'kari.redis@example.no',
      name: 'Kari Redis',
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const page = await response.text();
    expect(page).toContain('Vi kunne ikke ta imot forespørselen akkurat nå');
    expect(page).toContain('value="kari.redis@example.no"');
    expect(page).toContain('value="Kari Redis"');
    expect(page).toMatch(/<input type="radio"[^>]*value="erasure"[^>]*checked/);
  }, 8000);
});
