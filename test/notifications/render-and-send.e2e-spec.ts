import type { Job } from 'bullmq';
import { EmailProcessor } from '../../src/notifications/email.processor';
import { JobName, QueueName } from '../../src/queues/queue-catalogue';
import { queueOf } from '../support/queues';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { waitUntil } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';

interface OutboxRow {
  id: string;
  dedupe_key: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  case_id: string;
}

/** A requester e-mail is composed, stored and sent by one `render-email` job; a `send-email` job
 *  is queued only when that delivery fails; neither a refusal nor a retried job sends twice. */
describe('e-mail: render and send in one job', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    // Only the requesters' e-mails: no owner is asked to preserve anything at receipt.
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const emailJobs = async () => queueOf(stack.context, QueueName.Email).getJobs(['completed', 'failed', 'waiting', 'delayed', 'active', 'prioritized']);
  const jobsFor = async (name: JobName, outboundEmailId: string, dedupeKey: string) =>
    (await emailJobs()).filter((job) => job.name === name && (job.data.outboundEmailId === outboundEmailId || job.data.dedupeKey === dedupeKey));
  const rowTo = async (email: string): Promise<OutboxRow | undefined> =>
    (
      (await stack.dataSource.query(`SELECT id, dedupe_key, status, attempts, last_error, message_id, case_id FROM outbound_emails WHERE to_address = $1`, [
        email,
      ])) as OutboxRow[]
    )[0];
  const request = async (email: string) => {
    const response = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'access', email, language: 'en' }),
    });
    expect(response.status).toBe(202);
  };
  const sentRow = async (email: string) => {
    await waitUntil(async () => (await rowTo(email))?.status === 'sent', 60_000, `the e-mail to ${email} recorded as sent`);
    return (await rowTo(email))!;
  };

  it('sends the verification e-mail from the render job alone, and a retry of that job sends nothing', async () => {
    const email = 'one-job@example.no';
    await request(email);
    const mail = await smtp.waitFor((message) => message.to.includes(email));
    const row = await sentRow(email);
    expect(row).toMatchObject({ attempts: 1, last_error: null, message_id: `<${row.id}@dsr-engine>` });
    expect(mail.messageId).toBe(`<${row.id}@dsr-engine>`);
    const [render] = await jobsFor(JobName.RenderEmail, row.id, row.dedupe_key);
    await waitUntil(async () => (await render.getState()) === 'completed', 20_000, 'the render job to complete');
    expect((await jobsFor(JobName.RenderEmail, row.id, row.dedupe_key)).map((job) => job.returnvalue)).toEqual(['sent']);
    expect(await jobsFor(JobName.SendEmail, row.id, row.dedupe_key)).toEqual([]);
    const audit = await stack.dataSource.query(`SELECT data FROM audit_events WHERE case_id = $1 AND type = 'email.sent'`, [row.case_id]);
    expect(audit).toEqual([{ data: { kind: 'requester-verification', outboundEmailId: row.id } }]);

    // The same job again, as BullMQ would run it after a worker died before marking it done.
    const again = (await queueOf(stack.context, QueueName.Email).getJob(render.id!)) as Job;
    expect(await stack.context.get(EmailProcessor, { strict: false }).process(again)).toBe('finished-before');
    expect(smtp.to(email)).toHaveLength(1);
    expect(await jobsFor(JobName.SendEmail, row.id, row.dedupe_key)).toEqual([]);
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND type = 'email.sent'`, [row.case_id])).toEqual([
      { n: 1 },
    ]);
  }, 90_000);

  it('hands a message the relay refused to a send-email job, which delivers it exactly once', async () => {
    const email = 'refused-once@example.no';
    smtp.refuse = true;
    await request(email);
    await waitUntil(async () => Boolean((await rowTo(email))?.last_error), 30_000, 'the first delivery refused');
    smtp.refuse = false;
    expect((await rowTo(email))?.last_error).toBe('delivery failed (451)');

    await smtp.waitFor((message) => message.to.includes(email), 60_000);
    const row = await sentRow(email);
    expect(row.last_error).toBeNull();
    const [render] = await jobsFor(JobName.RenderEmail, row.id, row.dedupe_key);
    await waitUntil(async () => (await render.getState()) === 'completed', 20_000, 'the render job to complete');
    expect((await jobsFor(JobName.RenderEmail, row.id, row.dedupe_key)).map((job) => job.returnvalue)).toEqual(['queued']);
    const sends = await jobsFor(JobName.SendEmail, row.id, row.dedupe_key);
    expect(sends).toHaveLength(1);
    await waitUntil(async () => (await sends[0].getState()) === 'completed', 20_000, 'the send job to complete');
    expect(smtp.to(email)).toHaveLength(1);
    expect(await stack.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1 AND type = 'email.sent'`, [row.case_id])).toEqual([
      { n: 1 },
    ]);
  }, 120_000);
});
