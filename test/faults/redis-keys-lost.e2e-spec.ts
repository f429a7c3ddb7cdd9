import Redis from 'ioredis';
import { LegalHoldService } from '../../src/connectors/holds/legal-hold.service';
import { DeadlineService } from '../../src/deadlines/deadline.service';
import { addDays } from '../../src/common/iso-date';
import { ReconciliationService } from '../../src/deadlines/alerts/reconciliation.service';
import { QueueName, jobIds } from '../../src/queues/queue-catalogue';
import { deleteKeysUnder, queueOf } from '../support/queues';
import { waitUntil } from '../support/service-process';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';

const OVERDUE = 100;
const FUTURE = 400;
const HOLDS = 40;
const ALERTS_TO = 'frister@firma.example';

/**
 * Redis loses every key under this stack's queue prefix (never FLUSHALL: other test files share the
 * server) with 500 open cases, 40 of them with records under a legal hold. Reconciliation rebuilds
 * every alert job and hold-erasure job with the right delay, and no alert goes out twice.
 */
describe('Redis loses every job with 500 open cases', () => {
  const smtp = new SmtpCapture();
  const redis = new Redis(TEST_REDIS_URL);
  let stack: TestApp;

  beforeAll(async () => {
    // ALERT_HOUR 0: today's overdue alert is due whenever the test runs.
    stack = await startTestApp({ role: 'all', env: { SMTP_URL: await smtp.start(), STAFF_ALERT_EMAIL: ALERTS_TO, ALERT_HOUR: '0' } });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
    redis.disconnect();
  });

  const wipePrefix = () => deleteKeysUnder(redis, stack.config.QUEUE_PREFIX);

  /** When a delayed job is due (host clock), or null when it is missing. */
  const dueAt = async (queue: QueueName, jobId: string) => {
    const job = await queueOf(stack.context, queue).getJob(jobId);
    return job ? job.timestamp + (job.delay ?? 0) : null;
  };

  it('rebuilds every alert and hold job with its delay and sends no alert twice', async () => {
    const deadlines = stack.context.get(DeadlineService);
    const today = deadlines.today();
    // 100 cases three days overdue (their alert is due now), 400 due in 20 days (due-7d in 13).
    const cases: Array<{ id: string; effective_due: string }> = await stack.dataSource.query(
      `INSERT INTO cases (reference, type, channel, status, language, subject_email, details,
                          received_at, received_on, statutory_due, promise_due, effective_due, send_by, version)
       SELECT 'DSR-2026-' || lpad((9000 + n)::text, 7, '0'), 'erasure', 'letter', 'awaiting_review', 'nb',
              'redis-tap' || n || '@example.no', '{}'::jsonb, now(), d - 30, d + 1, d, d, d - 1, 1
         FROM generate_series(1, $1::int) AS n,
              LATERAL (SELECT (CASE WHEN n <= $2 THEN $3::date - 3 ELSE $3::date + 20 END) AS d) AS day
       RETURNING id, effective_due::text`,
      [OVERDUE + FUTURE, OVERDUE, today],
    );
    // Visma kept the bookkeeping records of 40 of them until 100 days from now.
    const until = addDays(today, 100);
    const holds: Array<{ id: string }> = await stack.dataSource.query(
      `WITH tasks AS (
         INSERT INTO case_tasks (case_id, system_id, connector_type, action, status)
         SELECT id, 'visma', 'visma', 'erase', 'retained' FROM unnest($1::uuid[]) AS id
         RETURNING id, case_id)
       INSERT INTO legal_holds (case_id, task_id, system_id, records, basis, until)
       SELECT case_id, id, 'visma', 'invoices and customer ledger entries', 'bokføringsloven § 13', $2::date FROM tasks
       RETURNING id`,
      [cases.slice(OVERDUE, OVERDUE + HOLDS).map((row) => row.id), until],
    );

    const reconciliation = stack.context.get(ReconciliationService);
    await reconciliation.reconcile();
    const alertsSent = async () => Number((await stack.dataSource.query('SELECT count(*) AS n FROM case_alerts'))[0].n);
    await waitUntil(async () => (await alertsSent()) === OVERDUE && smtp.to(ALERTS_TO).length === OVERDUE, 45_000, 'the overdue alerts');

    expect(await wipePrefix()).toBeGreaterThan(0);
    for (const row of cases.slice(0, 3)) expect(await dueAt(QueueName.Deadlines, jobIds.alert(row.id))).toBeNull();

    const report = await reconciliation.reconcile();
    expect(report.openCases).toBe(OVERDUE + FUTURE);
    expect(report.alertJobsOffered).toBe(OVERDUE + FUTURE);

    const tolerance = 60_000;
    const tomorrow = deadlines.alertInstant(addDays(today, 1)).getTime();
    for (const row of cases.slice(0, OVERDUE)) {
      // Today's overdue reminder went out before the loss: the rebuilt job waits for tomorrow's.
      expect(Math.abs((await dueAt(QueueName.Deadlines, jobIds.alert(row.id)))! - tomorrow)).toBeLessThan(tolerance);
    }
    for (const row of cases.slice(OVERDUE)) {
      const sevenDaysBefore = deadlines.alertInstant(addDays(row.effective_due, -7)).getTime();
      expect(Math.abs((await dueAt(QueueName.Deadlines, jobIds.alert(row.id)))! - sevenDaysBefore)).toBeLessThan(tolerance);
    }
    const holdDue = stack.context.get(LegalHoldService).dueAt({ until }).getTime();
    expect(holdDue).toBe(deadlines.alertInstant(addDays(until, 1)).getTime());
    for (const hold of holds) {
      expect(Math.abs((await dueAt(QueueName.Fanout, jobIds.legalHold(hold.id)))! - holdDue)).toBeLessThan(tolerance);
    }

    // A second pass and the workers running the rebuilt jobs send nothing new.
    await reconciliation.reconcile();
    const outbox = async () =>
      (await stack.dataSource.query(`SELECT status, count(*)::int AS n FROM outbound_emails GROUP BY status`)) as Array<{ status: string; n: number }>;
    await waitUntil(async () => (await outbox()).every((row) => row.status === 'sent'), 20_000, 'the outbox to settle');
    expect(await outbox()).toEqual([{ status: 'sent', n: OVERDUE }]);
    expect(await alertsSent()).toBe(OVERDUE);
    expect(smtp.to(ALERTS_TO)).toHaveLength(OVERDUE);
    expect(new Set(smtp.messages.map((mail) => mail.subject)).size).toBe(OVERDUE);
  }, 120_000);
});
