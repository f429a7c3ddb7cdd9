import { FanoutService } from '../../src/connectors/fanout/fanout.service';
import { simulatorSecrets, startSimulatorsWith, writeDataMap, type Simulators } from '../fanout/fanout-stack';
import { waitUntil, type ServiceProcess } from '../support/service-process';
import { startTestApp, type TestApp } from '../support/test-app';
import { faultPeople, seedVerifiedCases, startWorker, workerEnv } from './fault-workers';

const PREFIX = 'FAULT_KILL';
const PEOPLE = faultPeople(200, 'kill');

/**
 * kill -9 of a worker process in the middle of a fan-out of 200 erasures across Zendesk, Visma and
 * HubSpot; a new worker takes over. Every task ends, and each deletion happens exactly once.
 */
describe('a worker killed with SIGKILL during a fan-out of 200 erasures', () => {
  let sims: Simulators;
  let stack: TestApp;
  let env: Record<string, string>;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    // Provider limits raised: this test is about the crash, not about waiting out a minute's quota.
    // Provider rate limits are not what this test is about (each has its own specs): raised so 200
    // erasures (a HubSpot one reads the contact's engagements before and after) fit the wait.
    sims = await startSimulatorsWith(PEOPLE, {
      zendesk: { rateLimitPerMinute: 100_000 },
      visma: { rateLimitPerMinute: 100_000 },
      hubspot: { rateLimit: { maxPerInterval: 100_000, searchPerSecond: 1_000 } },
    });
    const settings = {
      SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot'], []),
      TASK_RATE_LIMITS: process.env.FAULT_TASK_RATE_LIMITS ?? 'zendesk=40/1000,visma=40/1000,hubspot=40/1000',
      // A dead worker's running tasks are picked up again after this long.
      TASK_LOCK_MS: '2000',
      TASK_BACKOFF_MS: '200',
    };
    stack = await startTestApp({ role: 'api', env: settings });
    env = workerEnv(stack, { ...settings, ...simulatorSecrets(PREFIX) });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await stack?.close();
    await sims?.close();
  });

  it('finishes every task after a restart and deletes each person once in each system', async () => {
    const ids = await seedVerifiedCases(stack, PEOPLE);
    const fanout = stack.context.get(FanoutService);
    // Fan-out first searches each system for the person's records (no worker runs them yet).
    for (const id of ids) expect(await fanout.fanOut(id)).toBe(0);
    expect(Number((await stack.dataSource.query(`SELECT count(*) AS n FROM case_record_discoveries WHERE status = 'pending'`))[0].n)).toBe(ids.length * 3);

    const first = await startWorker(env, workers);
    const finished = async () => Number((await stack.dataSource.query(`SELECT count(*) AS n FROM case_tasks WHERE status NOT IN ('pending','running')`))[0].n);
    await waitUntil(async () => (await finished()) >= 30, 60_000, 'the first tasks to finish');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(await finished()).toBeLessThan(ids.length * 3);

    await startWorker(env, workers);
    try {
      await waitUntil(async () => (await finished()) === ids.length * 3, 90_000, 'every task to end');
    } catch (error) {
      const left = await stack.dataSource.query(
        `SELECT connector_type, status, count(*)::int AS n, max(attempts) AS attempts, max(error) AS error FROM case_tasks GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      throw new Error(`${(error as Error).message}: ${JSON.stringify(left)}`, { cause: error });
    }
    const statuses: Array<{ status: string; n: number }> = await stack.dataSource.query('SELECT status, count(*)::int AS n FROM case_tasks GROUP BY status');
    // A task killed after the provider deleted the person re-runs and finds nothing (not_found);
    // either way the task has ended, and the simulators below prove the deletion happened once.
    expect(statuses.every(({ status }) => status === 'done' || status === 'not_found')).toBe(true);
    expect(statuses.reduce((sum, { n }) => sum + n, 0)).toBe(ids.length * 3);
    await waitUntil(
      async () => Number((await stack.dataSource.query(`SELECT count(*) AS n FROM cases WHERE status = 'awaiting_review'`))[0].n) === ids.length,
      30_000,
      'every case to settle',
    );

    // The simulators count deletions: one per person in each system, never two.
    expect(sims.zendesk.calls.count('DELETE /api/v2/deleted_users/:id', 200)).toBe(PEOPLE.length);
    expect(sims.zendesk.state.permanentlyDeletedUserIds.size).toBe(PEOPLE.length);
    expect(sims.hubspot.count('POST', '/crm/v3/objects/contacts/gdpr-delete', 204)).toBe(PEOPLE.length);
    expect(sims.visma.calls.associateDeletes.size).toBe(PEOPLE.length);
    expect([...sims.visma.calls.associateDeletes.values()].every((count) => count === 1)).toBe(true);
  }, 180_000);
});
