import type { Job } from 'bullmq';
import Redis from 'ioredis';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ManualTaskService } from '../../src/connectors/manual/manual-task.service';
import { QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { FixedClock } from '../support/fixed-clock';
import { queueOf } from '../support/queues';
import { waitUntil } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { TEST_ADMIN, adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { api, registration, staffUser, taskOf, waitForCase, type Api, type CaseBody } from './fanout-stack';

const DAY = 24 * 3600 * 1000;

type Mail = { subject: string; text: string };
/** The one e-mail whose subject contains `text`. */
function withSubject<T extends Mail>(mails: T[], text: string): T {
  const matching = mails.filter((mail) => mail.subject.includes(text));
  expect(matching.map((mail) => mail.subject)).toEqual([expect.stringContaining(text)]);
  return matching[0];
}
/** Subjects of e-mails sent at the same moment by separate jobs (arrival order is not promised),
 *  the preservation notice first. */
const subjectsOf = (mails: Mail[]) => mails.map((mail) => mail.subject).sort((a, b) => Number(!/BEVAR|PRESERVE/.test(a)) - Number(!/BEVAR|PRESERVE/.test(b)));
const PHONE_OWNER = 'it@nordicbildeler.example';
const CCTV_OWNER = 'sikkerhet@nordicbildeler.example';
const HANDLER = 'saksbehandler@nordicbildeler.example';

/** The auto-parts wholesaler's own data map (examples/), its systems without an API only. */
function wholesalerManualSystems(): string {
  const map = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'auto-parts-wholesaler.yaml'), 'utf8'));
  map.systems = map.systems.filter((system: { connector: string }) => system.connector === 'manual');
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-wholesaler-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

/**
 * Manual tasks for the phone logs (kept 4 months) and the CCTV (overwritten after 7 days): the owner
 * is reminded every three days, the handler told after a week, or the day before the footage
 * would be overwritten; the CCTV owner is told at once to preserve it. The engine's clock is moved
 * and each follow-up's own delayed job is run.
 */
