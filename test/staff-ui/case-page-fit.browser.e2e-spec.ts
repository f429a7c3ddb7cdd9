import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { stringify } from 'yaml';
import { registration } from '../fanout/fanout-stack';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const VIEWPORT = { width: 1280, height: 800 };
const SYSTEMS = ['crm', 'webshop', 'paper-archive', 'office365', 'phone-logs', 'cctv'];

/** Six manual systems without routine deletion: six owner tasks, no preservation e-mails. */
function sixManualSystems(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-six-')), 'systems.yaml');
  const systems = SYSTEMS.map((id) => ({
    id,
    name: `System ${id}`,
    connector: 'manual',
    owner: `${id}@example.no`,
    categories: ['name', 'e-mail address'],
    purposes: ['customer service'],
    legalBasis: 'GDPR art. 6(1)(b) contract',
    retention: { criteria: 'as long as the customer relationship lasts' },
  }));
  writeFileSync(file, stringify({ controller: { name: 'Eksempel AS', email: 'personvern@example.no' }, systems }));
  return file;
}

/**
 * The case page as a handler meets it on a laptop: a case with six tasks fits on two screens at
 * 1280×800 (each task one line, its form folded away until opened), the top menu stays on one line,
 * a failed form opens where it is with its error beside it, and completing asks first.
 */
describe('case page that fits', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let browser: Browser;
  let reference: string;
  let auth: { Authorization: string };

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${stack.url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const tasksOf = async (): Promise<Array<{ id: string; system: string; status: string }>> =>
    (await (await api('GET', `/api/v1/cases/${reference}`)).json()).tasks;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: sixManualSystems(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    auth = await adminAuth(stack.url);
    const created = await api('POST', '/api/v1/cases', registration('access', { email: 'kari.nordmann@example.no', name: 'Kari Nordmann' }));
    reference = (await created.json()).reference;
    let tasks = await tasksOf();
    for (let attempt = 0; attempt < 200 && !(tasks.length === 6 && tasks.every((task) => task.status === 'manual')); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      tasks = await tasksOf();
    }
    // Two owners have answered; four tasks still wait for a person.
    for (const task of tasks.slice(0, 2)) {
      const recorded = await api('POST', `/api/v1/cases/${reference}/tasks/${task.id}/outcome`, { status: 'not_found', summary: 'Nothing under that name.' });
      if (recorded.status !== 200) throw new Error(`outcome: ${recorded.status} ${await recorded.text()}`);
    }
    await api('POST', `/api/v1/cases/${reference}/notes`, { text: 'Ringte kunden for å avklare hvilke år det gjelder.' });
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

  async function signedIn(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/staff/login"] button[type=submit]')]);
    return page;
  }

  it('fits six tasks on two screens, one line each, with the menu on one line', async () => {
    const page = await signedIn();
    await page.goto(`${stack.url}/staff/cases/${reference}`);
    expect(await page.locator('[data-testid=tasks] tbody tr').count()).toBe(6);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: join(ARTIFACTS, 'case-page-six-tasks.png'), fullPage: true });
    expect(height).toBeLessThanOrEqual(2 * VIEWPORT.height);

    // Each task row is one line of text until its form is opened.
    const rowHeights = await page.locator('[data-testid=tasks] tbody tr').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().height));
    for (const rowHeight of rowHeights) expect(rowHeight).toBeLessThan(60);
    // Nothing hides to the side: the task table is no wider than its card.
    const overflow = await page.locator('[data-testid=tasks]').evaluate((table) => table.scrollWidth - (table.parentElement as HTMLElement).clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.locator('[data-testid=tasks] form[action$="/outcome"]').first().isVisible()).toBe(false);

    // The menu's links and buttons sit on one line at 1280 px.
    const tops = await page.locator('header.top nav > *').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(20);
  });

  it('opens a failed outcome form on its own task with the error beside it and what was typed', async () => {
    const page = await signedIn();
    await page.goto(`${stack.url}/staff/cases/${reference}`);
    const row = page.locator('[data-testid=tasks] tbody tr[data-status=manual]').first();
    const taskId = await row.getAttribute('data-task');
    await row.locator('details.task-form > summary').click();
    const form = page.locator(`form[action$="/tasks/${taskId}/outcome"]`);
    await form.locator('textarea[name=summary]').fill('Fant ingenting i arkivet.');
    await Promise.all([page.waitForNavigation(), form.locator('button').last().click()]);

    const again = page.locator(`form[action$="/tasks/${taskId}/outcome"]`);
    expect(await again.isVisible()).toBe(true);
    expect(await again.locator('textarea[name=summary]').inputValue()).toBe('Fant ingenting i arkivet.');
    expect(await again.locator('.field-error').first().innerText()).toBe('Velg et av alternativene.');
    // The problem is said at the form, not at the top of the actions column.
    expect(await page.locator('[data-testid=actions] .problem').count()).toBe(0);
    expect(await page.locator(`tr[data-task="${taskId}"] .problem`).innerText()).toContain('Rett feltene');
  });

  it('asks before completing the case, and completes only when confirmed', async () => {
    // One owner hands over the person's row (so the answer has a package to download); the rest hold nothing.
    const [handing, ...rest] = (await tasksOf()).filter((candidate) => candidate.status === 'manual');
    const handed = await api('POST', `/api/v1/cases/${reference}/tasks/${handing.id}/outcome`, {
      status: 'done',
      summary: 'Kundekortet.',
      records: [{ navn: 'Kari Nordmann' }],
    });
    expect(handed.status).toBe(200);
    for (const task of rest) {
      await api('POST', `/api/v1/cases/${reference}/tasks/${task.id}/outcome`, { status: 'not_found', summary: 'Nothing under that name.' });
    }
    const page = await signedIn();
    await page.goto(`${stack.url}/staff/cases/${reference}`);
    const confirm = page.locator('form[action$="/complete"] button');
    expect(await confirm.isVisible()).toBe(false);
    await page.locator('[data-testid=complete] summary').click();
    expect(await page.locator('[data-testid=complete]').innerText()).toContain('kan ikke angres');
    await Promise.all([page.waitForNavigation(), confirm.click()]);
    expect(await page.locator('.notice').innerText()).toBe('Saken er fullført.');
  });

  it('gives the download-code page a primary and a secondary button, apart from each other', async () => {
    const mail = await smtp.waitFor((message) => message.to.includes('kari.nordmann@example.no') && /\/status\/[A-Za-z0-9_-]+/.test(message.text));
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await page.goto(`${stack.url}${/\/status\/[A-Za-z0-9_-]+/.exec(mail.text)![0]}`);
    const answerLink = new URL((await page.locator('a[href*="/answer/"]').first().getAttribute('href'))!);
    await page.goto(`${stack.url}${answerLink.pathname}`);
    await Promise.all([page.waitForNavigation(), page.locator('main form button').click()]);
    const buttons = page.locator('main form button');
    expect(await buttons.count()).toBe(2);
    const looks = await buttons.evaluateAll((list) => list.map((button) => getComputedStyle(button).backgroundColor));
    expect(looks[0]).not.toBe(looks[1]);
    const [first, second] = await buttons.evaluateAll((list) => list.map((button) => button.getBoundingClientRect()));
    expect(second.top - first.bottom).toBeGreaterThanOrEqual(16);
    await page.screenshot({ path: join(ARTIFACTS, 'download-code-page.png'), fullPage: true });
  });
});
