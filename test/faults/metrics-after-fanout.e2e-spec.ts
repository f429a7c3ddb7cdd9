import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { addDays } from '../../src/common/iso-date';
import { FanoutService } from '../../src/connectors/fanout/fanout.service';
import { DeadlineService } from '../../src/deadlines/deadline.service';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queues/queue-catalogue';
import { simulatorSecrets, startSimulatorsWith, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { FixedClock } from '../support/fixed-clock';
import { waitUntil } from '../support/service-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { faultPeople, seedVerifiedCases } from './fault-workers';

const PREFIX = 'FAULT_METRICS';
const PEOPLE = faultPeople(3, 'maaling');

/** One series' value in Prometheus text; undefined when the series is missing. */
const value = (text: string, series: string) => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};
const scrape = async (stack: TestApp) => {
  const response = await fetch(`${stack.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
};
const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;
const tallyByClass = (statuses: number[]) =>
  statuses.reduce<Record<string, number>>((sum, status) => ({ ...sum, [statusClass(status)]: (sum[statusClass(status)] ?? 0) + 1 }), {});

/** /metrics after a small fan-out: connector calls and HTTP answers per provider (429s included),
 *  job durations per queue, queue depths for every queue, tasks by status, e-mails by status and
 *  open cases by deadline state, with the values the run made. */
describe('/metrics after a small fan-out', () => {
  let sims: Simulators;
  let stack: TestApp;

  beforeAll(async () => {
    sims = await startSimulatorsWith(PEOPLE);
    Object.assign(process.env, simulatorSecrets(PREFIX));
    stack = await startTestApp({
      role: 'all',
      env: { SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot'], []), TASK_RATE_LIMITS: 'zendesk=50/1000,visma=50/1000,hubspot=50/1000' },
    });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
  });

  it('exposes the work the workers did', async () => {
    // HubSpot throttles the first two calls with a short Retry-After, which the client waits out inline.
    sims.hubspot.failNext({ status: 429, headers: { 'Retry-After': '1' }, body: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' }, times: 2 });
    const ids = await seedVerifiedCases(stack, PEOPLE, 'access');
    // Tomorrow in the company's time zone (the database's current_date is UTC: from 23:00 UTC Oslo is a day ahead).
    const tomorrow = addDays(stack.context.get(DeadlineService).today(), 1);
    await stack.dataSource.query(`UPDATE cases SET effective_due = $2 WHERE id = $1`, [ids[0], tomorrow]);
    for (const id of ids) await stack.context.get(FanoutService).fanOut(id);
    await waitUntil(
      async () => Number((await stack.dataSource.query(`SELECT count(*) AS n FROM cases WHERE status = 'awaiting_review'`))[0].n) === ids.length,
      45_000,
      'the fan-out to finish',
    );
    // A reconciliation job gives the seeded cases their alert jobs: the one due tomorrow alerts now.
    const maintenance = stack.context.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });
    await maintenance.add(JobName.ReconcileDeadlines, {}, JOB_OPTIONS[JobName.ReconcileDeadlines]);
    const ran = (text: string, queue: string, outcome: string) => value(text, `dsr_job_duration_seconds_count{queue="${queue}",outcome="${outcome}"}`) ?? 0;
    await waitUntil(
      async () => {
        const text = await scrape(stack);
        return (
          ran(text, 'maintenance', 'completed') > 0 &&
          ran(text, 'deadlines', 'deferred') + ran(text, 'deadlines', 'completed') > 0 &&
          ran(text, 'email', 'completed') > 0
        );
      },
      30_000,
      'the reconciliation, the alert and its e-mail',
    );
    const text = await scrape(stack);

    for (const connector of ['zendesk', 'visma', 'hubspot']) {
      // Per case and system: the search for the person's records, then the export.
      expect(value(text, `dsr_connector_calls_total{connector="${connector}"}`)).toBe(2 * PEOPLE.length);
      expect(value(text, `dsr_tasks{connector="${connector}",status="done"}`)).toBe(PEOPLE.length);
      const queue = `tasks-${connector}`;
      const count = value(text, `dsr_task_job_duration_seconds_count{queue="${queue}"}`);
      expect(count).toBeGreaterThanOrEqual(PEOPLE.length);
      expect(value(text, `dsr_task_job_duration_seconds_bucket{queue="${queue}",le="+Inf"}`)).toBe(count);
      expect(value(text, `dsr_task_job_duration_seconds_sum{queue="${queue}"}`)).toBeGreaterThan(0);
      expect(value(text, `dsr_job_duration_seconds_count{queue="${queue}",outcome="completed"}`)).toBe(count);
    }
    expect(text).toContain('# TYPE dsr_task_job_duration_seconds histogram');
    expect(text).toContain('# TYPE dsr_job_duration_seconds histogram');
    for (const queue of ['fanout', 'maintenance', 'email', 'audit']) {
      const count = ran(text, queue, 'completed');
      expect(count).toBeGreaterThan(0);
      expect(value(text, `dsr_job_duration_seconds_bucket{queue="${queue}",outcome="completed",le="+Inf"}`)).toBe(count);
    }

    // HTTP requests per provider and status class: exactly what the simulators answered.
    const httpCalls = (connector: string, klass: string) => value(text, `dsr_connector_http_requests_total{connector="${connector}",status_class="${klass}"}`);
    for (const [connector, statuses] of [
      ['zendesk', sims.zendesk.calls.all.map((call) => call.status)],
      ['hubspot', sims.hubspot.calls.map((call) => call.status)],
    ] as const) {
      const expected = tallyByClass(statuses);
      expect(Object.values(expected).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
      for (const [klass, count] of Object.entries(expected)) expect(httpCalls(connector, klass)).toBe(count);
    }
    const vismaCalls = sims.visma.calls;
    expect(httpCalls('visma', '2xx')).toBeGreaterThanOrEqual(vismaCalls.graphql);
    expect(vismaCalls.graphql).toBeGreaterThan(0);
    // The two scripted 429s (and any from HubSpot's own search limit: each case's record search
    // searches too) were waited out inline: counted as HTTP answers, not as actions handed back.
    const throttled = sims.hubspot.calls.filter((call) => call.status === 429).length;
    expect(throttled).toBeGreaterThanOrEqual(2);
    expect(value(text, 'dsr_connector_http_rate_limited_total{connector="hubspot"}')).toBe(throttled);
    expect(value(text, 'dsr_connector_rate_limited_total{connector="hubspot"}')).toBeUndefined();

    // A depth series for every queue in the catalogue and every state.
    for (const queue of Object.values(QueueName)) {
      for (const state of ['waiting', 'delayed', 'active', 'failed'])
        expect([queue, state, value(text, `dsr_queue_jobs{queue="${queue}",state="${state}"}`)]).toEqual([queue, state, expect.any(Number)]);
    }
    expect(value(text, 'dsr_queue_jobs{queue="tasks-hubspot",state="failed"}')).toBe(0);

    expect(value(text, 'dsr_open_cases_by_deadline{state="overdue"}')).toBe(0);
    expect(value(text, 'dsr_cases_overdue')).toBe(0);
    expect(value(text, 'dsr_open_cases_by_deadline{state="due_2d"}')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="due_7d"}')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="later"}')).toBe(2);
    expect(value(text, 'dsr_emails{status="failed"}')).toBe(0);
  }, 120_000);
});

/** Both overdue figures count by the company's date (TZ_NAME, from the clock), not by UTC: at
 *  23:30 UTC on 5 March it is already 6 March in Oslo, so a case due on the 5th is overdue. */
describe('/metrics overdue count at midnight in Oslo', () => {
  const clock = new FixedClock(new Date('2026-03-05T23:30:00Z'));
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', clock });
  });
  afterAll(() => stack?.close());

  it('counts the cases past their deadline in the company time zone', async () => {
    const people = faultPeople(4, 'midnatt');
    const ids = await seedVerifiedCases(stack, people, 'access');
    const due = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-20'];
    for (const [index, id] of ids.entries()) await stack.dataSource.query('UPDATE cases SET effective_due = $2 WHERE id = $1', [id, due[index]]);
    await stack.dataSource.query(`UPDATE cases SET status = 'completed', closed_at = now() WHERE id = $1`, [ids[0]]);

    const text = await scrape(stack);
    // Open and past their deadline on 6 March: only the case due on the 5th (the 4th is closed).
    expect(value(text, 'dsr_cases_overdue')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="overdue"}')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="due_2d"}')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="later"}')).toBe(1);
  });
});
