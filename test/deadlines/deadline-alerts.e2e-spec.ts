import Redis from 'ioredis';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { FixedClock } from '../support/fixed-clock';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { drainQueues, queueOf, relayed } from '../support/queues';

/** A re-armed job's delay is measured at the moment it moved, a few ms after our fixed 'now'. */
const roundToSecond = (ms: number) => Math.round(ms / 1000) * 1000;

describe('deadline alerts in BullMQ (real Redis, PostgreSQL and SMTP)', () => {
  // 10 March 2026, 09:00 Oslo. Alerts fire at 08:00 Oslo on their day.
  const clock = new FixedClock(new Date('2026-03-10T09:00:00+01:00'));
  const smtp = new SmtpCapture();
  let stack: TestApp;
  let auth: { Authorization: string };

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    stack = await startTestApp({
      clock,
      env: { SMTP_URL: smtpUrl, STAFF_ALERT_EMAIL: 'personvern@example.no', SYSTEMS_FILE: dataMapWithoutRoutineDeletion() },
    });
    auth = await adminAuth(stack.url);
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const post = async (path: string, body: unknown) =>
    fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify(body) });
  const deadlinesQueue = () => queueOf(stack.context, QueueName.Deadlines);

  async function alertJobs(caseId: string) {
    const jobs = await deadlinesQueue().getJobs(['delayed', 'waiting', 'active', 'prioritized']);
    return Object.fromEntries(
      jobs
        .filter((job) => job.id === `case-${caseId}-alert`)
        // BullMQ runs on the host clock; the delay is measured from our (fixed) clock.
        .map((job) => [job.id, new Date(clock.now().getTime() + roundToSecond(job.delay ?? job.opts.delay ?? 0)).toISOString()]),
    );
  }

  async function waitForDelayedAgain(jobId: string): Promise<void> {
    for (let i = 0; i < 100; i += 1) {
      const job = await deadlinesQueue().getJob(jobId);
      if (job && (await job.getState()) === 'delayed' && (job.delay ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${jobId} was not re-armed`);
  }

  async function register(receivedAt: string) {
    const response = await post('/api/v1/cases', {
      type: 'access',
      channel: 'email',
      receivedAt,
      subject: { email: 'per@example.no', name: 'Per Olsen' },
    });
    expect(response.status).toBe(201);
    // The alert job is staged with the case; the relay moves it to BullMQ a moment later.
    await relayed(stack.context);
    return response.json();
  }

  it('keeps one alert job per case, delayed to its next alert at 08:00 Oslo, with a deterministic id', async () => {
    // Received 9 March → promise 8 April, statutory 9 April → effective 8 April (Wednesday).
    const created = await register('2026-03-09T10:00:00+01:00');
    expect(created.deadlines.effective).toBe('2026-04-08');
    expect(await alertJobs(created.id)).toEqual({ [`case-${created.id}-alert`]: '2026-04-01T06:00:00.000Z' });
  });

  it('walks the alerts 7 days, 2 days, on the day and daily overdue, re-arming the same job', async () => {
    const created = await register('2026-03-09T10:00:00+01:00');
    const id = `case-${created.id}-alert`;
    const steps: Array<[string, string, string]> = [
      ['2026-04-01T08:00:00+02:00', 'frist om 7 dager', '2026-04-06T06:00:00.000Z'],
      ['2026-04-06T08:00:00+02:00', 'frist om 2 dager', '2026-04-08T06:00:00.000Z'],
      ['2026-04-08T08:00:00+02:00', 'frist i dag', '2026-04-09T06:00:00.000Z'],
      ['2026-04-09T08:00:00+02:00', 'FORFALT med 1 dag', '2026-04-10T06:00:00.000Z'],
      ['2026-04-10T08:00:00+02:00', 'FORFALT med 2 dager', '2026-04-11T06:00:00.000Z'],
    ];
    for (const [now, text, next] of steps) {
      clock.set(now);
      const before = smtp.messages.length;
      await (await deadlinesQueue().getJob(id))!.changeDelay(0);
      const mail = await smtp.waitFor((message) => message.subject.includes(created.reference) && message.text.includes(text));
      expect(mail.to).toEqual(['personvern@example.no']);
      await waitForDelayedAgain(id);
      expect(smtp.messages.length).toBe(before + 1);
      expect(await alertJobs(created.id)).toEqual({ [id]: next });
    }
    const kinds = await stack.dataSource.query('SELECT kind FROM case_alerts WHERE case_id = $1 ORDER BY sent_at', [created.id]);
    expect(kinds.map((row: { kind: string }) => row.kind)).toEqual(['due-7d', 'due-2d', 'due-0d', 'overdue', 'overdue']);
    clock.set('2026-03-10T09:00:00+01:00');
    auth = await adminAuth(stack.url);
  });

  it('moves the jobs when the deadline is extended and removes them when the case closes', async () => {
    const created = await register('2026-03-09T10:00:00+01:00');
    const extended = await (await post(`/api/v1/cases/${created.reference}/extend`, { reason: 'Many systems to search.' })).json();
    expect(extended.deadlines.effective).toBe('2026-06-09');
    expect(await alertJobs(created.id)).toEqual({ [`case-${created.id}-alert`]: '2026-06-02T06:00:00.000Z' });
    await post(`/api/v1/cases/${created.reference}/pause`, { reason: 'Asked the requester which account.' });
    expect(await alertJobs(created.id)).toEqual({});
    await post(`/api/v1/cases/${created.reference}/resume`, {});
    expect(await alertJobs(created.id)).toEqual({ [`case-${created.id}-alert`]: '2026-06-02T06:00:00.000Z' });
    await post(`/api/v1/cases/${created.reference}/withdraw`, {});
    expect(await alertJobs(created.id)).toEqual({});
  });

  it('rebuilds every alert job from PostgreSQL after Redis loses all keys under the prefix', async () => {
    const first = await register('2026-03-02T10:00:00+01:00');
    const second = await register('2026-03-06T10:00:00+01:00');
    const before = { ...(await alertJobs(first.id)), ...(await alertJobs(second.id)) };
    expect(Object.keys(before)).toHaveLength(2);

    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${stack.config.QUEUE_PREFIX}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    redis.disconnect();
    expect(await alertJobs(first.id)).toEqual({});

    const report = await stack.context.get(ReconciliationService).reconcile();
    expect(report.openCases).toBeGreaterThanOrEqual(2);
    expect({ ...(await alertJobs(first.id)), ...(await alertJobs(second.id)) }).toEqual(before);
  });

  it('e-mails the alert when its time comes, records it on the case, and never twice', async () => {
    // Received 4 March → effective 3 April; 7-day alert on 27 March 08:00. Let time reach it.
    const created = await register('2026-03-04T10:00:00+01:00');
    expect(created.deadlines.effective).toBe('2026-04-03');
    clock.set('2026-03-27T08:00:01+01:00');
    const job = await deadlinesQueue().getJob(`case-${created.id}-alert`);
    await job!.changeDelay(0);
    const mail = await smtp.waitFor((message) => message.subject.includes(created.reference));
    expect(mail.to).toEqual(['personvern@example.no']);
    // The alert address has no staff account: the company's language, dates in words.
    expect(mail.text).toContain('Sak ' + created.reference + ' (innsyn): frist om 7 dager.');
    expect(mail.text).toContain('Frist: 3. april 2026.');
    expect(mail.text).not.toContain('Deadline');

    // Redis forgets and reconciliation offers the same alert again: it must not be sent twice.
    await stack.context.get(ReconciliationService).reconcile();
    await drainQueues(stack.context);
    const alerts = await stack.dataSource.query('SELECT kind, for_date FROM case_alerts WHERE case_id = $1', [created.id]);
    expect(alerts).toEqual([{ kind: 'due-7d', for_date: '2026-04-03' }]);
    expect(smtp.messages.filter((message) => message.subject.includes(created.reference))).toHaveLength(1);

    auth = await adminAuth(stack.url);
    const audit = await (await fetch(`${stack.url}/api/v1/cases/${created.reference}/audit`, { headers: auth })).json();
    expect(audit.items.map((event: { type: string }) => event.type)).toEqual(expect.arrayContaining(['deadline.alert', 'email.sent']));
    clock.set('2026-03-10T09:00:00+01:00');
  });

  it('a late-registered case gets only the latest alert that still matters, and overdue ones daily', async () => {
    clock.set('2026-04-07T09:00:00+02:00');
    auth = await adminAuth(stack.url);
    // Received 3 March → effective 2 April: already overdue on 7 April.
    const overdue = await register('2026-03-03T10:00:00+01:00');
    const mail = await smtp.waitFor((message) => message.subject.includes(overdue.reference));
    expect(mail.text).toContain('FORFALT med 5 dager');
    expect(smtp.messages.filter((message) => message.subject.includes(overdue.reference))).toHaveLength(1);
    // The reminder re-arms itself for 08:00 tomorrow.
    await waitForDelayedAgain(`case-${overdue.id}-alert`);
    expect(await alertJobs(overdue.id)).toEqual({ [`case-${overdue.id}-alert`]: '2026-04-08T06:00:00.000Z' });
    clock.set('2026-03-10T09:00:00+01:00');
    auth = await adminAuth(stack.url);
  });

  it("sends an assigned case's alert to the assignee, not the staff alert address, in the assignee's language", async () => {
    const [handler] = await stack.dataSource.query(
      `INSERT INTO staff_users (email, name, role, password_hash, language) VALUES ('ingrid.handler@example.no', 'Ingrid Handler', 'handler', 'unused', 'en') RETURNING id`,
    );
    // Received 4 March → effective 3 April; the 7-day alert is on 27 March 08:00.
    const created = await register('2026-03-04T10:00:00+01:00');
    expect((await post(`/api/v1/cases/${created.reference}/assign`, { userId: handler.id })).status).toBe(200);
    clock.set('2026-03-27T08:00:01+01:00');
    await (await deadlinesQueue().getJob(jobIds.alert(created.id)))!.changeDelay(0);
    const mail = await smtp.waitFor((message) => message.subject.includes(created.reference));
    expect(mail.to).toEqual(['ingrid.handler@example.no']);
    expect(mail.text).toContain(`Case ${created.reference} (access): due in 7 days.`);
    expect(mail.text).toContain('Deadline: 3 April 2026.');
    expect(mail.text).not.toContain('frist');
    const alerts = await stack.dataSource.query('SELECT kind, recipient_kind FROM case_alerts WHERE case_id = $1', [created.id]);
    expect(alerts).toEqual([{ kind: 'due-7d', recipient_kind: 'assignee' }]);
    clock.set('2026-03-10T09:00:00+01:00');
    auth = await adminAuth(stack.url);
  });

  it('an alert job that fires for a withdrawn or completed case sends and records nothing', async () => {
    const withdrawn = await register('2026-03-03T10:00:00+01:00');
    expect((await post(`/api/v1/cases/${withdrawn.reference}/withdraw`, {})).status).toBe(200);
    // Completing through the API needs every fan-out task done; the alert job only reads the row.
    const completed = await register('2026-03-03T10:00:00+01:00');
    await stack.dataSource.query(`UPDATE cases SET status = 'completed', closed_at = now() WHERE id = $1`, [completed.id]);
    // Both are overdue on 7 April, so an open case would get its alert now. A job left behind
    // (a removal lost, an old reconciliation, the row changed behind the queue's back) fires anyway.
    clock.set('2026-04-07T09:00:00+02:00');
    const cases = [withdrawn, completed];
    expect(await alertJobs(withdrawn.id)).toEqual({});
    // Kept when done, so the test sees that it ran.
    await (await deadlinesQueue().getJob(jobIds.alert(completed.id)))!.remove();
    for (const { id } of cases) await deadlinesQueue().add(JobName.DeadlineAlert, {}, { jobId: jobIds.alert(id), removeOnComplete: false });
    for (const { id } of cases) {
      const job = (await deadlinesQueue().getJob(jobIds.alert(id)))!;
      for (let i = 0; i < 100 && !(await job.isCompleted()); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await job.isCompleted()).toBe(true);
    }
    await drainQueues(stack.context);
    const ids = cases.map(({ id }) => id);
    expect(await stack.dataSource.query('SELECT * FROM case_alerts WHERE case_id = ANY($1)', [ids])).toEqual([]);
    expect(await stack.dataSource.query(`SELECT * FROM audit_events WHERE case_id = ANY($1) AND type = 'deadline.alert'`, [ids])).toEqual([]);
    expect(await stack.dataSource.query(`SELECT * FROM outbound_emails WHERE dedupe_key LIKE 'alert-%' AND case_id = ANY($1)`, [ids])).toEqual([]);
    expect(smtp.messages.filter((message) => cases.some(({ reference }) => message.subject.startsWith(`[${reference}]`)))).toEqual([]);
    clock.set('2026-03-10T09:00:00+01:00');
    auth = await adminAuth(stack.url);
  });
});
