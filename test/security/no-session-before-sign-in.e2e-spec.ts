import Redis from 'ioredis';
import { SessionClient, csrfTokenIn } from '../staff-ui/staff-session-client';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

/**
 * Issue 15: every anonymous GET /staff/login used to store a session in Redis, so a flood of page
 * views filled Redis (and with `noeviction` the queues stopped). A session now starts at sign-in.
 */
describe('no session stored before sign-in', () => {
  let stack: TestApp;
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    stack = await startTestApp();
  });
  afterAll(async () => {
    await stack?.close();
    redis.disconnect();
  });

  const sessionKeys = async () => (await redis.keys(`${stack.config.QUEUE_PREFIX}:staff-session:*`)).length;

  it('50 anonymous views of the sign-in page and a language switch leave no session key in Redis; signing in then makes one', async () => {
    const before = await sessionKeys();
    for (let view = 0; view < 50; view++) {
      const page = await fetch(`${stack.url}/staff/login`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('name="_csrf"');
    }
    const visitor = new SessionClient(stack.url);
    const switched = await visitor.submit('/staff/login', '/staff/language', { language: 'en', next: '/staff/login' });
    expect(switched.status).toBe(303);
    const english = await (await visitor.get('/staff/login')).text();
    expect(english).toContain('<html lang="en">');
    expect(await sessionKeys()).toBe(before);

    const token = csrfTokenIn(english);
    const signedIn = await visitor.request('POST', '/staff/login', { _csrf: token, email: TEST_ADMIN.email, password: TEST_ADMIN.password });
    expect(signedIn.status).toBe(303);
    expect(await sessionKeys()).toBe(before + 1);
    // The language chosen before sign-in follows into the session.
    expect(await (await visitor.get('/staff')).text()).toContain('<html lang="en">');
  });

  it('refuses a sign-in post without the visitor cookie its token is bound to', async () => {
    const page = await fetch(`${stack.url}/staff/login`);
    const token = csrfTokenIn(await page.text());
    const csrfCookie = page.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .filter((pair) => pair.startsWith('dsr-staff-csrf='));
    const refused = await fetch(`${stack.url}/staff/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie.join('; ') },
      body: new URLSearchParams({ _csrf: token, email: TEST_ADMIN.email, password: TEST_ADMIN.password }).toString(),
    });
    expect(refused.status).toBe(403);
  });
});
