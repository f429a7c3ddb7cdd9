import { SessionClient } from '../staff-ui/staff-session-client';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 15: bull-board's write actions relied on SameSite alone, and its page loaded Google Fonts.
 * Its writes now need a same-origin browser request; its page names no Google host.
 */
describe('bull-board at /staff/queues', () => {
  let stack: TestApp;
  let admin: SessionClient;

  beforeAll(async () => {
    stack = await startTestApp();
    admin = new SessionClient(stack.url);
    expect((await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const put = (path: string, headers: Record<string, string>) =>
    fetch(`${stack.url}/staff/queues${path}`, { method: 'PUT', redirect: 'manual', headers: { Cookie: admin.cookieHeader(), ...headers } });
  const paused = async () =>
    (
      (await (await fetch(`${stack.url}/staff/queues/api/queues`, { headers: { Cookie: admin.cookieHeader() } })).json()) as {
        queues: Array<{ isPaused: boolean }>;
      }
    ).queues.some((queue) => queue.isPaused);

  it('serves its page without Google Fonts', async () => {
    const page = await admin.get('/staff/queues');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toContain('fonts.googleapis.com');
    expect(html).not.toContain('fonts.gstatic.com');
  });

  it('refuses a write from another site, or without any browser origin header, and changes nothing', async () => {
    const attempts: Array<Record<string, string>> = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'https://attacker.example' },
      {},
    ];
    for (const headers of attempts) {
      const refused = await put('/api/queues/pause', headers);
      expect({ headers, status: refused.status }).toEqual({ headers, status: 403 });
    }
    expect(await paused()).toBe(false);
  });

  it('accepts a write from its own page (same origin)', async () => {
    expect((await put('/api/queues/pause', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect(await paused()).toBe(true);
    expect((await put('/api/queues/resume', { Origin: new URL(stack.url).origin })).status).toBe(200);
    expect(await paused()).toBe(false);
  });
});
