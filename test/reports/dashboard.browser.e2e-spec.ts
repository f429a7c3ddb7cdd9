import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FixedClock } from '../support/fixed-clock';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, STAFF_PASSWORD } from '../staff-ui/staff-session-client';
import { REPORT_NOW, seedReportCases, type SeededCases } from './report-seed';

/**
 * The dashboard at /staff/dashboard in Debian's Chromium, on cases seeded in every open stage and
 * answered on time, late or not at all (test/reports/report-seed.ts has the expected figures): the
 * figures on the page in both languages, the charts' text alternatives, the period form and its
 * errors, the CSV download, and who may see it.
 */
describe('staff dashboard in a real browser', () => {
  const clock = new FixedClock(new Date(REPORT_NOW));
  let stack: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let cases: SeededCases;

  beforeAll(async () => {
    stack = await startTestApp({ clock, role: 'api', env: { SYSTEMS_FILE: dataMapWithoutRoutineDeletion(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    cases = await seedReportCases(stack, clock, await adminAuth(stack.url));
    await createStaffUser(stack, 'dash.handler@example.no', 'handler');
    await createStaffUser(stack, 'dash.auditor@example.no', 'auditor');
    await createStaffUser(stack, 'dash.owner@example.no', 'owner');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.close();
  });

  async function signedIn(email: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
    return page;
  }
  const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).innerText();
  const rowCells = (page: Page, selector: string) => page.locator(selector).locator('th, td').allInnerTexts();

  it('shows an admin the figures of the seeded cases, with the queue still at /staff', async () => {
    const page = await signedIn(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(await page.locator('[data-testid=queue]').count()).toBe(1);
    await Promise.all([page.waitForNavigation(), page.click('header a:text-is("Oversikt")')]);
    expect(new URL(page.url()).pathname).toBe('/staff/dashboard');
    expect(await page.locator('h1').innerText()).toBe('Oversikt');

    expect(await text(page, 'open-total')).toBe('6');
    expect(await text(page, 'open-overdue')).toBe('1');
    expect(await text(page, 'open-due-week')).toBe('2');
    expect(await rowCells(page, '[data-testid=open-matrix] thead tr')).toEqual([
      'Status',
      'Innsyn',
      'Retting',
      'Sletting',
      'Protest',
      'Begrensning',
      'Dataportabilitet',
      'Sum',
    ]);
    expect(await rowCells(page, 'tr[data-stage=awaiting_verification]')).toEqual(['Venter på bekreftelse', '2', '0', '0', '0', '0', '0', '2']);
    expect(await rowCells(page, 'tr[data-stage=awaiting_approval]')).toEqual(['Venter på godkjenning', '0', '0', '1', '0', '0', '0', '1']);
    expect(await rowCells(page, 'tr[data-stage=paused]')).toEqual(['Venter på den registrerte', '0', '1', '0', '0', '0', '0', '1']);
    expect(await rowCells(page, 'tr[data-stage=being_handled]')).toEqual(['Under arbeid', '1', '0', '0', '0', '0', '0', '1']);
    expect(await rowCells(page, 'tr[data-stage=awaiting_review]')).toEqual(['Til gjennomgang', '0', '0', '0', '1', '0', '0', '1']);
    expect(await rowCells(page, 'tr[data-stage=total]')).toEqual(['Sum', '3', '1', '1', '1', '0', '0', '6']);

    // Last 12 months: 11 received, 4 answered (10, 18, 19 and 36 days), one of them late.
    expect(await text(page, 'period-received')).toBe('11');
    expect(await text(page, 'period-answered')).toBe('4');
    expect(await text(page, 'period-on-time')).toBe('3 av 4 (75 %)');
    expect(await text(page, 'period-median')).toBe('18,5');
    expect(await page.locator('#period-from').inputValue()).toBe('2025-06-16');
    expect(await page.locator('#period-to').inputValue()).toBe('2026-06-15');
    const channel = (name: string) => rowCells(page, `tr[data-channel=${name}]`);
    expect(await channel('email')).toEqual(['E-post', '3', '1', '1 av 1 (100 %)', '18']);
    expect(await channel('letter')).toEqual(['Brev', '2', '1', '0 av 1 (0 %)', '36']);
    expect(await channel('phone')).toEqual(['Telefon', '2', '1', '1 av 1 (100 %)', '10']);
    expect(await channel('web')).toEqual(['Nettskjema', '2', '0', '–', '–']);
    expect(await channel('api')).toEqual(['API', '0', '1', '1 av 1 (100 %)', '19']);
    expect(await channel('sms')).toEqual(['SMS', '1', '0', '–', '–']);
    expect(await channel('in_person')).toEqual(['Personlig oppmøte', '1', '0', '–', '–']);
    expect(await channel('chat')).toEqual(['Chat', '0', '0', '–', '–']);
  });

  it('draws the charts as inline SVG with a title, a description and the figures as text', async () => {
    const page = await signedIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.goto(`${stack.url}/staff/dashboard`);
    const stages = page.locator('svg[data-testid=chart-stages]');
    expect(await stages.getAttribute('role')).toBe('img');
    expect(await stages.getAttribute('aria-labelledby')).toBe('chart-stages-title chart-stages-desc');
    expect(await stages.locator('title').textContent()).toBe('Åpne saker etter status');
    expect(await stages.locator('desc').textContent()).toContain('De samme tallene står i tabellen under.');
    expect(await stages.locator('g text').allTextContents()).toEqual([
      'Venter på bekreftelse',
      '2',
      'Venter på godkjenning',
      '1',
      'Venter på den registrerte',
      '1',
      'Under arbeid',
      '1',
      'Til gjennomgang',
      '1',
    ]);
    // The longest bar is the largest figure; the others are half as long.
    const widths = await stages.locator('rect').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('width'))));
    expect(widths[0]).toBeGreaterThan(0);
    expect(widths.slice(1)).toEqual([widths[0] / 2, widths[0] / 2, widths[0] / 2, widths[0] / 2]);
    const channels = page.locator('svg[data-testid=chart-channels]');
    expect(await channels.locator('title').textContent()).toBe('Mottatte saker etter kanal');
    expect(await channels.locator('g text').allTextContents()).toContain('Personlig oppmøte');
  });

  it('reads in English too', async () => {
    const page = await signedIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.goto(`${stack.url}/staff/dashboard`);
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("English")')]);
    expect(await page.locator('h1').innerText()).toBe('Dashboard');
    expect(await page.locator('header a[aria-current=page]').innerText()).toBe('Dashboard');
    expect(await text(page, 'period-on-time')).toBe('3 of 4 (75 %)');
    expect(await text(page, 'period-median')).toBe('18.5');
    expect(await rowCells(page, 'tr[data-stage=paused]')).toEqual(['Waiting for the requester', '0', '1', '0', '0', '0', '0', '1']);
    expect(await page.locator('svg[data-testid=chart-stages] title').textContent()).toBe('Open cases by stage');
  });

  it('shows another period, and marks a date it cannot read beside its field, keeping what was typed', async () => {
    const page = await signedIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await page.goto(`${stack.url}/staff/dashboard`);
    await page.fill('#period-from', '2026-03-01');
    await page.fill('#period-to', '2026-03-31');
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Vis")')]);
    // March: one received (answered in 18 days); two answered, one of them late (36 days).
    expect(await text(page, 'period-received')).toBe('1');
    expect(await text(page, 'period-answered')).toBe('2');
    expect(await text(page, 'period-on-time')).toBe('1 av 2 (50 %)');
    expect(await text(page, 'period-median')).toBe('27');

    await page.fill('#period-from', '1.3.2026');
    await page.fill('#period-to', '2026-02-30');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button:text-is("Vis")')]);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#period-from').inputValue()).toBe('1.3.2026');
    expect(await page.locator('#period-from').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#period-from-error').innerText()).toBe('Skriv en dato som ÅÅÅÅ-MM-DD.');
    expect(await page.locator('#period-to-error').innerText()).toBe('Skriv en dato som ÅÅÅÅ-MM-DD.');
    expect(await page.locator('[data-testid=download]').count()).toBe(0);
    // The open cases are still shown.
    expect(await text(page, 'open-total')).toBe('6');

    await page.fill('#period-from', '2026-05-01');
    await page.fill('#period-to', '2026-04-30');
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Vis")')]);
    expect(await page.locator('#period-to-error').innerText()).toBe('Kan ikke være før fra-datoen.');
    expect(await page.locator('#period-from-error').count()).toBe(0);
  });

  it('downloads the period’s cases as CSV from the button, formula-safe and without personal data', async () => {
    const page = await signedIn('dash.auditor@example.no', STAFF_PASSWORD);
    expect(await page.locator('header a:text-is("Oversikt")').count()).toBe(1);
    await page.goto(`${stack.url}/staff/dashboard`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
    expect(download.suggestedFilename()).toBe('cases-2025-06-16-2026-06-15.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('reference,type,channel,received_on,deadline,extended,answered_on,days_to_answer,on_time,stage,outcome');
    expect(lines).toHaveLength(1 + 11 + 1);
    expect(lines).toContain(`${cases.completedLate},erasure,letter,2026-02-02,2026-03-02,false,2026-03-10,36,false,completed,'=cmd|' /C calc'!A0`);
    expect(lines).toContain(`${cases.extended},access,in_person,2026-06-05,2026-09-07,true,,,,awaiting_verification,`);
    expect(csv).not.toMatch(/@|Person \d/);

    await page.fill('#period-from', '2026-03-01');
    await page.fill('#period-to', '2026-03-31');
    await Promise.all([page.waitForNavigation(), page.click('button:text-is("Vis")')]);
    const [march] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download]')]);
    expect(readFileSync((await march.path())!, 'utf8').split('\r\n')).toEqual([
      'reference,type,channel,received_on,deadline,extended,answered_on,days_to_answer,on_time,stage,outcome',
      `${cases.completedOnTime},access,email,2026-03-02,2026-04-01,false,2026-03-20,18,true,completed,access`,
      '',
    ]);
  });

  it('is not for handlers or system owners: no menu entry, and 403 on the page and the download', async () => {
    for (const email of ['dash.handler@example.no', 'dash.owner@example.no']) {
      const page = await signedIn(email, STAFF_PASSWORD);
      expect(await page.locator('header a[href="/staff/dashboard"]').count()).toBe(0);
      const denied = await page.goto(`${stack.url}/staff/dashboard`);
      expect(denied?.status()).toBe(403);
      expect(await page.locator('[data-testid=open-total]').count()).toBe(0);
      const csv = await page.request.get(`${stack.url}/staff/dashboard/cases.csv`);
      expect(csv.status()).toBe(403);
      expect(await csv.text()).not.toContain('reference,type');
    }
  });
});
