import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
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

  it('submits a rectification in Norwegian with the keyboard, creates the case and sends the e-mail', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('nb');
    await page.screenshot({ path: join(ARTIFACTS, 'intake-form-nb.png'), fullPage: true });
    await page.getByLabel('Rette opplysninger om meg').check();
    await page.getByLabel('Hva er feil?').fill('Adressen min');
    await page.getByLabel('Hva er riktig?').fill('Storgata 1, 0155 Oslo');
    await page.getByLabel('Navn (valgfritt)').fill('Kari Nordmann');
    await page.getByLabel('E-postadresse').fill('kari.browser@example.no');
    await page.getByLabel('E-postadresse').press('Enter');
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
    await expect(page.locator('#current-step').textContent()).resolves.toBe('Vi går gjennom systemene der vi kan ha opplysninger om deg.');
    await page.close();
  });

  it('switches to English, keeps the input and explains each problem, then accepts the corrected form', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS, 'intake-form-en.png'), fullPage: true });

    await page.getByLabel('Object to how my data is used').check();
    await page.getByLabel('Name (optional)').fill('John Smith');
    await page.getByLabel('E-mail address').fill('john.smith(at)example.com');
    await page.getByRole('button', { name: 'Send the request' }).click();

    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.error-summary');
    await expect(summary.textContent()).resolves.toContain('Enter a valid e-mail address, like name@example.com');
    await expect(summary.textContent()).resolves.toContain('Choose what you object to');
    await expect(page.locator('#field-email-error').textContent()).resolves.toContain('Enter a valid e-mail address');
    await expect(page.getByLabel('E-mail address').inputValue()).resolves.toBe('john.smith(at)example.com');
    await expect(page.getByLabel('Name (optional)').inputValue()).resolves.toBe('John Smith');
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
});
