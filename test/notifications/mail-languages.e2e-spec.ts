import { postJson } from '../intake/intake-helpers';
import { JobName, QueueName } from '../../src/queues/queue-catalogue';
import { languageLeaks } from '../support/language-leaks';
import { drainQueues, queueOf } from '../support/queues';
import { SmtpCapture, type CapturedMail } from '../support/smtp-capture';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient } from '../staff-ui/staff-session-client';

/**
 * Issue 17, point 3: every e-mail to staff and owners in its reader's language only — the
 * account's setting, nb for an address without an account. Each e-mail is triggered for an nb
 * reader and an en reader over HTTP or the real job, and read back from a real SMTP server.
 */
const NB_HANDLER = 'lang.nb@example.no';
const EN_HANDLER = 'lang.en@example.no';
/** Owners in the shipped data map: kontor@ has no account (nb), it@ has a deactivated English one. */
const NB_OWNER = 'kontor@eksempel.no';
const EN_OWNER = 'it@eksempel.no';

/** Words only the other language uses: their presence means the e-mail is (also) in that language. */
const NORWEGIAN = /\b(?:og|ikke|kontoen|passord|lenken|saker|frist|Datakartet|oppgavene)\b/;
const ENGLISH = /\b(?:the|your|account|password|link|cases|due|data map|tasks)\b/i;

/** What a person reads: subject and body, links left out (their paths are the service's, not prose). */
const prose = (mail: CapturedMail) => `${mail.subject}\n${mail.text}`.replace(/https?:\/\/\S+/g, '');

function expectNorwegianOnly(mail: CapturedMail): void {
  const text = prose(mail);
  expect(languageLeaks(text)).toEqual([]);
  // System names come from the data map as the company wrote them (here in English); the rest is ours.
  expect(text.replace(/Paper archive \(signed contracts\)/g, '')).not.toMatch(ENGLISH);
}

function expectEnglishOnly(mail: CapturedMail): void {
  expect(prose(mail)).not.toMatch(NORWEGIAN);
}

describe("staff and owner e-mails in their reader's language (real app, PostgreSQL, BullMQ, SMTP)", () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start() } });
    const auth = await adminAuth(stack.url);
    for (const email of [NB_HANDLER, EN_HANDLER]) {
      const id = await createStaffUser(stack, email, 'handler');
      // A case each, due within the digest's 7 days (received 28 days ago: a month's deadline).
      const created = await postJson(
        `${stack.url}/api/v1/cases`,
        { type: 'access', channel: 'letter', receivedAt: new Date(Date.now() - 28 * 86_400_000).toISOString(), subject: { name: 'Kari Nordmann' } },
        auth,
      );
      const { reference } = (await created.json()) as { reference: string };
      expect((await postJson(`${stack.url}/api/v1/cases/${reference}/assign`, { userId: id }, auth)).status).toBeLessThan(300);
    }
    await stack.dataSource.query(`UPDATE staff_users SET language = 'en' WHERE email = $1`, [EN_HANDLER]);
    await stack.dataSource.query(
      `INSERT INTO staff_users (email, name, role, password_hash, language, active, must_change_password) VALUES ($1, 'IT', 'owner', 'unused', 'en', false, true)`,
      [EN_OWNER],
    );
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const mailTo = (address: string, subject: RegExp) => smtp.waitFor((mail) => mail.to.includes(address) && subject.test(mail.subject));

  it('the password-reset e-mail follows the account: nb for one, en for the other', async () => {
    const visitor = new SessionClient(stack.url);
    for (const email of [NB_HANDLER, EN_HANDLER]) {
      expect((await visitor.submit('/staff/password-reset', '/staff/password-reset', { email })).status).toBe(200);
    }
    const nb = await mailTo(NB_HANDLER, /^Nytt passord$/);
    expect(nb.text).toContain('Noen har bedt om å sette nytt passord for kontoen din');
    expectNorwegianOnly(nb);
    const en = await mailTo(EN_HANDLER, /^New password$/);
    expect(en.text).toContain('Someone asked to set a new password for your account');
    expectEnglishOnly(en);
  });

  it("the daily digest is in each handler's language, with the deadline as a date in words", async () => {
    await queueOf(stack.context, QueueName.StaffDigest).add(JobName.StaffDigest, {});
    await drainQueues(stack.context);
    const nb = await mailTo(NB_HANDLER, /^Daglig oversikt/);
    expect(nb.subject).toMatch(/^Daglig oversikt \d{1,2}\. [a-zæøå]+ \d{4}: 1 sak \(0 forfalt\)$/);
    expect(nb.text).toMatch(/\(innsyn\) frist \d{1,2}\. [a-zæøå]+ \d{4}: /);
    expect(nb.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expectNorwegianOnly(nb);
    const en = await mailTo(EN_HANDLER, /^Daily digest/);
    expect(en.subject).toMatch(/^Daily digest \d{1,2} [A-Z][a-z]+ \d{4}: 1 case \(0 overdue\)$/);
    expect(en.text).toMatch(/\(access\) due \d{1,2} [A-Z][a-z]+ \d{4}: /);
    expectEnglishOnly(en);
  });

  it("the owner's invitation is in the account's language: nb for a new account, en for an English one", async () => {
    const admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    for (const email of [NB_OWNER, EN_OWNER]) {
      expect((await admin.submit('/staff/systems', '/staff/systems/owners/invite', { email })).status).toBe(303);
    }
    const nb = await mailTo(NB_OWNER, /^Invitasjon/);
    expect(nb.subject).toBe('Invitasjon: systemeier i innsynsløsningen');
    // The systems by their names in the reader's language (the data map gives both).
    expect(nb.text).toContain('Datakartet oppgir deg som systemeier for: Papirarkiv (signerte avtaler).');
    expectNorwegianOnly(nb);
    const en = await mailTo(EN_OWNER, /^Invitation/);
    expect(en.subject).toBe('Invitation: system owner in the request service');
    expect(en.text).toContain('The data map names you as the owner of: Phone system call logs.');
    expectEnglishOnly(en);
  });
});
