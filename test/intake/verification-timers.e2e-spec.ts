import type { Job } from 'bullmq';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { JOB_OPTIONS, JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { FixedClock } from '../support/fixed-clock';
import { drainQueues, queueOf } from '../support/queues';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { linkIn, pageText, postJson } from './intake-helpers';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * Days pass by moving the FixedClock and promoting the delayed job, as if its time had come:
 * the handler compares with the clock, so a job that runs early goes back to waiting and a job
 * that runs on time acts.
 */
describe('verification reminder and expiry (BullMQ delayed jobs driven by the clock)', () => {
  const start = new Date('2026-03-10T09:00:00+01:00');
  const clock = new FixedClock(start);
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack.close();
    await smtp.stop();
  });

  const queue = () => queueOf(stack.context, QueueName.Intake);
  const caseOf = async (reference: string) => (await stack.dataSource.query('SELECT * FROM cases WHERE reference = $1', [reference]))[0];
  const submit = async (email: string) => {
    const response = await postJson(`${stack.url}/api/v1/requests`, { type: 'access', email });
    const { reference } = await response.json();
    const row = await caseOf(reference);
    const verification = await smtp.waitFor((mail) => mail.subject === `Bekreft forespørselen din (${reference})`);
    return { reference, caseId: row.id as string, verification };
  };
  /** "Its time has come": run a delayed job now and wait until the worker is done with it. */
  const runNow = async (jobId: string): Promise<Job> => {
    const job = await queue().getJob(jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    await job.promote();
    await drainQueues(stack.context);
    return job;
  };
  const delayOf = async (jobId: string) => {
    const job = await queue().getJob(jobId);
    return job ? { state: await job.getState(), dueIn: job.timestamp + (job.delay ?? 0) - Date.now() } : null;
  };

  it('reminds once after three days and closes the request as unverified at expiry, with an e-mail each', async () => {
    clock.set(start);
    const { reference, caseId, verification } = await submit('siri@example.no');
    const remind = jobIds.verificationReminder(caseId);
    const expire = jobIds.verificationExpiry(caseId);
    expect(await delayOf(remind)).toMatchObject({ state: 'delayed', dueIn: expect.any(Number) });
    expect((await delayOf(remind))!.dueIn).toBeGreaterThan(3 * DAY - HOUR);
    expect((await delayOf(expire))!.dueIn).toBeGreaterThan(7 * DAY - HOUR);

    // Run early (a day later by our clock): nothing is sent, the job waits for the rest of its time.
    clock.set(new Date(start.getTime() + DAY));
    await runNow(remind);
    const early = await delayOf(remind);
    expect(early?.state).toBe('delayed');
    expect(early!.dueIn).toBeGreaterThan(2 * DAY - HOUR);
    expect(early!.dueIn).toBeLessThanOrEqual(2 * DAY + HOUR);
    expect(smtp.to('siri@example.no').map((mail) => mail.subject)).toEqual([verification.subject]);

    clock.set(new Date(start.getTime() + 3 * DAY + HOUR));
    await runNow(remind);
    const reminder = await smtp.waitFor((mail) => mail.subject === `Påminnelse: bekreft forespørselen din (${reference})`);
    expect(reminder.text).toContain('Bekreft e-postadressen din innen 17. mars 2026.');
    expect(linkIn(reminder, 'verify', stack.url)).toBe(linkIn(verification, 'verify', stack.url));

    // Redis loses the jobs; reconciliation rebuilds the expiry from PostgreSQL (the reminder was sent, so not that).
    await queue().remove(expire);
    expect(await delayOf(expire)).toBeNull();
    const report = await stack.context.get(ReconciliationService).reconcile();
    expect(report.passes['intake-verification']).toBeGreaterThanOrEqual(1);
    const rebuilt = await delayOf(expire);
    expect(rebuilt?.state).toBe('delayed');
    expect(rebuilt!.dueIn).toBeGreaterThan(4 * DAY - 2 * HOUR);
    expect(await delayOf(remind)).toBeNull();

    clock.set(new Date(start.getTime() + 7 * DAY + HOUR));
    await runNow(expire);
    expect(await caseOf(reference)).toMatchObject({ status: 'rejected', rejection_code: 'unverified' });
    const closure = await smtp.waitFor((mail) => mail.subject === `Forespørselen din er lukket (${reference})`);
    expect(closure.text).toContain('ble ikke bekreftet innen 17. mars 2026');
    expect(closure.text).toContain('Send en ny forespørsel: http://');

    const late = await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' });
    expect(late.status).toBe(410);
    expect(pageText(await late.text())).toContain('Forespørselen er lukket');
    const status = pageText(await (await fetch(linkIn(closure, 'status', stack.url))).text());
    expect(status).toContain('Forespørselen ble lukket fordi den ikke ble bekreftet i tide.');
    await drainQueues(stack.context);
    expect(smtp.to('siri@example.no')).toHaveLength(3);
  });

  it('does nothing when the case moved on: a verified request is neither reminded nor closed', async () => {
    clock.set(start);
    const { reference, caseId, verification } = await submit('tor@example.no');
    await fetch(linkIn(verification, 'verify', stack.url), { method: 'POST' });
    expect((await caseOf(reference)).status).toBe('in_progress');
    // Verification removed the jobs; re-offer them as a stale Redis might still hold them, and run them late.
    for (const [name, jobId] of [
      [JobName.VerificationReminder, jobIds.verificationReminder(caseId)],
      [JobName.VerificationExpiry, jobIds.verificationExpiry(caseId)],
    ] as const) {
      await queue().add(name, { caseId }, { ...JOB_OPTIONS[name], jobId, delay: DAY });
    }
    clock.set(new Date(start.getTime() + 8 * DAY));
    await runNow(jobIds.verificationReminder(caseId));
    await runNow(jobIds.verificationExpiry(caseId));
    expect((await caseOf(reference)).status).toBe('in_progress');
    await drainQueues(stack.context);
    expect(smtp.to('tor@example.no').map((mail) => mail.subject.split(' (')[0])).toEqual(['Bekreft forespørselen din', 'Vi har mottatt forespørselen din']);
    // Reconciliation does not bring back jobs for a verified case.
    await stack.context.get(ReconciliationService).reconcile();
    expect(await delayOf(jobIds.verificationExpiry(caseId))).toBeNull();
  });

  it('leaves a case staff registered with channel web to staff: no verification e-mail, no jobs, never closed as unverified', async () => {
    clock.set(start);
    const auth = await adminAuth(stack.url);
    const registered = await postJson(
      `${stack.url}/api/v1/cases`,
      { type: 'access', channel: 'web', receivedAt: start.toISOString(), subject: { email: 'staff-entered@example.no' } },
      auth,
    );
    expect(registered.status).toBe(201);
    const staffCase = await registered.json();
    expect(staffCase).toMatchObject({ status: 'awaiting_verification', channel: 'web' });
    // The public intake, on the same channel, still asks its requester to confirm.
    const publicCase = await submit('public-web@example.no');

    const reconciliation = stack.context.get(ReconciliationService);
    await reconciliation.reconcile();
    await drainQueues(stack.context);
    expect(smtp.to('staff-entered@example.no')).toEqual([]);
    expect(await delayOf(jobIds.verificationReminder(staffCase.id))).toBeNull();
    expect(await delayOf(jobIds.verificationExpiry(staffCase.id))).toBeNull();
    expect(await stack.dataSource.query('SELECT 1 FROM case_verifications WHERE case_id = $1', [staffCase.id])).toEqual([]);
    expect((await delayOf(jobIds.verificationExpiry(publicCase.caseId)))?.state).toBe('delayed');

    // Even a stray expiry job (as an older release queued for such cases) leaves it open.
    await queue().add(
      JobName.VerificationExpiry,
      { caseId: staffCase.id },
      {
        ...JOB_OPTIONS[JobName.VerificationExpiry],
        jobId: jobIds.verificationExpiry(staffCase.id),
        delay: DAY,
      },
    );
    clock.set(new Date(start.getTime() + 8 * DAY));
    await runNow(jobIds.verificationExpiry(staffCase.id));
    expect((await caseOf(staffCase.reference)).status).toBe('awaiting_verification');
    expect(smtp.to('staff-entered@example.no')).toEqual([]);
  });

  it('starts the verification of a request whose side effects were lost (api died after commit, or Redis lost them), once', async () => {
    clock.set(start);
    // Only the case row exists: no verification row, no e-mail, no jobs.
    const [lost] = await stack.dataSource.query(
      `INSERT INTO cases (reference, type, channel, origin, status, language, subject_email, details, received_at, received_on,
                          statutory_due, promise_due, effective_due, send_by, version)
       VALUES ('DSR-2026-0090001', 'access', 'web', 'intake', 'awaiting_verification', 'nb', 'borte@example.no', '{}'::jsonb, $1,
               '2026-03-10', '2026-04-10', '2026-04-09', '2026-04-09', '2026-04-08', 1)
       RETURNING id, reference`,
      [start],
    );
    const reconciliation = stack.context.get(ReconciliationService);
    await Promise.all([reconciliation.reconcile(), reconciliation.reconcile()]);
    await drainQueues(stack.context);
    await reconciliation.reconcile();
    await drainQueues(stack.context);

    expect(smtp.to('borte@example.no').map((mail) => mail.subject)).toEqual([`Bekreft forespørselen din (${lost.reference})`]);
    expect((await delayOf(jobIds.verificationReminder(lost.id)))?.state).toBe('delayed');
    expect((await delayOf(jobIds.verificationExpiry(lost.id)))?.state).toBe('delayed');
    // The link in that e-mail verifies the request.
    const confirmed = await fetch(linkIn(smtp.to('borte@example.no')[0], 'verify', stack.url), { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect((await caseOf(lost.reference)).status).toBe('in_progress');
  });
});
