import { chromium, type Browser, type Page } from 'playwright-core';
import { api, staffUser, waitForCase, type Api } from '../fanout/fanout-stack';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { SHOP_A, SHOP_B, writeProcessorDataMap } from './processor-stack';

const HANDLER = 'hanne.handler@butikkplattform.example';

/** A request that names no web shop: the handler picks the shop on the case page, in Chromium. */
describe('choosing the controller of a processor system on the case page, in Chromium', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let client: Api;
  let browser: Browser;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    stack = await startTestApp({ env: { SMTP_URL: smtpUrl, SYSTEMS_FILE: writeProcessorDataMap(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    await staffUser(stack, HANDLER, 'handler');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp.stop();
  });

  const navigate = async (page: Page, action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()]);
  };

  it('lists both shops, sends to the one picked only, and then shows no choice', async () => {
    const created = await client.post('/api/v1/cases', {
      type: 'access',
      channel: 'letter',
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      subject: { email: 'sigrid.lie@example.no', name: 'Sigrid Lie' },
      details: { text: 'What do you hold about me? I ordered yarn in October.' },
    });
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    await waitForCase(client, reference, (body) => body.tasks.some((task) => task.action === 'forward' && task.status === 'manual'));

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', HANDLER);
    await page.fill('#password', 'owner password 0123456789');
    await navigate(page, () => page.keyboard.press('Enter'));
    await navigate(page, () => page.click('button[name="language"][value="en"]'));
    await page.goto(`${stack.url}/staff/cases/${reference}`);

    const section = page.locator('[data-testid=processor-forward-webshops]');
    expect(await section.locator('h2').innerText()).toBe('Forwarding to the controller');
    expect(await section.innerText()).toContain('"Nettbutikkplattformen" processes data for several controllers');
    expect(await section.locator('option').allInnerTexts()).toEqual([SHOP_A.name, SHOP_B.name]);

    await section.locator('select[name=controllerId]').selectOption(SHOP_B.id);
    await navigate(page, () => section.locator('button').click());
    expect(await page.locator('.notice').innerText()).toContain('The request is forwarded to the controller.');
    expect(await page.locator('[data-testid=processor-forward-webshops]').count()).toBe(0);

    const forward = await smtp.waitFor((mail) => mail.to.includes(SHOP_B.contact) && mail.subject.includes(reference));
    expect(forward.text).toContain('What do you hold about me? I ordered yarn in October.');
    expect(smtp.to(SHOP_A.contact)).toEqual([]);
  });
});
