import { FanoutService } from '../../src/connectors/fanout/fanout.service';
import { simulatorSecrets, startSimulators, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { waitUntil } from '../support/service-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { faultPeople, seedPeople, seedVerifiedCases, vismaSeed } from './fault-workers';

const PREFIX = 'FAULT_METRICS';
const PEOPLE = faultPeople(3, 'maaling');

/** /metrics after a small fan-out: connector calls per provider, task job durations per queue,
 *  tasks by status, e-mails by status and open cases by deadline state, with the values the run made. */
describe('/metrics after a small fan-out', () => {
  let sims: Simulators;
  let stack: TestApp;

  beforeAll(async () => {
    sims = await startSimulators({ visma: vismaSeed(PEOPLE) });
    seedPeople(sims, PEOPLE);
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

  const value = (text: string, series: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('exposes the work the workers did', async () => {
    const ids = await seedVerifiedCases(stack, PEOPLE, 'access');
    await stack.dataSource.query(`UPDATE cases SET effective_due = current_date + 1 WHERE id = $1`, [ids[0]]);
    for (const id of ids) await stack.context.get(FanoutService).fanOut(id);
    await waitUntil(
      async () => Number((await stack.dataSource.query(`SELECT count(*) AS n FROM cases WHERE status = 'awaiting_review'`))[0].n) === ids.length,
      45_000,
      'the fan-out to finish',
    );
    const response = await fetch(`${stack.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const connector of ['zendesk', 'visma', 'hubspot']) {
      expect(value(text, `dsr_connector_calls_total{connector="${connector}"}`)).toBe(PEOPLE.length);
      expect(value(text, `dsr_tasks{connector="${connector}",status="done"}`)).toBe(PEOPLE.length);
      const queue = `tasks-${connector}`;
      const count = value(text, `dsr_task_job_duration_seconds_count{queue="${queue}"}`);
      expect(count).toBeGreaterThanOrEqual(PEOPLE.length);
      expect(value(text, `dsr_task_job_duration_seconds_bucket{queue="${queue}",le="+Inf"}`)).toBe(count);
      expect(value(text, `dsr_task_job_duration_seconds_sum{queue="${queue}"}`)).toBeGreaterThan(0);
    }
    expect(text).toContain('# TYPE dsr_task_job_duration_seconds histogram');
    expect(value(text, 'dsr_open_cases_by_deadline{state="overdue"}')).toBe(0);
    expect(value(text, 'dsr_open_cases_by_deadline{state="due_2d"}')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="due_7d"}')).toBe(1);
    expect(value(text, 'dsr_open_cases_by_deadline{state="later"}')).toBe(2);
    expect(value(text, 'dsr_emails{status="failed"}')).toBe(0);
  }, 90_000);
});
