import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { api, registration, simulatorSecrets, startSimulators, taskOf, waitForCase, writeDataMap, type Api, type Simulators } from './fanout-stack';
import { seedHubSpot } from './norwegian-people';

const PREFIX = 'FANOUT_LIMIT';
const PEOPLE = ['Nora Aasen', 'Emma Moe', 'Jakob Lie', 'Filip Ruud', 'Maja Strand'].map((name, index) => ({
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@example.no`,
  phone: `+479100000${index}`,
}));

/** The per-connector rate limit keeps a burst of tasks under the provider's own limit. */
describe('per-connector rate limit', () => {
  let sims: Simulators;
  let stack: TestApp;
  let client: Api;
  let auth: { Authorization: string };
  const secrets = simulatorSecrets(PREFIX);

  beforeAll(async () => {
    Object.assign(process.env, secrets);
    // A strict portal: 6 requests a second. One marketing stop takes about three requests.
    sims = await startSimulators({ hubspot: { rateLimit: { maxPerInterval: 6, intervalMs: 1000 } } });
    for (const person of PEOPLE) seedHubSpot(sims.hubspot, person);
    stack = await startTestApp({
      env: {
        SYSTEMS_FILE: writeDataMap(sims, PREFIX, ['hubspot'], []),
        TASK_RATE_LIMITS: 'hubspot=1/1000',
        CONNECTOR_INLINE_RETRY_WAIT_MS: '0',
        TASK_BACKOFF_MS: '100',
      },
    });
    auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await sims?.close();
    for (const name of Object.keys(secrets)) delete process.env[name];
  });

  it('runs a burst of HubSpot tasks without a single 429', async () => {
    const references = await Promise.all(
      PEOPLE.map(
        async (person) =>
          (await (await client.post('/api/v1/cases', registration('objection', person, { processing: 'direct_marketing' }))).json()).reference as string,
      ),
    );
    for (const reference of references) {
      const body = await waitForCase(client, reference, (current) => current.status === 'awaiting_review', 60_000);
      expect(taskOf(body, 'hubspot').status).toBe('done');
    }
    expect(sims.hubspot.count('POST', '/communication-preferences/v4/statuses/:subscriber/unsubscribe-all')).toBeGreaterThanOrEqual(PEOPLE.length);
    expect(sims.hubspot.calls.filter((call) => call.status === 429)).toEqual([]);
  });
});
