import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess, waitUntil, type ServiceProcess } from '../support/service-process';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { api, registration, simulatorSecrets, startSimulatorsWith, waitForCase, writeDataMap, type Api, type Simulators } from './fanout-stack';
import type { TestPerson } from './norwegian-people';

const PREFIX = 'FANOUT_CRASH';
/** Customers without recent invoices, so Visma deletes them (a deletion the simulator counts). */
const PEOPLE: TestPerson[] = Array.from({ length: 6 }, (_, index) => ({
  name: `Testperson ${['Aas', 'Bakke', 'Dahl', 'Eide', 'Foss', 'Haug'][index]}`,
  email: `testperson${index}@example.no`,
  phone: `+479000000${index}`,
  customerNo: 20001 + index,
  invoices: [],
}));

/**
 * The worker runs as its own process (ROLE=worker, the compiled service) and is killed with SIGKILL
 * in the middle of a fan-out; a fresh worker finishes the job. Every deletion happens exactly once.
 */
describe('a worker killed in the middle of a fan-out', () => {
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let auth: { Authorization: string };
  let workerEnv: Record<string, string>;
  const workers: ServiceProcess[] = [];

  const startWorker = async () => {
    const worker = startServiceProcess(workerEnv);
    workers.push(worker);
    try {
      await waitUntil(() => worker.output().includes('worker started'), 60_000, 'worker start');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${worker.output().slice(-3000)}`, { cause: error });
    }
    return worker;
  };

  beforeAll(async () => {
    sims = await startSimulatorsWith(PEOPLE);
    const settings = {
      SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['zendesk', 'visma', 'hubspot'], []),
      // Slow enough that the kill lands mid fan-out; a dead worker's tasks restart after 2 s.
      TASK_RATE_LIMITS: 'zendesk=1/400,visma=1/400,hubspot=1/400',
      TASK_LOCK_MS: '2000',
      TASK_BACKOFF_MS: '200',
    };
    stack = await startTestApp({ role: 'api', env: settings });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
    workerEnv = {
      ...settings,
      ...simulatorSecrets(PREFIX),
      ROLE: 'worker',
      DATABASE_URL: stack.config.DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: stack.config.QUEUE_PREFIX,
      APP_SECRET: stack.config.APP_SECRET,
      MAIL_DIR: mkdtempSync(join(tmpdir(), 'dsr-mail-')),
    };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await stack?.close();
    await sims?.close();
  });

  it('completes every task exactly once after a restart', async () => {
    const first = await startWorker();
    const references: string[] = [];
    for (const person of PEOPLE) {
      const response = await client.post('/api/v1/cases', registration('erasure', person));
      expect(response.status).toBe(201);
      references.push((await response.json()).reference);
    }
    const finished = async () => Number((await stack.dataSource.query(`SELECT count(*) AS n FROM case_tasks WHERE status NOT IN ('pending','running')`))[0].n);
    await waitUntil(async () => (await finished()) >= 3, 60_000, 'the first tasks to finish');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = await finished();
    expect(atKill).toBeLessThan(18);

    await startWorker();
    for (const reference of references) {
      const body = await waitForCase(client, reference, (current) => current.status === 'awaiting_review', 90_000);
      for (const task of body.tasks) expect(['done', 'not_found']).toContain(task.status);
      expect(body.tasks).toHaveLength(3);
      const audit = await (await client.get(`/api/v1/cases/${reference}/audit`)).json();
      expect(audit.items.filter((event: { type: string }) => event.type === 'case.awaiting_review')).toHaveLength(1);
    }
    // The simulators count deletions: one per person in each system, never two.
    expect(sims.zendesk.calls.count('DELETE /api/v2/deleted_users/:id', 200)).toBe(PEOPLE.length);
    expect(sims.zendesk.state.permanentlyDeletedUserIds.size).toBe(PEOPLE.length);
    expect(sims.hubspot.count('POST', '/crm/v3/objects/contacts/gdpr-delete', 204)).toBe(PEOPLE.length);
    expect([...sims.visma.calls.associateDeletes.values()]).toEqual(PEOPLE.map(() => 1));
    expect(sims.visma.calls.associateDeletes.size).toBe(PEOPLE.length);
  }, 240_000);
});
