import { randomBytes } from 'node:crypto';
import { ReplyMailbox } from '../../src/replies/reply-mailbox';
import { pageText, postJson } from '../intake/intake-helpers';
import { ImapMailbox } from '../simulators/imap/imap-mailbox';
import { SessionClient, signedInStaff } from '../staff-ui/staff-session-client';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const DAY = 24 * 60 * 60_000;
const REPLY_ADDRESS = 'personvern@firma.no';

/**
 * Replies by e-mail, end to end: requester e-mails carry the case's reply address; a reply dropped
 * into a real IMAP mailbox is read by the engine, attached to its case with its attachment (an
 * oversized one listed as skipped), resumes the paused clock (the deadline moves by the days
 * waited) and the handler is e-mailed. Reading again attaches nothing twice; a reply from another
 * address is flagged and resumes nothing; an unknown token is left for a person.
 */
describe('replies by e-mail', () => {
  // Received Thursday 5 March 2026.
  const clock = new FixedClock(new Date('2026-03-05T10:00:00+01:00'));
  const smtp = new SmtpCapture();
  const imap = new ImapMailbox();
  let stack: TestApp;
  let auth: { Authorization: string };
  let poll: () => Promise<{ unread: number; attached: number; unmatched: number; duplicate: number }>;

  beforeAll(async () => {
    const imapUrl = await imap.start();
    stack = await startTestApp({
      clock,
      env: {
        SMTP_URL: await smtp.start(),
        INBOUND_IMAP_URL: imapUrl,
        INBOUND_IMAP_UNMATCHED_FOLDER: 'Unmatched',
        REPLY_ADDRESS,
        REPLY_ATTACHMENT_MAX_KB: '40',
      },
    });
    auth = await adminAuth(stack.url);
    const mailbox = stack.context.get(ReplyMailbox);
    poll = () => mailbox.poll();
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
    await imap.stop();
  });

  const register = async (email: string): Promise<string> => {
    const created = await postJson(
      `${stack.url}/api/v1/cases`,
      { type: 'access', channel: 'email', receivedAt: clock.now().toISOString(), subject: { email }, identityVerified: { method: 'signed letter' } },
      auth,
    );
    expect(created.status).toBe(201);
    return (await created.json()).reference;
  };
  const getCase = async (reference: string) => (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json();
  /** Asks for information (pausing the clock) and returns the e-mail the requester got. */
  const askForInformation = async (reference: string, question: string): Promise<CapturedMail> => {
    const asked = await postJson(`${stack.url}/api/v1/cases/${reference}/request-information`, { message: question }, auth);
    expect(asked.status).toBe(200);
    return smtp.waitFor((mail) => mail.subject === `Vi trenger mer informasjon (${reference})`);
  };
  /** Time passes; the bearer token (TOKEN_TTL_HOURS) is renewed as a client would. */
  const advance = async (ms: number): Promise<void> => {
    clock.advance(ms);
    auth = await adminAuth(stack.url);
  };
  const replyToOf = (mail: CapturedMail): string => mail.parsed.replyTo?.value[0]?.address ?? '';

  it('attaches the requester’s reply with its attachment, resumes the clock and tells the handler; a re-read attaches nothing twice', async () => {
    const reference = await register('kari@example.no');
    const question = 'Which of your two customer accounts is the request about?';
    const request = await askForInformation(reference, question);
    const replyTo = replyToOf(request);
    expect(replyTo).toMatch(/^personvern\+[0-9a-f]{32}@firma\.no$/);
    expect(replyTo).not.toContain(reference);
    const paused = await getCase(reference);
    expect(paused.pause.pausedAt).toBeDefined();

    await advance(3 * DAY);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048)]);
    await imap.deliver({
      from: 'Kari Nordmann <Kari@Example.no>',
      to: replyTo,
      subject: `Re: Vi trenger mer informasjon (${reference})`,
      inReplyTo: request.messageId,
      messageId: '<reply-1@example.no>',
      text: 'It is the account with customer number 4471.',
      attachments: [
        { filename: 'kundeavtale.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'scan-huge.tiff', content: randomBytes(60 * 1024), contentType: 'image/tiff' },
      ],
    });
    expect(await poll()).toEqual({ unread: 1, attached: 1, unmatched: 0, duplicate: 0 });
    expect(imap.messages()[0].flags).toContain('\\Seen');

    // The clock runs again, from the reply: the three days waited are added (the statutory day then
    // rolls over Easter 2026 to the next working day, which the deadline specs cover).
    const resumed = await getCase(reference);
    expect(resumed.pause).toEqual({ pausedDays: 3 });
    expect(resumed.deadlines.statutory > paused.deadlines.statutory).toBe(true);
    expect(resumed.deadlines.promise > paused.deadlines.promise).toBe(true);

    const notice = await smtp.waitFor((mail) => mail.subject === `${reference}: svar fra den registrerte`);
    expect(notice.to).toEqual([TEST_ADMIN.email]);
    expect(notice.text).toContain('Klokken gikk igjen fra svaret kom.');
    expect(notice.text).toContain('1 vedlegg var for store og ble ikke lagret.');
    expect(notice.text).not.toContain('4471');
    expect(notice.parsed.replyTo).toBeUndefined();

    // The case page shows the conversation in order: our question, then the reply with its files.
    const staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const html = await (await staff.get(`/staff/cases/${reference}`)).text();
    const conversation = pageText(html.slice(html.indexOf('data-testid="conversation"')));
    expect(conversation.indexOf(question)).toBeGreaterThan(-1);
    expect(conversation.indexOf('It is the account with customer number 4471.')).toBeGreaterThan(conversation.indexOf(question));
    expect(conversation).toContain('Svaret startet klokken igjen.');
    expect(conversation).toContain('scan-huge.tiff (60 KB) – ikke lagret: større enn grensen per fil');
    const link = /href="(\/staff\/cases\/[^"]+\/replies\/files\/[0-9a-f-]+)"[^>]*>kundeavtale\.pdf</.exec(html)?.[1];
    expect(link).toBeDefined();
    const download = await staff.get(link!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('kundeavtale.pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // Someone marks the message unread again, and the same reply arrives a second time: nothing doubles.
    imap.markUnseen(imap.messages()[0].uid);
    await imap.deliver({
      from: 'kari@example.no',
      to: replyTo,
      subject: 'Re: again',
      messageId: '<reply-1@example.no>',
      text: 'It is the account with customer number 4471.',
    });
    // The first is known by its mailbox UID, the second by its Message-ID.
    expect(await poll()).toEqual({ unread: 2, attached: 0, unmatched: 0, duplicate: 2 });
    const again = pageText(await (await staff.get(`/staff/cases/${reference}`)).text());
    expect(again.split('It is the account with customer number 4471.').length - 1).toBe(1);
    expect((await getCase(reference)).pause).toEqual({ pausedDays: 3 });
  });

  it('attaches a reply from another address flagged, and leaves the clock stopped', async () => {
    const reference = await register('ola@example.no');
    const replyTo = replyToOf(await askForInformation(reference, 'Please send the order number.'));
    await advance(DAY);
    await imap.deliver({
      from: 'someone@elsewhere.example',
      to: replyTo,
      subject: 'Re: your question',
      messageId: '<other-1@elsewhere.example>',
      text: 'Order 991.',
    });
    expect((await poll()).attached).toBe(1);

    expect((await getCase(reference)).pause.pausedAt).toBeDefined();
    const notice = await smtp.waitFor((mail) => mail.subject === `${reference}: svar fra den registrerte`);
    expect(notice.text).toContain('Avsenderen er ikke den registrertes kjente adresse');
    expect(notice.text).toContain('Klokken står fortsatt.');
    const staff = await signedInStaff(stack, 'handler-replies@example.no', 'handler');
    const html = await (await staff.get(`/staff/cases/${reference}`)).text();
    expect(html).toContain('data-flagged="true"');
    expect(pageText(html)).toContain('Avsenderen er ikke den registrertes kjente adresse. Svaret er lagt på saken, men startet ikke klokken igjen');
  });

  it('leaves a message with an unknown token for a person, in the unmatched folder, attached to no case', async () => {
    const reference = await register('per@example.no');
    await askForInformation(reference, 'Which address did you use?');
    const before = imap.messages('Unmatched').length;
    await imap.deliver({ from: 'per@example.no', to: `personvern+${randomBytes(16).toString('hex')}@firma.no`, subject: 'Hello', text: 'Guessing.' });
    expect(await poll()).toMatchObject({ attached: 0, unmatched: 1 });
    expect(imap.messages('Unmatched')).toHaveLength(before + 1);
    expect((await getCase(reference)).pause.pausedAt).toBeDefined();
  });

  it('lets only handlers and admins download a reply attachment (an auditor sees the page, not the file)', async () => {
    const reference = await register('lise@example.no');
    const replyTo = replyToOf(await askForInformation(reference, 'Send the receipt, please.'));
    await imap.deliver({
      from: 'lise@example.no',
      to: replyTo,
      subject: 'Receipt',
      text: 'Here.',
      attachments: [{ filename: 'receipt.txt', content: 'receipt 12' }],
    });
    await poll();
    const admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const link = /href="(\/staff\/cases\/[^"]+\/replies\/files\/[0-9a-f-]+)"/.exec(await (await admin.get(`/staff/cases/${reference}`)).text())?.[1];
    expect(link).toBeDefined();
    const auditor = await signedInStaff(stack, 'auditor-replies@example.no', 'auditor');
    expect((await auditor.get(link!)).status).toBe(403);
    expect((await admin.get(link!.replace(/files\/[0-9a-f-]+$/, `files/${crypto.randomUUID()}`))).status).toBe(404);
  });
});
