import Redis from 'ioredis';
import { AuthService } from '../../src/staff/auth/auth.service';
import { TEST_REDIS_URL } from '../support/test-env';
import { createStaffUser, SessionClient, STAFF_PASSWORD } from '../staff-ui/staff-session-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Sign-in abuse: the per-address rate limit covers the API's bearer-token login as well as the
 * sign-in page (one bucket per address), and parallel wrong guesses cannot outrun the account
 * lockout. Behind one proxy hop (TRUST_PROXY=1) the client address is X-Forwarded-For's.
 */
describe('sign-in rate limit and lockout (TRUST_PROXY=1, limit 3 a minute)', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { TRUST_PROXY: '1', STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => stack.close());

  const apiLogin = (from: string, email: string, password: string) =>
    fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
      body: JSON.stringify({ email, password }),
    });

  it('hands TRUST_PROXY to Express', () => {
    const express = stack.app!.getHttpAdapter().getInstance() as { get(name: string): unknown };
    expect(express.get('trust proxy')).toBe(1);
  });

  it('answers the API login with 429, Retry-After and the standard error body after the limit, per client address', async () => {
    await createStaffUser(stack, 'api-limit@example.no', 'handler');
    for (let attempt = 0; attempt < 3; attempt++) expect((await apiLogin('203.0.113.7', 'nobody@example.no', 'wrong')).status).toBe(401);
    const limited = await apiLogin('203.0.113.7', 'api-limit@example.no', STAFF_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/too many sign-in attempts/i) });

    // Another client behind the same proxy has its own bucket and signs in.
    const other = await apiLogin('203.0.113.8', 'api-limit@example.no', STAFF_PASSWORD);
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
  });

  it('shares one bucket between the API and the sign-in page, whose 429 also says when to try again', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expect((await apiLogin('203.0.113.9', 'nobody@example.no', 'wrong')).status).toBe(401);
    const page = new SessionClient(stack.url);
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await page.get('/staff/login')).text())![1];
    const response = await fetch(`${stack.url}/staff/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: page.cookieHeader(), 'X-Forwarded-For': '203.0.113.9' },
      body: new URLSearchParams({ _csrf: token, email: 'nobody@example.no', password: 'wrong' }).toString(),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await response.text()).toContain('For mange innloggingsforsøk');
  });

  it('locks the account after five of twenty parallel wrong passwords, counts every one of them, and refuses the right one while locked', async () => {
    const id = await createStaffUser(stack, 'raced@example.no', 'handler');
    // Each guess from its own address, so the per-address limit does not stop them first.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => apiLogin(`198.51.100.${index + 1}`, 'raced@example.no', 'not the password')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(401));
    const [row] = await stack.dataSource.query('SELECT failed_logins, locked_until FROM staff_users WHERE id = $1', [id]);
    // Failures during the lock count too (issue #15): each fifth doubles the lock.
    expect(row.failed_logins).toBe(20);
    expect(new Date(row.locked_until).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    expect((await apiLogin('198.51.100.99', 'raced@example.no', STAFF_PASSWORD)).status).toBe(401);
    // The same words as any wrong sign-in: a locked account is no password oracle.
    await expect(stack.context.get(AuthService).checkCredentials('raced@example.no', STAFF_PASSWORD)).rejects.toThrow(/^Wrong e-mail or password\.$/);
  });

  it('pauses an address after each allowance of failed sign-ins, twice as long each time (issue #15: progressive delay per address)', async () => {
    const from = '192.0.2.44';
    for (let attempt = 0; attempt < 3; attempt++) expect((await apiLogin(from, 'nobody@example.no', 'wrong')).status).toBe(401);
    const first = await apiLogin(from, 'nobody@example.no', 'wrong');
    expect(first.status).toBe(429);
    expect(Number(first.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // A minute on: the per-minute bucket and the first pause have run out; the failures are remembered.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${stack.config.QUEUE_PREFIX}:throttle:*`);
      const expired = keys.filter((key) => !key.endsWith(`staff-login-failures-${from}`));
      if (expired.length) await redis.del(...expired);
    } finally {
      await redis.quit();
    }
    for (let attempt = 0; attempt < 3; attempt++) expect((await apiLogin(from, 'nobody@example.no', 'wrong')).status).toBe(401);
    const second = await apiLogin(from, 'nobody@example.no', 'wrong');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(120);
  });
});