describe('manual tasks: reminders, escalation, preservation, rebuild', () => {
  const smtp = new SmtpCapture();
  const redis = new Redis(TEST_REDIS_URL);
  const start = Date.now();
  const clock = new FixedClock(new Date(start));
  let stack: TestApp;
  let auth: { Authorization: string };
  let client: Api;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: wholesalerManualSystems() } });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
    redis.disconnect();
  });

  const fanout = () => queueOf(stack.context, QueueName.Fanout);
  const moveClockTo = async (offsetMs: number) => {
    clock.set(new Date(start + offsetMs));
    auth = await adminAuth(stack.url);
  };
  /** Runs a follow-up's delayed job now and waits until a worker has handled it (re-armed as
   *  delayed, or finished: completed jobs are removed). */
  const runJob = async (jobId: string) => {
    const job = (await fanout().getJob(jobId)) as Job;
    expect(await job.getState()).toBe('delayed');
    const before = job.processedOn ?? 0;
    await job.promote();
    await waitUntil(
      async () => {
        const now = (await fanout().getJob(jobId)) as Job | undefined;
        return !now || ((now.processedOn ?? 0) > before && ['delayed', 'completed'].includes(await now.getState()));
      },
      20_000,
      `job ${jobId}`,
    );
    await outboxSettled();
  };
  const outboxSettled = () =>
    waitUntil(
      async () => (await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbound_emails WHERE status <> 'sent'`))[0].n === 0,
      20_000,
      'the outbox',
    );
  const mailsTo = (address: string, reference: string) => smtp.to(address).filter((mail) => mail.subject.includes(reference));
  const openAccessCase = async (person: { email: string; name: string }) => {
    const response = await client.post('/api/v1/cases', registration('access', person));
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    const body = await waitForCase(client, reference, (current) => current.tasks.length === 2 && current.tasks.every((task) => task.status === 'manual'));
    await outboxSettled();
    return body;
  };

  let assigned: CaseBody;
  let unassigned: CaseBody;

  it('asked the CCTV and phone-log owners to preserve at receipt; the task e-mails refer to that instead of repeating it', async () => {
    await staffUser(stack, HANDLER, 'handler');
    // E-mails follow each reader's own language: the handler and the CCTV owner have English
    // accounts; the phone-log owner has no account (the company's language, nb); the admin is nb.
    await stack.dataSource.query(`UPDATE staff_users SET language = 'en' WHERE email = $1`, [HANDLER]);
    await stack.dataSource.query(`INSERT INTO staff_users (email, name, role, password_hash, language) VALUES ($1, $1, 'owner', 'unused', 'en')`, [CCTV_OWNER]);
    const [handler] = await stack.dataSource.query('SELECT id FROM staff_users WHERE email = $1', [HANDLER]);
    assigned = await openAccessCase({ email: 'ola.kunde@example.no', name: 'Ola Kunde' });
    expect((await client.post(`/api/v1/cases/${assigned.reference}/assign`, { userId: handler.id })).status).toBe(200);
    unassigned = await openAccessCase({ email: 'kari.kunde@example.no', name: 'Kari Kunde' });

    // No dates given: everything held at receipt is at stake (test/preservation has the dates).
    // The notice and the task e-mail are sent by separate jobs, so either may arrive first.
    const cctvMails = mailsTo(CCTV_OWNER, assigned.reference);
    expect(cctvMails).toHaveLength(2);
    const cctvNotice = withSubject(cctvMails, 'PRESERVE NOW');
    const cctvTask = withSubject(cctvMails, 'Task:');
    expect(cctvNotice.subject).toContain('PRESERVE NOW: CCTV at the warehouse and shop counter');
    expect(cctvNotice.text).toContain('"CCTV at the warehouse and shop counter" deletes or overwrites data after 7 days');
    expect(cctvTask.subject).toContain('Task: CCTV at the warehouse and shop counter (access)');
    expect(cctvTask.subject).not.toContain('PRESERVE');
    expect(cctvTask.text).toContain('(separate e-mail) to preserve the records from');
    const phoneMails = mailsTo(PHONE_OWNER, assigned.reference);
    expect(subjectsOf(phoneMails)).toEqual([
      expect.stringContaining('BEVAR NÅ: Samtalelogg i telefonsystemet'),
      expect.stringContaining('Oppgave: Samtalelogg i telefonsystemet (innsyn)'),
    ]);
  }, 60_000);

  it('reminds the owner after 3 and 6 days and escalates to the assignee after 7, the CCTV task a day before the footage is gone', async () => {
    const phone = taskOf(assigned, 'phone-logs');
    const cctv = taskOf(assigned, 'cctv');

    await moveClockTo(3 * DAY + 60_000);
    await runJob(jobIds.manualReminder(phone.id));
    expect(subjectsOf(mailsTo(PHONE_OWNER, assigned.reference).slice(0, 2))).toEqual([expect.stringContaining('BEVAR NÅ'), expect.stringContaining('Oppgave')]);
    expect(mailsTo(PHONE_OWNER, assigned.reference)[2].subject).toContain('Påminnelse: Samtalelogg i telefonsystemet');
    expect(mailsTo(PHONE_OWNER, assigned.reference)[2].text).toContain('Påminnelse 1:');
    await runJob(jobIds.manualEscalation(cctv.id));
    expect(mailsTo(HANDLER, assigned.reference)).toEqual([]);

    await moveClockTo(6 * DAY + 60_000);
    await runJob(jobIds.manualReminder(phone.id));
    expect(mailsTo(PHONE_OWNER, assigned.reference)).toHaveLength(4);
    expect(mailsTo(PHONE_OWNER, assigned.reference)[3].text).toContain('Påminnelse 2:');
    await runJob(jobIds.manualEscalation(phone.id));
    await runJob(jobIds.manualEscalation(cctv.id));
    const [cctvEscalation, ...others] = mailsTo(HANDLER, assigned.reference);
    expect(others).toEqual([]);
    expect(cctvEscalation.subject).toContain('Escalated: CCTV at the warehouse and shop counter');
    expect(cctvEscalation.text).toContain('has waited for sikkerhet@nordicbildeler.example for 6 days');
    expect(cctvEscalation.text).toContain('Routine deletion (after 7 days) removes the data on');

    await moveClockTo(7 * DAY + 60_000);
    await runJob(jobIds.manualEscalation(phone.id));
    const escalations = mailsTo(HANDLER, assigned.reference);
    expect(escalations).toHaveLength(2);
    expect(escalations[1].subject).toContain('Escalated: Phone system call logs');
    expect(escalations[1].text).toContain('for 7 days');
    const audit = (await (await client.get(`/api/v1/cases/${assigned.reference}/audit`)).json()).items as Array<{ type: string }>;
    expect(audit.filter((event) => event.type === 'task.escalated')).toHaveLength(2);
  }, 90_000);

  it('escalates an unassigned case to the first admin', async () => {
    await runJob(jobIds.manualEscalation(taskOf(unassigned, 'phone-logs').id));
    const [mail] = mailsTo(TEST_ADMIN.email, unassigned.reference).filter((candidate) => candidate.subject.includes('Samtalelogg i telefonsystemet'));
    expect(mail.subject).toContain('Eskalert: Samtalelogg i telefonsystemet');
    expect(mail.text).toContain('har ventet på it@nordicbildeler.example i 7 dager');
  }, 60_000);

  it('sends nothing once the outcome is recorded', async () => {
    const phone = taskOf(assigned, 'phone-logs');
    const recorded = await client.post(`/api/v1/cases/${assigned.reference}/tasks/${phone.id}/outcome`, {
      status: 'not_found',
      summary: 'No calls from that number in the log.',
    });
    expect(recorded.status).toBe(200);
    const before = mailsTo(PHONE_OWNER, assigned.reference).length;
    await moveClockTo(9 * DAY + 60_000);
    await runJob(jobIds.manualReminder(phone.id));
    expect(mailsTo(PHONE_OWNER, assigned.reference)).toHaveLength(before);
    expect(
      await fanout()
        .getJob(jobIds.manualReminder(phone.id))
        .then((job) => job?.getState()),
    ).not.toBe('delayed');
  }, 60_000);

  it('rebuilds the reminder and escalation jobs from PostgreSQL after Redis loses them', async () => {
    const cctv = taskOf(unassigned, 'cctv');
    const done = taskOf(assigned, 'phone-logs');
    const ids = [jobIds.manualReminder(cctv.id), jobIds.manualEscalation(cctv.id), jobIds.manualReminder(done.id)];
    // Every key under this stack's prefix goes (never FLUSHALL: other test files share the server).
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${stack.config.QUEUE_PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    for (const id of ids) expect(await fanout().getJob(id)).toBeUndefined();

    await stack.context.get(ManualTaskService).rebuild();
    expect(await (await fanout().getJob(ids[0]))!.getState()).toBe('delayed');
    // Its escalation is overdue (the clock is 9 days on): rebuilt to run at once, it goes out once.
    await waitUntil(
      // The admin reads Norwegian: the system by its nb name.
      async () => mailsTo(TEST_ADMIN.email, unassigned.reference).some((mail) => mail.subject.includes('Kameraovervåking på lageret')),
      20_000,
      'the rebuilt escalation',
    );
    expect(await fanout().getJob(ids[2])).toBeUndefined();
  }, 60_000);
});
