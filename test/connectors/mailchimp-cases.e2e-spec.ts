import { api, registration, waitForCase, type Api } from '../fanout/fanout-stack';
import { startMailchimpSimulator, type MailchimpSimulator } from '../simulators/mailchimp/mailchimp-simulator';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { writeMailchimpDataMap } from '../objections/mailchimp-stack';

const KEY_ENV = 'MAILCHIMP_CASES_E2E_KEY';
const ANNE = { email: 'anne.lie@example.no', name: 'Anne Lie' };
const PER = { email: 'per.dahl@example.no', name: 'Per Dahl' };
const events = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    activity_type: 'open',
    created_at_timestamp: new Date(Date.UTC(2026, 5, 1, index)).toISOString(),
    campaign_id: `c${index}`,
  }));

/** Access and erasure cases through the REST API, with Mailchimp (simulated) as the only system. */
describe('access and erasure cases with Mailchimp', () => {
  let sim: MailchimpSimulator;
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    sim = await startMailchimpSimulator({
      lists: [
        {
          id: 'news1',
          name: 'Nyhetsbrev',
          members: [
            {
              email: ANNE.email,
              mergeFields: { FNAME: 'Anne', LNAME: 'Lie' },
              tags: ['kunde'],
              notes: ['Ønsker bare tilbud om sykkelbud'],
              activity: events(3),
            },
            { email: PER.email, mergeFields: { FNAME: 'Per', LNAME: 'Dahl' }, activity: events(2) },
          ],
        },
        {
          id: 'club2',
          name: 'Kundeklubben',
          members: [
            { email: ANNE.email, activity: events(1) },
            { email: PER.email, status: 'unsubscribed' },
          ],
        },
      ],
    });
    process.env[KEY_ENV] = sim.apiKey;
    stack = await startTestApp({ env: { SYSTEMS_FILE: writeMailchimpDataMap(sim, KEY_ENV), TASK_BACKOFF_MS: '100', CONNECTOR_INLINE_RETRY_WAIT_MS: '0' } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
    delete process.env[KEY_ENV];
  });

  it('an access request discloses both memberships, the note and every logged event', async () => {
    const created = await client.post('/api/v1/cases', registration('access', ANNE));
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const body = await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
    const task = body.tasks.find((candidate) => candidate.system === 'mailchimp')!;
    expect(task.status).toBe('done');
    expect(task.outcome?.dispositions).toEqual([
      { kind: 'disclosed', what: 'contact', count: 2 },
      { kind: 'disclosed', what: 'note', count: 1 },
      { kind: 'disclosed', what: 'marketing-activity', count: 4 },
    ]);
    // Read-only: nothing in Mailchimp changed.
    expect(sim.calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('an erasure permanently deletes the person from every audience, and Mailchimp refuses to import the address again', async () => {
    const created = await client.post('/api/v1/cases', registration('erasure', PER));
    expect(created.status).toBe(201);
    const { reference } = (await created.json()) as { reference: string };
    const body = await waitForCase(client, reference, (current) => current.status === 'awaiting_review');
    const task = body.tasks.find((candidate) => candidate.system === 'mailchimp')!;
    expect(task.status).toBe('done');
    expect(task.outcome?.dispositions).toEqual([{ kind: 'erased', what: 'contact', count: 2 }]);
    expect(sim.count('POST', '/3.0/lists/:listId/members/:hash/actions/delete-permanent', 204)).toBe(2);
    expect(sim.state.member('news1', PER.email)).toBeUndefined();
    expect(sim.state.member('club2', PER.email)).toBeUndefined();
    expect(sim.state.forgotten('news1', PER.email)).toBe(true);
    // Anne, in the same audiences, is untouched.
    expect(sim.state.member('news1', ANNE.email)?.status).toBe('subscribed');
  });
});
