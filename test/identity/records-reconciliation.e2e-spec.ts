import Redis from 'ioredis';
import { api, registration, simulatorSecrets, startSimulators, taskOf, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { seedHubSpot } from '../fanout/norwegian-people';
import { CasesService } from '../../src/cases/cases.service';
import { deleteKeysUnder } from '../support/queues';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import type { RecordsCaseBody } from './records-stack';

const PREFIX = 'RECORDS_RECONCILE';
const PERSON = { name: 'Nils Nilsen', email: 'nils.nilsen@example.no', phone: '+4793000001' };

/** PostgreSQL is the record of a pending search: a worker starting after Redis lost the job queues it again. */
describe('record searches rebuilt from PostgreSQL', () => {
  const redis = new Redis(TEST_REDIS_URL);
  let sims: Simulators;
  let apiStack: TestApp;
  let worker: TestApp | undefined;
  let client: Api;
  let env: Record<string, string>;
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    sims = await startSimulators();
    seedHubSpot(sims.hubspot, PERSON);
    env = { SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['hubspot'], []), TASK_BACKOFF_MS: '100' };
    // An api process only: the search is recorded and queued, and nothing runs it yet.
    apiStack = await startTestApp({ role: 'api', env });
    const auth = await adminAuth(apiStack.url);
    client = api(apiStack.url, () => auth);
  });
  afterAll(async () => {
    await worker?.close();
    await apiStack?.close();
    await sims?.close();
    redis.disconnect();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  it('queues a pending search again after Redis lost it, and the case goes on to its tasks', async () => {
    const created = await (await client.post('/api/v1/cases', registration('objection', PERSON, { processing: 'direct_marketing' }))).json();
    // What a worker's relay and the staged case-registered job do (the registration's fan-out
    // records the search and queues it), before Redis loses everything it was given.
    const [registered] = await apiStack.dataSource.query<Array<{ data: { caseId: string; actor: string } }>>(
      `SELECT data FROM job_outbox WHERE name = 'case-registered'`,
    );
    await apiStack.context.get(CasesService).publishRegistered(registered.data.caseId, registered.data.actor);
    await apiStack.dataSource.query('DELETE FROM job_outbox');
    const pending = (await (await client.get(`/api/v1/cases/${created.reference}`)).json()) as RecordsCaseBody;
    expect(pending.recordSearch).toEqual([{ system: 'hubspot', status: 'pending' }]);
    expect(pending.tasks).toEqual([]);

    await deleteKeysUnder(redis, apiStack.config.QUEUE_PREFIX);
    worker = await startTestApp({
      role: 'worker',
      databaseUrl: apiStack.config.DATABASE_URL,
      queuePrefix: apiStack.config.QUEUE_PREFIX,
      env,
    });
    const done = (await waitForCase(client, created.reference, (current) => current.status === 'awaiting_review', 60_000)) as RecordsCaseBody;
    expect(done.recordSearch).toEqual([{ system: 'hubspot', status: 'done' }]);
    expect(done.records.map((record) => record.status)).toEqual(['matched']);
    expect(taskOf(done, 'hubspot').status).toBe('done');
  });
});
