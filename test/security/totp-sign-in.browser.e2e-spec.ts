import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app';
import { createStaffUser, STAFF_PASSWORD } from '../staff-ui/staff-session-client';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

/**
 * Issue #15 point 2, done-when: "a browser test enrols TOTP and signs in with a code". In Chromium:
 * sign in, open My account, set up an authenticator by reading the key the page shows (the QR code
 * is an inline SVG the CSP lets through), confirm with a code computed here as an app would, keep
 * the recovery codes, sign out, then sign in with the password and a fresh code.
 */
describe('TOTP enrolment and sign-in in the browser', () => {
  let stack: TestApp;
  let browser: Browser;
  const email = 'browser.totp@example.no';

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestApp();
    await createStaffUser(stack, email, 'handler');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** The code an authenticator app shows for `secret`, `stepsAhead` time steps from now (±1 is accepted). */
  const codeFor = (secret: string, stepsAhead = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });

  it('enrols with the key on the page, then signs in with the password and a code', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 1400 } })).newPage();
    const cspRefusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspRefusals.push(message.text());
    });

    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', email);
    await page.fill('#password', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/staff(\?|$|\/)/), page.press('#password', 'Enter')]);

    await page.goto(`${stack.url}/staff/account`);
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Sett opp autentiseringsapp' }).click()]);
    const qr = page.getByTestId('totp-qr').locator('svg');
    await qr.waitFor();
    const box = await qr.boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: join(ARTIFACTS, 'totp-enrolment.png'), fullPage: true });

    await page.fill('#totp-code', codeFor(secret));
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Bekreft og slå på' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Tofaktorautentisering er slått på.');
    const recoveryCodes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await page.screenshot({ path: join(ARTIFACTS, 'totp-recovery-codes.png'), fullPage: true });

    await Promise.all([page.waitForURL(/\/staff\/login/), page.getByRole('button', { name: 'Logg ut', exact: true }).click()]);

    await page.fill('#email', email);
    await page.fill('#password', STAFF_PASSWORD);
    await Promise.all([page.waitForURL(/\/staff\/login\/code$/), page.press('#password', 'Enter')]);
    await page.screenshot({ path: join(ARTIFACTS, 'totp-code-step.png'), fullPage: true });
    // The code of the next time step: the one used to confirm may still be current and is spent.
    await page.fill('#code', codeFor(secret, 1));
    await Promise.all([page.waitForURL(/\/staff$/), page.press('#code', 'Enter')]);
    expect(await page.locator('a.who').textContent()).toContain(email.split('@')[0]);
    await page.screenshot({ path: join(ARTIFACTS, 'totp-signed-in.png'), fullPage: true });
    expect(cspRefusals).toEqual([]);
  });
});
