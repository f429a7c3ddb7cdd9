import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';

/** Markup that runs script if a page writes it unescaped: an element with an id we can look for,
 *  an inline handler, a closing tag that would break out of a textarea or attribute. */
const payload = (field: string) =>
  `"'></textarea><img src=x id=xss-${field} onerror="window.__xss='${field}'"><script id=xss-s-${field}>window.__xss='${field}'</script>`;

/**
 * Stored XSS (ASVS 5.3.3): text a requester typed into every free-text field of a request is shown
 * on the staff queue, the case page and its forms as text. No element of the payload exists in the
 * page, no script of it ran, and the words are there to read.
 */
describe('stored text from requesters is shown as text, never as markup', () => {
  let stack: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestApp({ env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signIn = async (page: Page) => {
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await Promise.all([page.waitForURL(/\/staff(\?|$|\/)/), page.press('#password', 'Enter')]);
  };

  /** What of the payload became markup or ran, on the page as it is now. */
  const injected = (page: Page) =>
    page.evaluate(() => ({
      elements: Array.from(document.querySelectorAll('[id^="xss-"]'), (element) => element.id),
      ran: (window as unknown as { __xss?: string }).__xss ?? null,
    }));

  it('keeps every field of a registered request inert on the queue and the case page', async () => {
    const fields = {
      name: payload('name'),
      customerNumber: '"><img src=x id=xss-customer onerror=alert(1)>',
      text: payload('text'),
      field: payload('field'),
      correctedValue: payload('corrected'),
    };
    const auth = await adminAuth(stack.url);
    const response = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'rectification',
        channel: 'email',
        receivedAt: '2026-03-10',
        subject: { email: 'xss.person@example.no', name: fields.name, customerNumber: fields.customerNumber },
        details: { text: fields.text, field: fields.field, correctedValue: fields.correctedValue },
      }),
    });
    expect({ status: response.status, body: response.status === 201 ? null : await response.text() }).toEqual({ status: 201, body: null });
    const { reference } = (await response.json()) as { reference: string };

    const page = await (await browser.newContext()).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page);

    await page.goto(`${stack.url}/staff?q=${encodeURIComponent('xss.person@example.no')}`);
    expect(await injected(page)).toEqual({ elements: [], ran: null });
    expect(await page.locator('body').innerText()).toContain(reference);

    await page.goto(`${stack.url}/staff/cases/${reference}`);
    expect(await injected(page)).toEqual({ elements: [], ran: null });
    const text = await page.locator('body').innerText();
    // Each field's words are on the page, as the requester typed them.
    for (const value of [fields.name, fields.text, fields.correctedValue]) expect(text).toContain(value);
    expect(dialogs).toEqual([]);
  });
});
