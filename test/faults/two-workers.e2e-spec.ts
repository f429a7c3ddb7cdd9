import { FanoutService } from '../../src/connectors/fanout/fanout.service';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { simulatorSecrets, startSimulatorsWith, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { waitUntil, type ServiceProcess } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { faultPeople, seedVerifiedCases, startWorker, workerEnv } from './fault-workers';

const PREFIX = 'FAULT_TWO';
const PEOPLE = faultPeople(50, 'tvilling');
const ALERTS_TO = 'frister@firma.example';

/**
 * One api process and two worker processes on one stack: 50 overdue erasures fanned out to three
 * API systems, a manual system (an e-mail to its owner) and a processor (the request forwarded by
 * e-mail), plus each case's overdue alert. Nothing is done twice: no task, no e-mail, no alert.
 */
describe('two worker processes and one api process', () => {
  const smtp = new SmtpCapture();
  let sims: Simulators;
  let stack: TestApp;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    // Provider limits raised: this test is about two workers never doing anything twice, not about
    // waiting out HubSpot's search limit (an erasure now reads the contact's e-mail events, form
    // submissions and history back, so 50 of them at once met the simulator's 5 searches a second
    // and left tasks waiting on 429 retries past the test's bound; rate limits have their own specs).
    sims = await startSimulatorsWith(PEOPLE, {
      visma: { rateLimitPerMinute: 100_000 },
      hubspot: { rateLimit: { maxPerInterval: 100_000, searchPerSecond: 1_000 } },
    });
    const settings = {
      SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot', 'phone-logs', 'shipping'], []),
      TASK_RATE_LIMITS: 'zendesk=50/1000,visma=50/1000,hubspot=50/1000',
      TASK_BACKOFF_MS: '200',
      SMTP_URL: await smtp.start(),
      STAFF_ALERT_EMAIL: ALERTS_TO,
      // Alerts go out at this hour, company time: midnight makes today's alert due whenever the test runs.
      ALERT_HOUR: '0',
    };
    stack = await startTestApp({ role: 'api', env: settings });
    const env = workerEnv(stack, { ...settings, ...simulatorSecrets(PREFIX) });
    await Promise.all([startWorker(env, workers), startWorker(env, workers)]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await stack?.close();
    await sims?.close();
    await smtp.stop();
  });

  it('finishes every task, deletes each person once per system, sends every e-mail once and records every alert once', async () => {
    const ids = await seedVerifiedCases(stack, PEOPLE);
    // Three days overdue, so each case's alert is due the moment its job exists.
    await stack.dataSource.query(`UPDATE cases SET effective_due = current_date - 3, promise_due = current_date - 3, send_by = current_date - 4`);
    const fanout = stack.context.get(FanoutService);
    const reconciliation = stack.context.get(ReconciliationService);
    await Promise.all([Promise.all(ids.map((id) => fanout.fanOut(id))), reconciliation.reconcile()]);
    // A second pass while the workers are busy re-offers what is open; ids make it a no-op.
    await reconciliation.reconcile();

    const count = async (sql: string) => Number((await stack.dataSource.query(sql))[0].n);
    await waitUntil(
      async () =>
        (await count(`SELECT count(*) AS n FROM case_tasks WHERE action <> 'forward' AND connector_type <> 'manual' AND status IN ('pending','running')`)) ===
        0,
      60_000,
      'the API tasks to end',
    );
    // Per case: the manual system's task e-mail, the processor's forwarded request, the overdue alert.
    const expectedMails = PEOPLE.length * 3;
    await waitUntil(
      async () => (await count(`SELECT count(*) AS n FROM outbound_emails WHERE status = 'sent'`)) === expectedMails,
      60_000,
      'every e-mail sent',
    );

    const tasks: Array<{ connector_type: string; action: string; status: string; attempts: number }> = await stack.dataSource.query(
      'SELECT connector_type, action, status, attempts FROM case_tasks',
    );
    expect(tasks).toHaveLength(PEOPLE.length * 5);
    // A task may run again after a provider's 429 (attempts > 1); what must never repeat is the
    // deletion itself, which the simulators count below.
    const apiTasks = tasks.filter((task) => task.connector_type !== 'manual');
    expect(apiTasks.filter((task) => task.status !== 'done')).toEqual([]);
    expect(sims.zendesk.calls.count('DELETE /api/v2/deleted_users/:id', 200)).toBe(PEOPLE.length);
    expect(sims.hubspot.count('POST', '/crm/v3/objects/contacts/gdpr-delete', 204)).toBe(PEOPLE.length);
    expect([...sims.visma.calls.associateDeletes.values()]).toEqual(PEOPLE.map(() => 1));

    expect(await count('SELECT count(*) AS n FROM outbound_emails')).toBe(expectedMails);
    await waitUntil(() => smtp.messages.length >= expectedMails, 10_000, 'the SMTP server to have every message');
    expect(smtp.messages).toHaveLength(expectedMails);
    expect(new Set(smtp.messages.map((mail) => mail.messageId)).size).toBe(expectedMails);
    expect(smtp.to(ALERTS_TO)).toHaveLength(PEOPLE.length);

    expect(await count('SELECT count(*) AS n FROM case_alerts')).toBe(PEOPLE.length);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE type = 'deadline.alert'`)).toBe(PEOPLE.length);
  }, 150_000);
});
