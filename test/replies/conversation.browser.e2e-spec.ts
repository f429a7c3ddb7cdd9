import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ImapMailbox } from '../simulators/imap/imap-mailbox';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/**
 * In Debian's Chromium against the real stack, with the worker's own mailbox poll (a BullMQ job
 * scheduler, every second here): a handler asks the requester for information, the requester's
 * e-mailed reply arrives in the IMAP mailbox, and the case page shows it in the conversation with
 * its attachment, the clock running again.
 */
describe('an e-mailed reply on the case page', () => {
  const smtp = new SmtpCapture();
  const imap = new ImapMailbox();
  let stack: TestApp;
  let browser: Browser;
  let reference: string;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestApp({
      env: { SMTP_URL: await smtp.start(), INBOUND_IMAP_URL: await imap.start(), INBOUND_POLL_SECONDS: '1', REPLY_ADDRESS: 'personvern@firma.no' },
    });
    const created = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await adminAuth(stack.url)) },
      body: JSON.stringify({
        type: 'access',
        channel: 'email',
        receivedAt: new Date().toISOString(),
        subject: { email: 'kari.nordmann@example.no', name: 'Kari Nordmann' },
        identityVerified: { method: 'known e-mail' },
      }),
    });
    reference = (await created.json()).reference;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await smtp.stop();
    await imap.stop();
  });

  const navigate = async (page: Page, action: () => Promise<unknown>) => {
    await Promise.all([page.waitForNavigation(), action()]);
  };

  it('shows the reply with its attachment in the conversation, and the clock resumed', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    await page.goto(`${stack.url}/staff/login`);
    await page.fill('#email', TEST_ADMIN.email);
    await page.fill('#password', TEST_ADMIN.password);
    await navigate(page, () => page.press('#password', 'Enter'));
    await page.goto(`${stack.url}/staff/cases/${reference}`);

    const question = 'Hvilken av de to kundekontoene gjelder henvendelsen?';
    await page.fill('#requestInformation-message', question);
    await navigate(page, () => page.click('[data-testid="request-information"] button'));
    await page.waitForSelector('text=Klokken står siden');

    const request = await smtp.waitFor((mail) => mail.subject === `Vi trenger mer informasjon (${reference})`);
    const replyTo = request.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^personvern\+[0-9a-f]{32}@firma\.no$/);
    await imap.deliver({
      from: 'Kari Nordmann <kari.nordmann@example.no>',
      to: replyTo,
      subject: `Re: Vi trenger mer informasjon (${reference})`,
      inReplyTo: request.messageId,
      text: 'Det gjelder kontoen med kundenummer 4471.',
      attachments: [{ filename: 'kundeavtale.txt', content: 'Kundeavtale nr. 4471' }],
    });

    // The worker polls the mailbox on its own and then resumes the clock; the handler reloads the
    // page until both show (or the assertions below fail).
    const conversation = page.locator('[data-testid="conversation"]');
    for (let attempt = 0; attempt < 60 && !(await conversation.innerText()).includes('Svaret startet klokken igjen.'); attempt += 1) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    const messages = conversation.locator('li[data-direction]');
    // The receipt, the question, the reply.
    expect(await messages.evaluateAll((items) => items.map((item) => item.getAttribute('data-direction')))).toEqual(['out', 'out', 'in']);
    expect(await messages.nth(1).innerText()).toContain(question);
    const reply = await messages.nth(2).innerText();
    expect(reply).toContain('Fra kari.nordmann@example.no');
    expect(reply).toContain('Det gjelder kontoen med kundenummer 4471.');
    expect(reply).toContain('Svaret startet klokken igjen.');
    expect(await page.locator('body').innerText()).not.toContain('Klokken står siden');

    const [download] = await Promise.all([page.waitForEvent('download'), messages.nth(2).locator('a:text("kundeavtale.txt")').click()]);
    expect(download.suggestedFilename()).toBe('kundeavtale.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toBe('Kundeavtale nr. 4471');

    const notice = await smtp.waitFor((mail) => mail.subject === `${reference}: svar fra den registrerte`);
    expect(notice.text).toContain(`/staff/cases/${reference}#conversation`);
    await conversation.screenshot({ path: join(ARTIFACTS, 'reply-conversation.png') });
  });
});
