import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { api, registration, simulatorSecrets, startSimulators, taskOf, waitForCase, writeDataMap, type Api, type Simulators } from '../fanout/fanout-stack';
import { seedHubSpot } from '../fanout/norwegian-people';
import type { RecordsCaseBody } from './records-stack';

const PREFIX = 'RECORDS_LIMIT';
const PEOPLE = ['Nora Aasen', 'Emma Moe', 'Jakob Lie', 'Filip Ruud', 'Maja Strand'].map((name, index) => ({
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@example.no`,
  phone: `+479200000${index}`,
}));

/** The search for records runs on the connector's task queue: its rate limit holds searches and
 *  tasks together under the provider's limit, and a 429 pauses the queue without using an attempt. */
describe('record searches under the per-connector rate limit', () => {
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    // A strict portal: 6 requests a second.
    sims = await startSimulators({ hubspot: { rateLimit: { maxPerInterval: 6, intervalMs: 1000 } } });
    for (const person of PEOPLE) seedHubSpot(sims.hubspot, person);
    stack = await startTestApp({
      env: {
        SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['hubspot'], []),
        TASK_RATE_LIMITS: 'hubspot=1/1000',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
        // One attempt: a 429 that used one up would fail the search for good.
        TASK_ATTEMPTS: '1',
        TASK_BACKOFF_MS: '100',
      },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  it('searches and acts for a burst of cases without going over the limit; a 429 during a search waits Retry-After and is not an attempt', async () => {
    // The first search HubSpot sees (a record search: nothing runs before it) is answered 429.
    sims.hubspot.failNext({
      method: 'POST',
      route: '/crm/v3/objects/contacts/search',
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { status: 'error', category: 'RATE_LIMITS', message: 'You have reached your secondly limit.' },
    });
    const references = await Promise.all(
      PEOPLE.map(
        async (person) =>
          (await (await client.post('/api/v1/cases', registration('objection', person, { processing: 'direct_marketing' }))).json()).reference as string,
      ),
    );
    for (const reference of references) {
      const body = (await waitForCase(client, reference, (current) => current.status === 'awaiting_review', 60_000)) as RecordsCaseBody;
      expect(body.recordSearch).toEqual([{ system: 'hubspot', status: 'done' }]);
      expect(body.records.map((record) => record.status)).toEqual(['matched']);
      expect(taskOf(body, 'hubspot').status).toBe('done');
    }
    expect(sims.hubspot.count('POST', '/communication-preferences/v4/statuses/:subscriber/unsubscribe-all')).toBeGreaterThanOrEqual(PEOPLE.length);
    // Only the scripted 429: after it the queue waited instead of tripping the portal's limit.
    expect(sims.hubspot.calls.filter((call) => call.status === 429)).toHaveLength(1);
  });
});
