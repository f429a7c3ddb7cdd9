import { JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues, queueOf, relayed } from '../support/queues';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { openForm, pageText, postForm, postJson } from './intake-helpers';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** VERIFICATION_TTL_DAYS and VERIFICATION_REMINDER_DAYS set the jobs, the e-mails and the pages. */
describe('a configured verification period (VERIFICATION_TTL_DAYS=2, VERIFICATION_REMINDER_DAYS=1)', () => {
  const start = new Date('2026-03-10T09:00:00+01:00');
  const clock = new FixedClock(start);
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({
      clock,
      env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000', VERIFICATION_TTL_DAYS: '2', VERIFICATION_REMINDER_DAYS: '1' },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  it('schedules reminder and expiry by the setting and states the shorter validity in every message', async () => {
    const { reference } = await (await postJson(`${stack.url}/api/v1/requests`, { type: 'erasure', email: 'kort@example.no' })).json();
    const [{ id: caseId }] = await stack.dataSource.query('SELECT id FROM cases WHERE reference = $1', [reference]);
    const queue = queueOf(stack.context, QueueName.Intake);
    await relayed(stack.context);

    // Delays are counted on the fixed clock, so they are exact.
    const expiry = await queue.getJob(jobIds.verificationExpiry(caseId));
    const reminder = await queue.getJob(jobIds.verificationReminder(caseId));
    expect(expiry).toMatchObject({ name: JobName.VerificationExpiry, delay: 2 * DAY });
    expect(reminder).toMatchObject({ name: JobName.VerificationReminder, delay: 1 * DAY });

    const verification = await smtp.waitFor((mail) => mail.subject === `Bekreft forespørselen din (${reference})`);
    expect(verification.text).toContain('Lenken virker én gang og gjelder til 12. mars 2026.');

    clock.set(new Date(start.getTime() + DAY + HOUR));
    await reminder!.promote();
    const reminded = await smtp.waitFor((mail) => mail.subject === `Påminnelse: bekreft forespørselen din (${reference})`);
    expect(reminded.text).toContain('Bekreft e-postadressen din innen 12. mars 2026.');

    clock.set(new Date(start.getTime() + 2 * DAY + HOUR));
    await expiry!.promote();
    const closure = await smtp.waitFor((mail) => mail.subject === `Forespørselen din er lukket (${reference})`);
    expect(closure.text).toContain('ble ikke bekreftet innen 12. mars 2026');
    await drainQueues(stack.context);
    expect((await stack.dataSource.query('SELECT status, rejection_code FROM cases WHERE id = $1', [caseId]))[0]).toEqual({
      status: 'rejected',
      rejection_code: 'unverified',
    });
  });

  it('tells the person on the form how many days the link works', async () => {
    clock.set(start);
    const form = await openForm(stack.url, '/?lang=en');
    const fields = { _csrf: form.csrf, idempotencyKey: form.key, lang: 'en', type: 'access', email: 'form-kort@example.no' };
    const sent = await postForm(stack.url, form.cookies, fields, '/?lang=en');
    expect(sent.status).toBe(200);
    expect(pageText(await sent.text())).toContain('Open it to confirm the request. It works for 2 days.');
  });
});
