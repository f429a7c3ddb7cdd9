import { chromium, type Browser, type Page } from 'playwright-core';
import { api, registration, simulatorSecrets, staffUser, startSimulatorsWith, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { NORWEGIAN_PEOPLE } from '../fanout/norwegian-people';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { giveIdentifiers, MALLORY, searchRecords } from './records-stack';

const PREFIX = 'CANDIDATE_PAGE';
const [KARI] = NORWEGIAN_PEOPLE;
const HANDLER = 'hanne.handler@firma.example';

/** A handler sees a possible match with its evidence side by side, masked, and rejects it. */
describe('a possible match on the case page, in Chromium', () => {
  let sims: Simulators;
  let stack: TestApp;
  let browser: Browser;
  let reference: string;
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulatorsWith([KARI, MALLORY]);
    stack = await startTestApp({
      env: { SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['hubspot']), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000', TASK_BACKOFF_MS: '100' },
    });
    const auth = await adminAuth(stack.url);
    const client = api(stack.url, () => auth);
    const created = await (await client.post('/api/v1/cases', registration('erasure', { email: MALLORY.email, name: MALLORY.name }))).json();
    reference = created.reference;
    await giveIdentifiers(stack, created.id, [['email', MALLORY.email]], [['phone', '0047 912 34 567']]);
    await searchRecords(client, reference, 1);
    await staffUser(stack, HANDLER, 'handler');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await sims?.close();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  const navigate = async (page: Page, action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()]);
  };

  it('shows "Possible match — needs confirmation" with what was given beside what the record holds, and rejects it with a reason', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', HANDLER);
    await page.fill('#password', 'owner password 0123456789');
    await navigate(page, () => page.keyboard.press('Enter'));
    await navigate(page, () => page.click('button[name="language"][value="en"]'));
    await page.goto(`${stack.url}/staff/cases/${reference}`);

    const candidate = page.locator('[data-testid=record-list] tr[data-status="candidate"]');
    await expect(candidate.count()).resolves.toBe(1);
    expect(await candidate.locator('td').nth(2).innerText()).toContain('Possible match — needs confirmation');
    expect(await candidate.locator('[data-testid=evidence-given]').innerText()).toBe('phone: +47 ••• •• 567');
    // The record's own details are never on the page in full.
    expect(await page.content()).not.toContain(KARI.email);
    expect(await page.locator('[data-testid=record-list] tr[data-status="matched"]').count()).toBe(1);
    // Approval waits until the possible match is decided.
    expect(await page.locator('form[action$="/approve"]').count()).toBe(0);

    // A decision needs a reason: the page says so and keeps the record undecided.
    await navigate(page, () => candidate.locator('button[value="reject"]').click());
    expect(await page.locator('[data-testid=record-list] tr[data-status="candidate"] .field-error').innerText()).not.toBe('');

    await page
      .locator('[data-testid=record-list] tr[data-status="candidate"] textarea[name="reason"]')
      .fill('Different person: the requester never had this number.');
    await navigate(page, () => page.locator('[data-testid=record-list] tr[data-status="candidate"] button[value="reject"]').click());
    expect(await page.locator('.notice').innerText()).toContain('The match is rejected.');
    const rejected = page.locator('[data-testid=record-list] tr[data-status="rejected"]');
    expect(await rejected.locator('td').nth(2).innerText()).toContain('Rejected — not touched');
    expect(await rejected.innerText()).toContain('Different person: the requester never had this number.');
    // Now the approval shows exactly the record that will be touched, and by what it was found.
    expect(await page.locator('[data-testid=approval-records]').innerText()).toContain('HubSpot CRM');
    expect(await page.locator('[data-testid=approval-records]').innerText()).toContain('found by e-mail');
  });
});
