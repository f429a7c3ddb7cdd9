import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { linkIn } from './intake-helpers';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** The public form in Debian's Chromium with JavaScript turned off, as a person would use it. */
describe('public request form in a real browser without JavaScript', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
    await smtp.stop();
  });

  const caseFor = async (email: string) => (await stack.dataSource.query('SELECT * FROM cases WHERE subject_email = $1', [email]))[0];

  /** What has the keyboard focus: its id, or its text for a link or button without one. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      return element?.id || element?.textContent?.trim() || element?.tagName || '';
    });
  /** Presses Tab once and answers where the focus went. */
  const tab = async (page: Page) => {
    await page.keyboard.press('Tab');
    return focused(page);
  };
  /** Presses a key that sends the form, and waits for the page that answers. */
  const pressAndLoad = async (page: Page, key: string) => {
    await Promise.all([page.waitForEvent('load'), page.keyboard.press(key)]);
  };
  /** Nothing on the page is wider than a 390 px phone screen (no sideways scrolling). */
  const fitsTheScreen = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth);

  it('submits a rectification in Norwegian with the keyboard, creates the case and sends the e-mail', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    await page.screenshot({ path: join(ARTIFACTS, 'intake-form-nb.png'), fullPage: true });
    await page.getByLabel('Rette opplysninger om meg').check();
    await page.getByLabel('Hva er feil?').fill('Adressen min');
    await page.getByLabel('Hva er riktig?').fill('Storgata 1, 0155 Oslo');
    await page.getByLabel('Navn (valgfritt)', { exact: true }).fill('Kari Nordmann');
    await page.getByLabel('E-postadresse', { exact: true }).fill('kari.browser@example.no');
    await page.getByLabel('E-postadresse', { exact: true }).press('Enter');
    await page.waitForLoadState('domcontentloaded');
    await expect(page.locator('h1').textContent()).resolves.toBe('Sjekk e-posten din');
    const reference = (await page.locator('main').textContent())!.match(/DSR-2026-\d{6}/)![0];

    expect(await caseFor('kari.browser@example.no')).toMatchObject({
      reference,
      type: 'rectification',
      channel: 'web',
      language: 'nb',
      status: 'awaiting_verification',
      details: { field: 'Adressen min', correctedValue: 'Storgata 1, 0155 Oslo' },
    });
    const mail = await smtp.waitFor((message) => message.subject === `Bekreft forespørselen din (${reference})`);
    // Following the link in the browser and pressing the button verifies the case.
    await page.goto(linkIn(mail, 'verify', stack.url));
    await page.getByRole('button', { name: 'Bekreft forespørselen' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Takk, forespørselen er bekreftet');
    await page.getByRole('link', { name: 'Se status for forespørselen' }).click();
    // A rectification waits for a handler's approval before anything is changed, and says so.
    await expect(page.locator('#current-step').textContent()).resolves.toBe(
      'En saksbehandler kontrollerer hva som skal gjøres i systemene våre. Ingenting blir endret før det er godkjent.',
    );
    await page.close();
  });

  it('switches to English, keeps the input and explains each problem, then accepts the corrected form', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS, 'intake-form-en.png'), fullPage: true });

    await page.getByLabel('Object to how my data is used').check();
    await page.getByLabel('Name (optional)', { exact: true }).fill('John Smith');
    await page.getByLabel('E-mail address', { exact: true }).fill('john.smith(at)example.com');
    await page.getByRole('button', { name: 'Send the request' }).click();

    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter a valid e-mail address, like name@example.com');
    await expect(summary.textContent()).resolves.toContain('Choose what you object to');
    await expect(page.locator('#field-email-error').textContent()).resolves.toContain('Enter a valid e-mail address');
    await expect(page.getByLabel('E-mail address', { exact: true }).inputValue()).resolves.toBe('john.smith(at)example.com');
    await expect(page.getByLabel('Name (optional)', { exact: true }).inputValue()).resolves.toBe('John Smith');
    await expect(page.getByLabel('Object to how my data is used').isChecked()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'intake-form-en-errors.png'), fullPage: true });

    // The summary links take the keyboard to the field.
    await summary.getByRole('link', { name: /valid e-mail address/ }).click();
    await expect(page.locator('#field-email').evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('john.smith@example.com');
    await page.getByLabel('Marketing (newsletters, offers, advertising)').check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your e-mail');

    const created = await caseFor('john.smith@example.com');
    expect(created).toMatchObject({ type: 'objection', language: 'en', channel: 'web', details: { processing: 'direct_marketing' } });
    await smtp.waitFor((message) => message.subject === `Confirm your request (${created.reference})`);
    await page.close();
  });

  it('can be filled in and sent with the keyboard alone: Tab, Space, arrow keys, typing and Enter', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.url}/?lang=en`);
    expect(await fitsTheScreen(page)).toBe(true);
    // The skip link, the language switch, then the first request type.
    expect(await tab(page)).toBe('Skip to main content');
    expect(await tab(page)).toBe('På norsk');
    expect(await tab(page)).toBe('type-access');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#type-access')).toBe(true);
    // Arrow keys move within the group and choose: access → rectification → erasure → objection.
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('type-objection');
    expect(await page.isChecked('#type-objection')).toBe(true);

    // The objection's own questions come next (the rectification section stays out of the way).
    expect(await tab(page)).toBe('objectionProcessing-direct_marketing');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#objectionProcessing-legitimate_interest')).toBe(true);
    expect(await tab(page)).toBe('field-objectionGrounds');
    await page.keyboard.type('You use my purchase history for profiling.');
    expect(await tab(page)).toBe('field-name');
    await page.keyboard.type('Kim Keyboard');
    expect(await tab(page)).toBe('field-email');
    await page.keyboard.type('kim.keyboard@example.no');
    expect(await tab(page)).toBe('field-phone');
    expect(await tab(page)).toBe('field-customerNumber');
    expect(await tab(page)).toBe('field-text');
    // The hidden bot trap is skipped; "I am asking for someone else" and its fields come last, then the send button.
    for (const stop of [
      'field-onBehalf',
      'field-representativeName',
      'field-representativeEmail',
      'relationship-parent_guardian',
      'field-coversAnswer',
      'field-authorityDocument',
      'Send the request',
    ]) {
      expect(await tab(page)).toBe(stop);
    }
    await pressAndLoad(page, 'Enter');
    await expect(page.locator('h1').textContent()).resolves.toBe('Check your e-mail');
    expect(await fitsTheScreen(page)).toBe(true);

    expect(await caseFor('kim.keyboard@example.no')).toMatchObject({
      type: 'objection',
      channel: 'web',
      language: 'en',
      details: { processing: 'legitimate_interest', grounds: 'You use my purchase history for profiling.' },
    });
    await page.close();
  });

  it('puts the keyboard on the error summary after a failed submit, and its link on the field to fix', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    for (const expected of ['Gå til hovedinnholdet', 'In English', 'type-access']) expect(await tab(page)).toBe(expected);
    await page.keyboard.press('Space');
    for (const expected of ['field-name', 'field-email']) expect(await tab(page)).toBe(expected);
    await page.keyboard.type('ikke-en-adresse');
    await pressAndLoad(page, 'Enter');

    await expect(page.title()).resolves.toMatch(/^Feil: /);
    expect(await fitsTheScreen(page)).toBe(true);
    // The summary takes the focus (autofocus, works without scripts), so the next Tab is its first link.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    const link = await tab(page);
    expect(link).toContain('Skriv en gyldig e-postadresse');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('field-email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('rettet@example.no');
    await pressAndLoad(page, 'Enter');
    await expect(page.locator('h1').textContent()).resolves.toBe('Sjekk e-posten din');
    expect(await caseFor('rettet@example.no')).toMatchObject({ type: 'access', language: 'nb' });
    await page.close();
  });
});
