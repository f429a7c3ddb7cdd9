import { randomUUID } from 'node:crypto';
import { freePort } from '../support/free-port';
import { startServiceProcess, waitUntil, type ServiceProcess } from '../support/service-process';
import { queueOf } from '../support/queues';
import { startTestApp, type TestApp } from '../support/test-app';
import { JobOutbox } from '../../src/queues/job-outbox/job-outbox';
import { jobRequest } from '../../src/queues/job-queue';
import { JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { startWorker, workerEnv } from './fault-workers';

const count = async (stack: TestApp, sql: string, params: unknown[] = []) => Number((await stack.dataSource.query(sql, params))[0].n);

/**
 * The public intake commits a case and every job it needs in one statement (the job outbox), and
 * the worker's relay moves the jobs to BullMQ. Two crashes: an `api` process killed with SIGKILL in
 * the middle of a flood (no case may be left without its jobs, whatever moment it died), and a
 * worker killed with SIGKILL in the middle of relaying (nothing lost, nothing twice).
 */
describe('intake and the job outbox under kill -9', () => {
  let stack: TestApp;
  const processes: ServiceProcess[] = [];

  beforeEach(async () => {
    // The in-process app only holds the database and queue prefix; it runs no relay (api role).
    stack = await startTestApp({ role: 'api' });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((process) => process.stop('SIGKILL')));
    await stack?.close();
  });

  it('leaves no committed case without its jobs and e-mail when the api dies mid-flood', async () => {
    const port = await freePort();
    const env = workerEnv(stack, { INTAKE_RATE_LIMIT_PER_MINUTE: '100000' });
    const api = startServiceProcess({ ...env, ROLE: 'api', PORT: String(port) });
    processes.push(api);
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${url}/health`)).status === 200, 60_000, 'api health');

    // Eight connections submit until the process is killed under them.
    const accepted: string[] = [];
    let killed = false;
    const submitter = async (lane: number) => {
      for (let n = 0; !killed; n += 1) {
        try {
          const response = await fetch(`${url}/api/v1/requests`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `kill-${lane}-${n}` },
            body: JSON.stringify({ type: 'access', email: `flood${lane}.${n}@example.no`, name: `Flom ${lane} ${n}` }),
          });
          if (response.status === 202) accepted.push(((await response.json()) as { reference: string }).reference);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const lanes = Array.from({ length: 8 }, (_, lane) => submitter(lane));
    await waitUntil(() => accepted.length >= 40, 60_000, '40 accepted requests');
    api.child.kill('SIGKILL');
    killed = true;
    await new Promise((resolve) => api.child.once('exit', resolve));
    await Promise.all(lanes);

    const cases = await count(stack, 'SELECT count(*) AS n FROM cases');
    expect(cases).toBeGreaterThanOrEqual(accepted.length);
    const references: string[] = (await stack.dataSource.query('SELECT reference FROM cases')).map((row: { reference: string }) => row.reference);
    expect(references).toEqual(expect.arrayContaining(accepted));
    // Committed with each case, before any worker ran: its claim, audit event, identifiers,
    // verification row and five staged jobs.
    expect(await count(stack, 'SELECT count(*) AS n FROM intake_submissions WHERE case_id IS NOT NULL')).toBe(cases);
    expect(await count(stack, `SELECT count(*) AS n FROM audit_events WHERE type = 'case.registered'`)).toBe(cases);
    expect(await count(stack, `SELECT count(DISTINCT case_id) AS n FROM case_identifiers WHERE kind = 'email'`)).toBe(cases);
    expect(await count(stack, 'SELECT count(*) AS n FROM case_verifications')).toBe(cases);
    expect(await count(stack, 'SELECT count(*) AS n FROM job_outbox')).toBe(cases * 5);

    // A worker starts: every case gets its alert, reminder and expiry jobs and one verification e-mail.
    await startWorker(env, processes);
    await waitUntil(async () => (await count(stack, 'SELECT count(*) AS n FROM job_outbox')) === 0, 60_000, 'the outbox to drain');
    await waitUntil(
      async () => (await count(stack, `SELECT count(*) AS n FROM outbound_emails WHERE kind = 'requester-verification' AND status = 'sent'`)) === cases,
      90_000,
      'a verification e-mail per case',
    );
    expect(await count(stack, `SELECT count(*) AS n FROM outbound_emails WHERE kind = 'requester-verification'`)).toBe(cases);
    const ids: string[] = (await stack.dataSource.query('SELECT id FROM cases')).map((row: { id: string }) => row.id);
    const intake = queueOf(stack.context, QueueName.Intake);
    const deadlines = queueOf(stack.context, QueueName.Deadlines);
    for (const id of ids) {
      expect(await intake.getJob(jobIds.verificationReminder(id))).toBeDefined();
      expect(await intake.getJob(jobIds.verificationExpiry(id))).toBeDefined();
      expect(await deadlines.getJob(jobIds.alert(id))).toBeDefined();
    }
  }, 240_000);

  it('relays every staged job exactly once when the worker dies mid-relay', async () => {
    const total = 20_000;
    const caseIds = Array.from({ length: total }, () => randomUUID());
    const outbox = stack.context.get(JobOutbox);
    // Delayed expiry jobs: relayed, never run during the test.
    const week = 7 * 24 * 3600 * 1000;
    for (let start = 0; start < total; start += 2000) {
      await stack.dataSource.transaction((manager) =>
        outbox.stage(
          manager,
          caseIds
            .slice(start, start + 2000)
            .map((caseId) => jobRequest(JobName.VerificationExpiry, { caseId }, { jobId: jobIds.verificationExpiry(caseId), delay: week })),
        ),
      );
    }
    const left = () => count(stack, 'SELECT count(*) AS n FROM job_outbox');
    expect(await left()).toBe(total);

    const env = workerEnv(stack, {});
    // Killed the moment its first batch commits (watched closely, not through startWorker's wait,
    // by which time the relay could be done).
    const first = startServiceProcess(env);
    processes.push(first);
    const started = Date.now();
    while ((await left()) === total) {
      if (Date.now() - started > 60_000) throw new Error(`the relay did not start:\n${first.output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const afterKill = await left();
    expect(afterKill).toBeGreaterThan(0);

    await startWorker(env, processes);
    await waitUntil(async () => (await left()) === 0, 120_000, 'the outbox to drain');
    const intake = queueOf(stack.context, QueueName.Intake);
    expect(await intake.getDelayedCount()).toBe(total);
    for (const caseId of caseIds.filter((_, index) => index % 997 === 0)) {
      const job = await intake.getJob(jobIds.verificationExpiry(caseId));
      expect(job?.data).toEqual({ caseId });
      // Due a week after staging, not a week after the relay (allowing for the test's own run time).
      expect(job!.timestamp + job!.opts.delay! - Date.now()).toBeGreaterThan(week - 5 * 60_000);
    }
  }, 240_000);
});
