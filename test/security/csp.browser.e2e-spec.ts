import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';

/** The script-src directive of a response's Content-Security-Policy. */
function scriptSrc(response: Response): string {
  const policy = response.headers.get('content-security-policy') ?? '';
  return policy.split(';').find((directive) => directive.trim().startsWith('script-src ')) ?? '';
}

/**
 * Issue 15: the CSP allowed `script-src 'unsafe-inline'` everywhere. Now scripts come from this
 * origin or carry the response's nonce; every page with scripts (Swagger UI, bull-board) still
 * works in Chromium, and a script injected into a page does not run.
 */
describe('Content-Security-Policy with nonces', () => {
  let stack: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestApp();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A page that records every CSP refusal the browser reports. */
  const watchedPage = async () => {
    const page = await (await browser.newContext()).newPage();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
    });
    return { page, refusals };
  };
  const signIn = async (page: Page) => {
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await Promise.all([page.waitForURL(/\/staff(\?|$|\/)/), page.press('#password', 'Enter')]);
  };

  it("sends a fresh nonce and no 'unsafe-inline' for scripts on public, staff and API pages", async () => {
    for (const path of ['/', '/staff/login', '/api/docs', '/health']) {
      const [first, second] = [await fetch(`${stack.url}${path}`), await fetch(`${stack.url}${path}`)];
      const [a, b] = [scriptSrc(first), scriptSrc(second)];
      expect({ path, a }).toEqual({ path, a: expect.stringMatching(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'$/) });
      expect(a).not.toBe(b);
      expect(first.headers.get('content-security-policy')).toMatch(/script-src-attr 'none'/);
    }
  });

  it('runs Swagger UI under the policy', async () => {
    const { page, refusals } = await watchedPage();
    await page.goto(`${stack.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('DSR engine');
    expect(refusals).toEqual([]);
  });

  it('runs bull-board under the policy', async () => {
    const { page, refusals } = await watchedPage();
    await signIn(page);
    await page.goto(`${stack.url}/staff/queues`);
    await page.getByText('staff-digest').first().waitFor();
    expect(refusals).toEqual([]);
  });

  it('does not run a script injected into a page', async () => {
    const { page, refusals } = await watchedPage();
    await page.goto(`${stack.url}/`);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injectedScriptRan = true;';
      document.body.appendChild(script);
      return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true;
    });
    expect(ran).toBe(false);
    expect(refusals.length).toBeGreaterThan(0);
  });
});
