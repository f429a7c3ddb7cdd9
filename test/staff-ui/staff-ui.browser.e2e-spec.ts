import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { simulatorSecrets, startSimulators, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { adminAuth } from '../support/test-app';
import { humanDate } from '../../src/common/human-date';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const PASSWORD = 'a long staff password 2026';
const HANDLER = { name: 'Hanne Handler', email: 'hanne@firma.example' };
const OWNER = { name: 'Tore Telefon', email: 'telefoni@firma.example' };
const AUDITOR = { name: 'Aud Revisor', email: 'revisor@firma.example' };
const KARI = { email: 'kari.nordmann@example.no', name: 'Kari Nordmann' };

/**
 * The staff UI as people use it, in Debian's Chromium against the real stack (PostgreSQL, Redis,
 * BullMQ workers, the Zendesk simulator and a real SMTP server): admin, handler, system owner
 * and auditor, each in their own browser context (their own session cookie).
 */
describe('staff UI in a real browser', () => {
  const smtp = new SmtpCapture();
  let sims: Simulators;
  let stack: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let reference: string;
  let staleReference: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sims = await startSimulators();
    const prefix = 'STAFFUI';
    for (const name of Object.keys(simulatorSecrets(prefix))) delete process.env[name];
    stack = await startTestApp({
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: writeDataMap(sims, prefix, ['zendesk', 'phone-logs']),
        STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        TASK_BACKOFF_MS: '100',
      },
    });
    const auth = await adminAuth(stack.url);
    const register = async (body: Record<string, unknown>) => {
      const response = await fetch(`${stack.url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: JSON.stringify({ channel: 'email', receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), ...body }),
      });
      if (response.status !== 201) throw new Error(`register failed: ${response.status} ${await response.text()}`);
      return (await response.json()).reference as string;
    };
    reference = await register({ type: 'erasure', subject: KARI });
    staleReference = await register({
      type: 'access',
      subject: { email: 'ola.nordmann@example.no', name: 'Ola Nordmann' },
      identityVerified: { method: 'known e-mail' },
    });
    await register({ type: 'access', channel: 'letter', receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(), subject: { name: 'Per Hansen' } });
    await register({ type: 'objection', subject: { email: 'lise@example.no', name: 'Lise Berg' }, details: { processing: 'direct_marketing' } });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
    await sims?.close();
    await smtp.stop();
  });

  async function personPage(width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  /** Signs in with the keyboard only: Tab to the fields, type, Enter. */
  /** The passwords people chose themselves at first sign-in, replacing the one the admin set. */
  const chosen = new Map<string, string>();
  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${stack.url}/staff/login`);
    await page.focus('#email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password === PASSWORD ? (chosen.get(email) ?? password) : password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    if (new URL(page.url()).pathname !== '/staff/account') return;
    // An admin-set password: every page leads to the change form until the user picks their own.
    expect(await page.locator('.problem').innerText()).toBe('Du må velge ditt eget passord før du kan fortsette.');
    const own = `my own passphrase for ${chosen.size + 1} years`;
    await page.fill('#current', password);
    await page.fill('#new', own);
    await Promise.all([page.waitForNavigation(), page.click('button:text("Bytt passord")')]);
    expect(new URL(page.url()).pathname).not.toBe('/staff/account');
    chosen.set(email, own);
  }

  /** Does something that submits a form or follows a link, and waits for the next page. */
  const navigate = async (page: Page, action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()]);
  };
  const notice = (page: Page) => page.locator('.notice').innerText();
  const statusOf = (page: Page, system: string) => page.locator(`[data-testid=tasks] tr:has(td:text-is("${system}"))`).getAttribute('data-status');

  it('lets an admin create a handler, a system owner and an auditor, keeping input on errors', async () => {
    const page = await personPage();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(new URL(page.url()).pathname).toBe('/staff');
    await navigate(page, () => page.click('a[href="/staff/users"]'));

    await page.fill('#user-name', '');
    await page.fill('#user-email', HANDLER.email);
    await page.selectOption('#user-role', 'handler');
    await page.fill('#user-password', 'short');
    await navigate(page, () => page.click('button:text("Opprett bruker")'));
    expect(await page.locator('#user-email').inputValue()).toBe(HANDLER.email);
    expect(await page.locator('#user-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#user-name-error').innerText()).toBe('Må fylles ut.');
    expect(await page.locator('#user-password-error').innerText()).toBe('Skriv minst 12 tegn.');

    for (const [person, role] of [
      [HANDLER, 'handler'],
      [OWNER, 'owner'],
      [AUDITOR, 'auditor'],
    ] as const) {
      await page.fill('#user-name', person.name);
      await page.fill('#user-email', person.email);
      await page.selectOption('#user-role', role);
      await page.fill('#user-password', PASSWORD);
      await navigate(page, () => page.click('button:text("Opprett bruker")'));
      expect(await notice(page)).toBe('Brukeren er opprettet.');
      expect(await page.locator(`tr[data-email="${person.email}"]`).innerText()).toContain(person.name);
    }
    await navigate(page, () => page.click('button:text("Logg ut")'));
    expect(await notice(page)).toBe('Du er logget ut.');
  });

  it('lets the handler find the case by search, assign, verify, search again after a failed record search, approve, watch the tasks finish and extend', async () => {
    const page = await personPage();
    await signIn(page, HANDLER.email, PASSWORD);
    await page.fill('#q', KARI.email);
    await navigate(page, () => page.keyboard.press('Enter'));
    const rows = page.locator('[data-testid=queue] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-reference')).toBe(reference);
    await navigate(page, () => page.click(`a:text("${reference}")`));

    await navigate(page, () => page.click('button:text-is("Tildel")'));
    expect(await notice(page)).toBe('Saken er tildelt.');
    expect(await page.locator('[data-testid=assignee]').innerText()).toBe(HANDLER.name);

    // An empty method is refused with the field marked; the page keeps the case as it was.
    await navigate(page, () => page.click('form[action$="/verify"] button'));
    expect(await page.locator('#verify-method-error').innerText()).toBe('Må fylles ut.');
    await page.fill('#verify-method', 'called back on the phone number on file');
    await navigate(page, () => page.click('form[action$="/verify"] button'));
    expect(await notice(page)).toBe('Identiteten er bekreftet.');
    expect(await page.locator('[data-testid=identity]').innerText()).toContain('called back on the phone number on file');

    const reloadUntil = async (selector: string) => {
      for (let attempt = 0; attempt < 150 && !(await page.locator(selector).count()); attempt++) {
        await page.waitForTimeout(200);
        await page.reload();
      }
    };
    // The Zendesk credentials are not in the environment yet: the search for the person's records
    // fails, visibly, and nothing can be approved or run until it is searched again.
    await reloadUntil('[data-testid=record-search] li[data-status="failed"]');
    expect(await page.locator('[data-testid=record-search] li[data-status="failed"]').innerText()).toContain('STAFFUI_ZENDESK_CLIENT_ID');
    expect(await page.locator('form[action$="/approve"]').count()).toBe(0);
    Object.assign(process.env, simulatorSecrets('STAFFUI'));
    await navigate(page, () => page.click('form[action$="/records/search"] button'));
    expect(await notice(page)).toBe('Systemene søkes på nytt.');
    // The approve button comes once the search is done.
    await reloadUntil('form[action$="/approve"] button');
    expect(await page.locator('[data-testid=record-search] li[data-status="done"]').count()).toBe(1);
    await navigate(page, () => page.click('form[action$="/approve"] button'));
    expect(await notice(page)).toBe('Saken er godkjent; oppgavene er sendt til systemene.');
    const waitForTasks = async (zendeskStates: string[]) => {
      for (let attempt = 0; attempt < 150; attempt++) {
        const zendesk = await statusOf(page, 'Zendesk Support');
        if (zendesk && zendeskStates.includes(zendesk) && (await statusOf(page, 'Phone system call logs')) === 'manual') return;
        await page.waitForTimeout(200);
        await page.reload();
      }
    };
    await waitForTasks(['done', 'not_found']);
    expect(['done', 'not_found']).toContain(await statusOf(page, 'Zendesk Support'));
    expect(await statusOf(page, 'Phone system call logs')).toBe('manual');
    expect(await page.locator('[data-testid=task-progress]').innerText()).toBe('1 av 2 oppgaver ferdige');

    await page.click('[data-testid=extend] summary');
    await page.fill('#extend-reason', 'The request covers two systems and a paper archive.');
    await navigate(page, () => page.click('form[action$="/extend"] button'));
    expect(await notice(page)).toBe('Fristen er forlenget, og den registrerte får beskjed.');
    const extended = (await page.locator('[data-testid=extended] time').getAttribute('datetime')) ?? '';
    expect(extended).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.locator('[data-testid=extended]').innerText()).toBe(humanDate(extended, 'nb'));
    const mail = await smtp.waitFor(
      (message) => message.to.includes(KARI.email) && message.text.includes('The request covers two systems and a paper archive.'),
    );
    const longDate = new Intl.DateTimeFormat('nb-NO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${extended}T12:00:00Z`),
    );
    expect(mail.text).toContain(`Ny frist er ${longDate}`);
    const timeline = await page.locator('[data-testid=timeline]').innerText();
    expect(timeline).toContain('Fristen forlenget');
    expect(timeline).toContain(humanDate(extended, 'nb'));
    expect(timeline).toContain('Identitet bekreftet');
    expect(timeline).toContain(`av ${HANDLER.name}`);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-case-page.png'), fullPage: true });
  });

  it('shows the owner only their manual task, and records its outcome', async () => {
    // The other case's search failed too while the Zendesk credentials were missing: searched again, its tasks come.
    const auth = await adminAuth(stack.url);
    expect((await fetch(`${stack.url}/api/v1/cases/${staleReference}/records/search`, { method: 'POST', headers: auth })).status).toBe(202);
    for (let attempt = 0; attempt < 150; attempt++) {
      const body = await (await fetch(`${stack.url}/api/v1/cases/${staleReference}`, { headers: auth })).json();
      if (body.tasks.some((task: { system: string; status: string }) => task.system === 'phone-logs' && task.status === 'manual')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const page = await personPage();
    await signIn(page, OWNER.email, PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/staff/tasks');
    // Both open cases have a phone-log task; the Zendesk tasks are not the owner's.
    const tasks = page.locator('section[data-task]');
    expect(await tasks.count()).toBe(2);
    for (const system of await tasks.evaluateAll((sections) => sections.map((section) => section.getAttribute('data-system')))) {
      expect(system).toBe('phone-logs');
    }
    const task = page.locator(`section[data-task]:has(h2:text("${reference}"))`);
    expect(await task.count()).toBe(1);

    await task.locator('textarea[name=summary]').fill('Deleted 3 call log entries.');
    await navigate(page, () => task.locator('button').click());
    expect(await task.locator('.field-error').innerText()).toBe('Velg et av alternativene.');
    expect(await task.locator('textarea[name=summary]').inputValue()).toBe('Deleted 3 call log entries.');
    await task.locator('input[name=status][value=done]').check();
    await task.locator('textarea[name=summary]').fill('Deleted 3 call log entries for the number.');
    await navigate(page, () => task.locator('button').click());
    expect(await notice(page)).toBe('Resultatet er registrert.');
    expect(await page.locator('section[data-task]').count()).toBe(1);

    // The queue and the case pages are not the owner's.
    await page.goto(`${stack.url}/staff/cases/${reference}`);
    expect(await page.locator('h1').innerText()).toBe('Ingen tilgang');
  });

  it('lets the handler complete the case once every task is done, and explains an action on stale state', async () => {
    const page = await personPage();
    await signIn(page, HANDLER.email, PASSWORD);
    await page.goto(`${stack.url}/staff/cases/${reference}`);
    expect(await statusOf(page, 'Phone system call logs')).toBe('done');
    // Completing is final: the button asks first.
    await page.click('[data-testid=complete] summary');
    await navigate(page, () => page.click('form[action$="/complete"] button'));
    expect(await notice(page)).toBe('Saken er fullført.');
    expect(await page.locator('[data-testid=status]').innerText()).toContain('Fullført');

    // Two tabs on one case: one rejects it, the other still shows "assign" (its manual tasks are
    // open, so it offers no "complete").
    const other = await page.context().newPage();
    await other.goto(`${stack.url}/staff/cases/${staleReference}`);
    await page.goto(`${stack.url}/staff/cases/${staleReference}`);
    await page.click('[data-testid=reject] summary');
    await page.selectOption('#reject-reasonCode', 'not_a_data_subject_request');
    await page.fill('#reject-reason', 'The letter asks about an invoice, not about personal data.');
    await navigate(page, () => page.click('form[action$="/reject"] button'));
    expect(await notice(page)).toBe('Saken er avvist.');
    expect(await other.locator('form[action$="/complete"]').count()).toBe(0);
    await navigate(other, () => other.click('form[action$="/assign"] button'));
    const stale = other;
    expect(await stale.locator('.problem').first().innerText()).toContain('Saken er avsluttet (avvist).');
    expect(await stale.locator('[data-testid=status]').innerText()).toContain('Avvist');
  });

  it('shows the queue ordered by deadline with states and counts, at 1280px and at phone width', async () => {
    const page = await personPage();
    await signIn(page, HANDLER.email, PASSWORD);
    // The day in words on the page; its exact value, which sorts, in <time datetime>.
    const due = await page
      .locator('[data-testid=queue] tbody tr td:nth-child(3) time')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('datetime') ?? ''));
    expect(due.length).toBeGreaterThanOrEqual(2);
    expect([...due].sort()).toEqual(due);
    expect(await page.locator('[data-testid=queue] tbody tr').first().locator('.state').innerText()).toBe('Forfalt');
    expect(await page.locator('[data-state=overdue] strong').innerText()).toBe('1');
    expect(Number(await page.locator('[data-testid=badge]').count())).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-queue.png'), fullPage: true });

    await page.selectOption('#assignee', 'none');
    await page.selectOption('#type', 'objection');
    await navigate(page, () => page.click('button:text("Vis")'));
    expect(await page.locator('[data-testid=queue] tbody tr').count()).toBe(1);

    const phone = await personPage(390);
    await signIn(phone, HANDLER.email, PASSWORD);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(ARTIFACTS, 'staff-queue-phone.png'), fullPage: true });
    await navigate(phone, () => phone.click('button:text("English")'));
    expect(await phone.locator('h1').innerText()).toBe('Case queue');
    await phone.goto(`${stack.url}/staff/cases/new`);
    expect(await phone.locator('h1').innerText()).toBe('Register a request');
  });

  it('registers a phone call with the day it really arrived', async () => {
    const page = await personPage();
    await signIn(page, HANDLER.email, PASSWORD);
    await navigate(page, () => page.click('a[href="/staff/cases/new"]'));
    await page.selectOption('#type', 'access');
    await page.selectOption('#channel', 'phone');
    await page.fill('#receivedDate', '2099-01-01');
    await page.fill('#phone', '+47 912 34 567');
    await navigate(page, () => page.click('button:text("Registrer")'));
    expect(await page.locator('#register-receivedDate-error').innerText()).toBe('Datoen kan ikke være i fremtiden.');
    expect(await page.locator('#phone').inputValue()).toBe('+47 912 34 567');

    const day = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#receivedDate', day);
    await page.fill('#name', 'Geir Telefon');
    // No e-mail: the answer goes by post, to the address taken down on the call.
    await page.fill('#postalAddress', 'Storgata 1\n0155 Oslo');
    await navigate(page, () => page.click('button:text("Registrer")'));
    expect(await notice(page)).toBe('Henvendelsen er registrert.');
    expect(await page.locator('#h-request + dl').innerText()).toContain(humanDate(day, 'nb'));
    expect(await page.locator(`#h-request + dl time[datetime="${day}"]`).count()).toBe(1);
    expect(await page.locator('#h-request + dl').innerText()).toContain('Telefon');
    expect(await page.locator('#h-request + dl').innerText()).toContain('Storgata 1');
  });

  it('lets the auditor read everything and refuses every change with 403', async () => {
    const page = await personPage();
    await signIn(page, AUDITOR.email, PASSWORD);
    expect(await page.locator('[data-testid=queue] tbody tr').count()).toBeGreaterThan(0);
    await page.goto(`${stack.url}/staff/cases/${reference}`);
    expect(await page.locator('[data-testid=timeline]').innerText()).toContain('Fullført');
    expect(await page.locator('[data-testid=actions] form').count()).toBe(0);
    await page.goto(`${stack.url}/staff/users`);
    expect(await page.locator('form[action="/staff/users"]').count()).toBe(0);

    // The forms are not shown; sending them anyway (with a valid token) is refused.
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const refused = await page.evaluate(
      async ({ token, reference }) => {
        const post = (path: string, fields: Record<string, string>) =>
          fetch(path, { method: 'POST', body: new URLSearchParams({ _csrf: token, ...fields }), redirect: 'manual' }).then((response) => response.status);
        return Promise.all([
          post(`/staff/cases/${reference}/notes`, { text: 'auditor was here' }),
          post(`/staff/cases/${reference}/assign`, { userId: '' }),
          post('/staff/users', { name: 'X', email: 'x@example.no', role: 'admin', password: 'another long password' }),
          post('/staff/cases', { type: 'access', channel: 'phone', receivedDate: '2026-01-01', name: 'X' }),
        ]);
      },
      { token, reference },
    );
    expect(refused).toEqual([403, 403, 403, 403]);
    await page.goto(`${stack.url}/staff/queues`);
    expect(await page.locator('h1').innerText()).toBe('Ingen tilgang');
  });

  it('opens bull-board at /staff/queues for admins', async () => {
    const page = await personPage();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    const response = await page.goto(`${stack.url}/staff/queues`);
    expect(response?.status()).toBe(200);
    const api = await page.evaluate(() => fetch('/staff/queues/api/queues').then((answer) => answer.json()));
    expect(api.queues.map((queue: { name: string }) => queue.name)).toEqual(expect.arrayContaining(['email', 'staff-digest', 'deadlines']));
    // Its own writes (same origin, as the browser marks them) still work.
    const resumed = await page.evaluate(() => fetch('/staff/queues/api/queues/resume', { method: 'PUT' }).then((answer) => answer.status));
    expect(resumed).toBe(200);
  });

  it('locks an account after five failed sign-ins', async () => {
    const page = await personPage();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(page, AUDITOR.email, 'wrong password');
      expect(await page.locator('.problem:visible').innerText()).toBe('Feil e-post eller passord.');
      expect(await page.locator('#email').inputValue()).toBe(AUDITOR.email);
    }
    // The fifth locks the account but reads like any wrong sign-in; so does the right password while locked.
    await signIn(page, AUDITOR.email, 'wrong password');
    expect(await page.locator('.problem:visible').innerText()).toBe('Feil e-post eller passord.');
    await signIn(page, AUDITOR.email, PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/staff/login');
    expect(await page.locator('.problem:visible').innerText()).toBe('Feil e-post eller passord.');
  });
});
