import { waitUntil, type ServiceProcess } from '../support/service-process';
import { queueOf } from '../support/queues';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { JobName, QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { onBehalfBody, PDF, smallDataMap } from '../identity/on-behalf-support';
import { startWorker, workerEnv } from './fault-workers';

const count = async (stack: TestApp, sql: string, params: unknown[] = []) => Number((await stack.dataSource.query<Array<{ n: string }>>(sql, params))[0].n);

interface StagedRow {
  name: JobName;
  data: Record<string, unknown>;
  opts: { jobId: string };
  run_at: Date | null;
}

/**
 * Staff registration (REST) and a request on someone else's behalf save through
 * `CasesService.register`, which stages every job the registration needs in the job outbox in its
 * transaction: an `api` process that dies right after the commit leaves nothing undone. The api
 * here runs no relay, so what the requests committed is all there is until a worker starts.
 */
describe('staff and on-behalf registration commit their jobs with the case', () => {
  let stack: TestApp;
  const processes: ServiceProcess[] = [];
  const env = { SYSTEMS_FILE: smallDataMap(), INTAKE_RATE_LIMIT_PER_MINUTE: '1000', PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64') };

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.splice(0).map((process) => process.stop('SIGKILL')));
    await stack?.close();
  });

  const staged = async (caseId: string): Promise<StagedRow[]> =>
    stack.dataSource.query(`SELECT name, data, opts, run_at FROM job_outbox WHERE data->>'caseId' = $1 OR opts->>'jobId' LIKE '%' || $1 || '%' ORDER BY id`, [
      caseId,
    ]);
  const jobIdsOf = (rows: StagedRow[]) => rows.map((row) => row.opts.jobId).sort();

  it('stages every job before any worker runs, and the worker does each exactly once', async () => {
    const auth = await adminAuth(stack.url);
    const register = async (body: Record<string, unknown>) => {
      const response = await fetch(`${stack.url}/api/v1/cases`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; reference: string };
    };
    const received = new Date().toISOString();
    const verified = await register({
      type: 'access',
      channel: 'email',
      receivedAt: received,
      subject: { email: 'verifisert@example.no', name: 'Vera Verifisert' },
      identityVerified: { method: 'signed letter matched the customer record' },
    });
    const unverified = await register({ type: 'access', channel: 'letter', receivedAt: received, subject: { name: 'Ulf Uverifisert' } });
    const behalfResponse = await fetch(`${stack.url}/api/v1/requests`, {
      method: 'POST',
      body: onBehalfBody({}, { bytes: PDF, type: 'application/pdf', name: 'fullmakt.pdf' }),
    });
    expect(behalfResponse.status).toBe(202);
    const { reference: behalfReference } = (await behalfResponse.json()) as { reference: string };
    const [{ id: behalfId }] = await stack.dataSource.query<Array<{ id: string }>>('SELECT id FROM cases WHERE reference = $1', [behalfReference]);

    // Committed with each case, before any worker ran.
    const [admin] = await stack.dataSource.query<Array<{ id: string }>>('SELECT id FROM staff_users WHERE email = $1', [TEST_ADMIN.email]);
    const staffActor = `staff:${admin.id}`;
    const verifiedJobs = await staged(verified.id);
    expect(jobIdsOf(verifiedJobs)).toEqual(
      [jobIds.alert(verified.id), jobIds.renderEmail(`receipt-${verified.id}`), jobIds.caseRegistered(verified.id)].sort(),
    );
    expect(verifiedJobs.find((row) => row.name === JobName.CaseRegistered)?.data).toEqual({ caseId: verified.id, actor: staffActor });
    expect(jobIdsOf(await staged(unverified.id))).toEqual([jobIds.alert(unverified.id), jobIds.caseRegistered(unverified.id)].sort());
    const behalfJobs = await staged(behalfId);
    expect(jobIdsOf(behalfJobs)).toEqual(
      [
        jobIds.alert(behalfId),
        jobIds.verificationReminder(behalfId),
        jobIds.verificationExpiry(behalfId),
        jobIds.renderEmail(`verify-${behalfId}`),
        jobIds.caseRegistered(behalfId),
      ].sort(),
    );
    expect(behalfJobs.find((row) => row.name === JobName.CaseRegistered)?.data).toEqual({ caseId: behalfId, actor: 'requester' });
    expect(await count(stack, 'SELECT count(*) AS n FROM case_verifications WHERE case_id = $1', [behalfId])).toBe(1);
    // Staff verify the cases they register themselves: no e-mail check for those.
    expect(await count(stack, 'SELECT count(*) AS n FROM case_verifications WHERE case_id = ANY($1::uuid[])', [[verified.id, unverified.id]])).toBe(0);
    expect(await count(stack, 'SELECT count(*) AS n FROM job_outbox')).toBe(10);
    // Nothing went to Redis on the request path.
    expect(await queueOf(stack.context, QueueName.Deadlines).getJob(jobIds.alert(verified.id))).toBeUndefined();
    expect(await queueOf(stack.context, QueueName.Intake).getJob(jobIds.caseRegistered(behalfId))).toBeUndefined();
    const everything: StagedRow[] = await stack.dataSource.query('SELECT name, data, opts, run_at FROM job_outbox ORDER BY id');

    // A worker starts: the jobs run, each e-mail goes once, the verified case fans out once.
    await startWorker(workerEnv(stack, env), processes);
    const settled = async () => {
      await waitUntil(async () => (await count(stack, 'SELECT count(*) AS n FROM job_outbox')) === 0, 60_000, 'the outbox to drain');
      await waitUntil(
        async () =>
          (await count(stack, `SELECT count(*) AS n FROM outbound_emails WHERE status = 'sent' AND dedupe_key = ANY($1::text[])`, [
            [`receipt-${verified.id}`, `verify-${behalfId}`],
          ])) === 2,
        60_000,
        'the receipt and the verification e-mail',
      );
      await waitUntil(async () => (await count(stack, 'SELECT count(*) AS n FROM case_tasks WHERE case_id = $1', [verified.id])) > 0, 60_000, 'the fan-out');
      // Each task has run (a manual one is handed to its owner, with an e-mail) before a snapshot.
      await waitUntil(
        async () => (await count(stack, `SELECT count(*) AS n FROM case_tasks WHERE case_id = $1 AND status IN ('pending','running')`, [verified.id])) === 0,
        60_000,
        'the tasks to run',
      );
      await waitUntil(
        async () => Object.values(await queueOf(stack.context, QueueName.Intake).getJobCounts('waiting', 'active')).every((n) => n === 0),
        60_000,
        'the case-registered jobs',
      );
      // The e-mails the fan-out and preservation made (owners' tasks) are sent too before a snapshot.
      await waitUntil(
        async () =>
          (await count(stack, `SELECT count(*) AS n FROM outbound_emails WHERE status = 'pending' AND case_id = ANY($1::uuid[])`, [
            [verified.id, unverified.id, behalfId],
          ])) === 0,
        60_000,
        'every e-mail of the three cases sent',
      );
    };
    const outcome = async () => ({
      emails: await stack.dataSource.query<Array<{ kind: string; to_address: string; status: string }>>(
        'SELECT kind, to_address, status FROM outbound_emails WHERE case_id = ANY($1::uuid[]) ORDER BY kind, to_address',
        [[verified.id, unverified.id, behalfId]],
      ),
      tasks: await count(stack, 'SELECT count(*) AS n FROM case_tasks WHERE case_id = ANY($1::uuid[])', [[verified.id, unverified.id, behalfId]]),
      audit: await stack.dataSource.query<Array<{ case_id: string; type: string; actor: string; n: number }>>(
        'SELECT case_id, type, actor, count(*)::int AS n FROM audit_events WHERE case_id = ANY($1::uuid[]) GROUP BY case_id, type, actor ORDER BY case_id, type, actor',
        [[verified.id, unverified.id, behalfId]],
      ),
    });
    await settled();
    const first = await outcome();
    expect(first.emails.filter((row) => row.kind === 'requester-receipt')).toEqual([
      { kind: 'requester-receipt', to_address: 'verifisert@example.no', status: 'sent' },
    ]);
    expect(first.emails.filter((row) => row.kind === 'requester-verification')).toEqual([
      { kind: 'requester-verification', to_address: 'ola@advokat.example', status: 'sent' },
    ]);
    expect(first.tasks).toBeGreaterThan(0);
    const registered = first.audit.filter((row) => row.type === 'case.registered');
    expect(registered).toEqual(
      expect.arrayContaining([
        { case_id: verified.id, type: 'case.registered', actor: staffActor, n: 1 },
        { case_id: unverified.id, type: 'case.registered', actor: staffActor, n: 1 },
        { case_id: behalfId, type: 'case.registered', actor: 'requester', n: 1 },
      ]),
    );
    expect(first.audit.filter((row) => row.type === 'case.fanned_out')).toEqual([{ case_id: verified.id, type: 'case.fanned_out', actor: 'system', n: 1 }]);
    const deadlines = queueOf(stack.context, QueueName.Deadlines);
    const intake = queueOf(stack.context, QueueName.Intake);
    for (const id of [verified.id, unverified.id, behalfId]) expect(await deadlines.getJob(jobIds.alert(id))).toBeDefined();
    expect(await intake.getJob(jobIds.verificationReminder(behalfId))).toBeDefined();
    expect(await intake.getJob(jobIds.verificationExpiry(behalfId))).toBeDefined();
    expect(await intake.getFailedCount()).toBe(0);

    // The relay offers the same batch again (a worker killed after addBulk, before its DELETE
    // committed): nothing changes.
    await stack.dataSource.query(
      `INSERT INTO job_outbox (name, data, opts, run_at) SELECT * FROM unnest($1::varchar[], $2::jsonb[], $3::jsonb[], $4::timestamptz[])`,
      [
        everything.map((row) => row.name),
        everything.map((row) => JSON.stringify(row.data)),
        everything.map((row) => JSON.stringify(row.opts)),
        everything.map((row) => row.run_at),
      ],
    );
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await outcome()).toEqual(first);
  }, 240_000);
});
