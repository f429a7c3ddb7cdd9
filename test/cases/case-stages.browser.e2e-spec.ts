import { chromium, type Browser, type Page } from 'playwright-core';
import { linkIn } from '../intake/intake-helpers';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

/**
 * The stages of a request as the requester and the staff see them in Chromium: an erasure from the
 * public API waits for verification, then for a handler's approval, is handled, waits for the
 * requester while the clock is paused, and is answered — the status page says each in words, and
 * the staff queue's filter and counts tell them apart.
 */
describe('case stages in a real browser', () => {
  const smtp = new SmtpCapture();
  const email = 'stage.browser@example.no';
  let stack: TestApp;
  let browser: Browser;
  let auth: { Authorization: string };
  let reference: string;
  let statusLink: string;
  let requester: Page;
  let handler: Page;

  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  /** The status page's "what happens now" line, as the requester reads it. */
  const nowOnStatusPage = async () => {
    await requester.goto(statusLink);
    return requester.locator('#current-step').innerText();
  };
  /** The queue filtered by one stage: the references listed and the stage's own count. */
  const queueFor = async (stage: string) => {
    await handler.goto(`${stack.url}/staff?status=${stage}`);
    const references = await handler.locator('[data-testid=queue] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-reference')));
    return { references, selected: await handler.locator('select#status option:checked').innerText() };
  };

  beforeAll(async () => {
    stack = await startTestApp({
      env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMapWithoutRoutineDeletion(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' },
    });
    auth = await adminAuth(stack.url);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    requester = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    handler = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await handler.goto(`${stack.url}/staff/login`);
    await handler.fill('#email', TEST_ADMIN.email);
    await handler.fill('#password', TEST_ADMIN.password);
    await Promise.all([handler.waitForNavigation(), handler.click('form[action="/staff/login"] button[type=submit]')]);

    const created = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'erasure', email }),
    });
    reference = ((await created.json()) as { reference: string }).reference;
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp.stop();
  });

  it('waits for the e-mail confirmation, then for approval, in the words of each stage', async () => {
    const verification = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === `Bekreft forespørselen din (${reference})`);
    expect((await queueFor('awaiting_verification')).references).toContain(reference);
    await requester.goto(linkIn(verification, 'verify', stack.url));
    await Promise.all([requester.waitForNavigation(), requester.locator('main form button').first().click()]);
    const receipt = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === `Vi har mottatt forespørselen din (${reference})`);
    statusLink = linkIn(receipt, 'status', stack.url);

    expect(await nowOnStatusPage()).toBe('En saksbehandler kontrollerer hva som skal gjøres i systemene våre. Ingenting blir endret før det er godkjent.');
    const awaiting = await queueFor('awaiting_approval');
    expect(awaiting.references).toContain(reference);
    expect(awaiting.selected).toBe('Venter på godkjenning');
    expect((await queueFor('being_handled')).references).not.toContain(reference);
  });

  it('is being handled once approved, waiting for the requester while paused, and handled again when resumed', async () => {
    expect((await api(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    expect(await nowOnStatusPage()).toBe('Vi går gjennom systemene der vi kan ha opplysninger om deg.');
    expect((await queueFor('being_handled')).references).toContain(reference);

    expect((await api(`/api/v1/cases/${reference}/pause`, { reason: 'Which account is it about?' })).status).toBe(200);
    expect(await nowOnStatusPage()).toBe('Vi har bedt deg om mer informasjon på e-post. Fristen står stille til vi har fått svar.');
    const paused = await queueFor('paused');
    expect(paused.references).toContain(reference);
    expect(paused.selected).toBe('Venter på den registrerte');
    expect((await queueFor('being_handled')).references).not.toContain(reference);

    expect((await api(`/api/v1/cases/${reference}/resume`, {})).status).toBe(200);
    expect((await queueFor('being_handled')).references).toContain(reference);
  });

  it('is answered once the owner has recorded the outcome and the handler completes it', async () => {
    let tasks: Array<{ id: string; status: string }> = [];
    for (let attempt = 0; attempt < 200 && !tasks.some((task) => task.status === 'manual'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      tasks = (await api(`/api/v1/cases/${reference}`)).body.tasks;
    }
    for (const task of tasks) {
      const recorded = await api(`/api/v1/cases/${reference}/tasks/${task.id}/outcome`, { status: 'not_found', summary: 'No customer with that address.' });
      expect(recorded.status).toBe(200);
    }
    await handler.goto(`${stack.url}/staff/cases/${reference}`);
    await handler.locator('[data-testid=complete] summary').click();
    await Promise.all([handler.waitForNavigation(), handler.locator('form[action$="/complete"] button').click()]);
    expect(await handler.locator('.notice').innerText()).toBe('Saken er fullført.');
    expect(await nowOnStatusPage()).toBe('Ferdig. Svaret er sendt til deg.');
    expect((await queueFor('completed')).references).toContain(reference);
  });
});
