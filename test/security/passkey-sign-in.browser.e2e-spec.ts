import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../support/free-port';
import { SmtpCapture } from '../support/smtp-capture';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue #15: staff passkeys, proven in Chromium with the DevTools Protocol's virtual
 * authenticator (CTAP2, built in, resident keys, user verification that succeeds). WebAuthn
 * needs a secure context: the app's PUBLIC_URL (the RP ID and origin) is http://localhost:<port>,
 * and the browser opens that same origin.
 */
describe('passkey sign-in in a real browser', () => {
  let stack: TestApp;
  let browser: Browser;
  let origin: string;
  const smtp = new SmtpCapture();

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    stack = await startTestApp({ port, env: { PUBLIC_URL: origin, SMTP_URL: await smtp.start(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      // The app listens on 127.0.0.1: localhost must not be tried on ::1 first.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP localhost 127.0.0.1'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp.stop();
  });

  /** A browser context with one virtual platform authenticator, as a laptop's fingerprint reader. */
  async function withAuthenticator(): Promise<{ context: BrowserContext; page: Page; refusals: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return { context, page, refusals };
  }

  async function signInWithPassword(page: Page): Promise<void> {
    await page.goto(`${origin}/staff/login`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await Promise.all([page.waitForURL(/\/staff(\?|$|\/)/), page.press('#password', 'Enter')]);
  }

  async function signOut(page: Page): Promise<void> {
    await Promise.all([page.waitForURL(/\/staff\/login\?signedOut=1/), page.getByRole('button', { name: 'Logg ut', exact: true }).click()]);
  }

  it('registers a passkey on the account page, signs in with it alone, and refuses it once removed', async () => {
    const { context, page, refusals } = await withAuthenticator();

    await signInWithPassword(page);
    await page.goto(`${origin}/staff/account`);
    await page.getByText('Du har ingen passnøkler ennå.').waitFor();
    await page.fill('#passkey-name', 'Jobb-PC');
    await Promise.all([page.waitForURL(/done=passkey-added/), page.getByRole('button', { name: 'Legg til passnøkkel' }).click()]);
    await page.getByText('Passnøkkelen er lagt til.').waitFor();
    const row = page.locator('tr[data-passkey="Jobb-PC"]');
    expect(await row.locator('td').nth(0).innerText()).toBe('Jobb-PC');
    expect(await row.locator('td').nth(2).innerText()).toBe('Aldri');
    const added = await smtp.waitFor((mail) => mail.to.includes(TEST_ADMIN.email) && mail.subject.includes('Ny passnøkkel'));
    expect(added.text).toContain('En passnøkkel med navnet «Jobb-PC» er lagt til på kontoen din');
    expect(added.text).not.toContain('A passkey named');

    // Signed out, the passkey alone signs in: no e-mail, no password.
    await signOut(page);
    await Promise.all([page.waitForURL(`${origin}/staff`), page.getByRole('button', { name: 'Logg inn med passnøkkel' }).click()]);
    await page.getByRole('link', { name: /admin/i }).first().waitFor();
    await page.goto(`${origin}/staff/account`);
    // Last used: now, in words and company time, with the instant in <time datetime>.
    expect(await row.locator('td').nth(2).innerText()).toMatch(/^\d{1,2}\. \p{L}+\.? \d{4} kl\. \d{2}:\d{2}$/u);
    expect(Date.now() - Date.parse((await row.locator('td').nth(2).locator('time').getAttribute('datetime')) ?? '')).toBeLessThan(10 * 60_000);

    // Just signed in: removing needs no password.
    expect(await row.locator('input[type=password]').count()).toBe(0);
    await Promise.all([page.waitForURL(/done=passkey-removed/), row.getByRole('button', { name: 'Fjern Jobb-PC' }).click()]);
    await page.getByText('Passnøkkelen er fjernet.').waitFor();
    await page.getByText('Du har ingen passnøkler ennå.').waitFor();
    const removed = await smtp.waitFor((mail) => mail.to.includes(TEST_ADMIN.email) && mail.subject.includes('Passnøkkel fjernet'));
    expect(removed.text).toContain('Passnøkkelen «Jobb-PC» er fjernet fra kontoen din');

    // The authenticator still holds the key, but the service no longer knows it.
    await signOut(page);
    await page.getByRole('button', { name: 'Logg inn med passnøkkel' }).click();
    const problem = page.locator('[data-passkey-sign-in] [role=alert]');
    await problem.waitFor({ state: 'visible' });
    expect(await problem.innerText()).toBe(
      'Denne passnøkkelen er ikke registrert her (den kan være fjernet). Logg inn med passord, eller bruk en annen passnøkkel.',
    );
    expect(page.url()).toBe(`${origin}/staff/login?signedOut=1`);
    expect((await page.goto(`${origin}/staff`))!.url()).toMatch(/\/staff\/login/);

    const events = await stack.dataSource.query(`SELECT type FROM audit_events WHERE type LIKE 'staff.passkey_%' ORDER BY id`);
    expect(events.map((event: { type: string }) => event.type)).toEqual(['staff.passkey_added', 'staff.passkey_used', 'staff.passkey_removed']);
    expect(refusals).toEqual([]);
    await context.close();
  });
});
