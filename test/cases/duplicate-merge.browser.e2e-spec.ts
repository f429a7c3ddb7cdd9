import { chromium, type Browser, type Page } from 'playwright-core';
import { FixedClock } from '../support/fixed-clock';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { createStaffUser, STAFF_PASSWORD } from '../staff-ui/staff-session-client';

const HANDLER = 'hanne.merge@example.no';

/** A duplicate merge from the staff case page, in Chromium: the duplicate is listed, the handler
 *  sees what the merge will do, confirms, and the kept case answers from the earlier receipt. */
describe('merging a duplicate from the staff case page, in Chromium', () => {
  const clock = new FixedClock(new Date('2026-09-10T09:00:00+02:00'));
  let stack: TestApp;
  let browser: Browser;
  let earlier: { reference: string; deadlines: { effective: string } };
  let kept: { reference: string; deadlines: { effective: string } };

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
    const auth = await adminAuth(stack.url);
    const register = async (receivedAt: string) => {
      const response = await fetch(`${stack.url}/api/v1/cases`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...auth },
        body: JSON.stringify({
          type: 'access',
          channel: 'letter',
          receivedAt,
          subject: { email: 'lise.merge@example.no', name: 'Lise Merge' },
          identityVerified: { method: 'signed letter matched the customer record' },
        }),
      });
      return response.json();
    };
    earlier = await register('2026-08-24T10:00:00+02:00');
    kept = await register('2026-09-08T10:00:00+02:00');
    await createStaffUser(stack, HANDLER, 'handler');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const navigate = async (page: Page, action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()]);
  };

  it('lists the duplicate, asks for confirmation with the resulting deadline, merges, and leads the merged reference to the kept case', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1200 } })).newPage();
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', HANDLER);
    await page.fill('#password', STAFF_PASSWORD);
    await navigate(page, () => page.keyboard.press('Enter'));
    await navigate(page, () => page.click('button[name="language"][value="en"]'));

    // The queue marks both cases as possible duplicates.
    expect(await page.locator(`tr[data-reference="${kept.reference}"] [data-testid=duplicate-marker]`).innerText()).toBe('possible duplicate');

    await page.goto(`${stack.url}/staff/cases/${kept.reference}`);
    const listed = page.locator('[data-testid=duplicates]');
    expect(await listed.innerText()).toContain(`${earlier.reference} – Access, 24 Aug 2026, In progress`);
    expect(await listed.locator('time[datetime="2026-08-24"]').count()).toBe(1);
    await navigate(page, () => listed.locator(`[data-testid="merge-${earlier.reference}"]`).click());

    // The confirmation step: nothing is merged until the button is pressed.
    const confirm = page.locator('[data-testid=merge-confirm]');
    expect(await page.locator('h1').innerText()).toBe(`Merge ${earlier.reference} into ${kept.reference}?`);
    expect(await confirm.locator('[data-testid=merged-received]').innerText()).toBe('24 Aug 2026');
    expect(await confirm.locator('[data-testid=merged-received] time').getAttribute('datetime')).toBe('2026-08-24');
    expect(await confirm.locator('[data-testid=merged-effective] time').getAttribute('datetime')).toBe(earlier.deadlines.effective);
    expect(await confirm.innerText()).toContain(`${earlier.reference} is closed as merged. It is not deleted, its reference leads to ${kept.reference}`);

    await navigate(page, () => confirm.locator('button', { hasText: 'Merge' }).click());
    expect(new URL(page.url()).pathname).toBe(`/staff/cases/${kept.reference}`);
    expect(await page.locator('.notice').innerText()).toContain('The duplicate is merged into this case.');
    const deadlines = page.locator('[data-testid=deadlines]');
    expect(await deadlines.locator('dd').first().locator('time').getAttribute('datetime')).toBe(earlier.deadlines.effective);
    expect(await page.locator('[data-testid=duplicates]').count()).toBe(0);
    expect(await page.locator('[data-testid=timeline] li', { hasText: 'Duplicate merged into this case' }).innerText()).toContain(earlier.reference);

    // The merged reference still resolves: to the kept case, saying why.
    await page.goto(`${stack.url}/staff/cases/${earlier.reference}`);
    expect(new URL(page.url()).pathname).toBe(`/staff/cases/${kept.reference}`);
    expect(await page.locator('.notice').innerText()).toBe(`${earlier.reference} is merged into this case, which answers for both.`);
  });
});
