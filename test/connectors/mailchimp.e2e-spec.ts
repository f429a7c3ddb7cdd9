import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart, Outcome, SystemContext } from '../../src/connectors/connector';
import { ConnectorAuthError, RateLimitedError } from '../../src/connectors/connector-errors';
import { MailchimpConnector, type MailchimpConnectorOptions } from '../../src/connectors/mailchimp/mailchimp.connector';
import {
  DEFAULT_MAILCHIMP_KEY,
  type MailchimpSimulator,
  type MailchimpSimulatorOptions,
  startMailchimpSimulator,
} from '../simulators/mailchimp/mailchimp-simulator';
import { subscriberHash } from '../simulators/mailchimp/mailchimp-state';

const KARI = 'kari.nordmann@example.no';
const MEMBER = '/3.0/lists/:listId/members/:hash';
const ACTIVITY = '/3.0/lists/:listId/members/:hash/activity-feed';
const DELETE_PERMANENT = '/3.0/lists/:listId/members/:hash/actions/delete-permanent';

/** Two hundred sends and opens, more than one page would hold at Mailchimp's default page size. */
const manyEvents = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    activity_type: index % 2 ? 'open' : 'sent',
    created_at_timestamp: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
    campaign_id: `c${Math.floor(index / 2)}`,
    campaign_title: `Tilbud uke ${Math.floor(index / 2) + 1}`,
  }));

const LISTS: MailchimpSimulatorOptions['lists'] = [
  {
    id: 'news1',
    name: 'Nyhetsbrev',
    members: [
      {
        email: 'Kari.Nordmann@Example.no',
        mergeFields: { FNAME: 'Kari', LNAME: 'Nordmann', PHONE: '+47 912 34 567' },
        tags: ['kunde', 'bergen'],
        notes: ['Ringte om levering 3. mars'],
        activity: manyEvents(1003),
        marketingPermissions: [{ text: 'E-post', enabled: true }],
      },
      { email: 'ola@example.no', mergeFields: { FNAME: 'Ola', LNAME: 'Hansen' } },
    ],
  },
  { id: 'club2', name: 'Kundeklubben', members: [{ email: KARI, status: 'pending', mergeFields: { FNAME: 'Kari', LNAME: 'Nordmann' } }] },
  { id: 'old3', name: 'Gamle kampanjer', members: [{ email: KARI, status: 'unsubscribed' }] },
  { id: 'bounce4', name: 'Returnerte', members: [{ email: KARI, status: 'cleaned' }] },
  { id: 'other5', name: 'Bedriftskunder', members: [{ email: 'ola@example.no' }] },
];

let simulator: MailchimpSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: MailchimpSimulatorOptions = {}): Promise<MailchimpSimulator> {
  simulator = await startMailchimpSimulator({ lists: LISTS, ...options });
  return simulator;
}

function contextFor(sim: MailchimpSimulator, connection: Record<string, unknown> = {}, key = sim.apiKey): SystemContext {
  return {
    systemId: 'newsletter',
    connection: { apiKeyEnv: 'MAILCHIMP_API_KEY', baseUrl: sim.apiRoot, ...connection },
    secret: (name) => {
      if (name !== 'MAILCHIMP_API_KEY') throw new Error(`unexpected secret ${name}`);
      return key;
    },
  };
}

function dispositionsOf(result: Outcome | ExportPart): Disposition[] | undefined {
  const list = (result as { dispositions?: Disposition[] }).dispositions;
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}

function connectorWithWaits(options: MailchimpConnectorOptions = {}): { connector: MailchimpConnector; waits: number[] } {
  const waits: number[] = [];
  return { connector: new MailchimpConnector({ sleep: async (ms) => void waits.push(ms), ...options }), waits };
}

const hash = subscriberHash(KARI);

describe('MailchimpConnector against the Mailchimp simulator', () => {
  it('finds the address in every audience by its subscriber hash, ignoring case, and nobody else', async () => {
    const sim = await start();
    const matches = await new MailchimpConnector().find(contextFor(sim), { email: ' KARI.nordmann@example.NO ' });
    expect(matches.map((match) => [match.externalId, match.label])).toEqual([
      [`news1/${hash}`, 'Mailchimp member of "Nyhetsbrev" (subscribed)'],
      [`club2/${hash}`, 'Mailchimp member of "Kundeklubben" (pending)'],
      [`old3/${hash}`, 'Mailchimp member of "Gamle kampanjer" (unsubscribed)'],
      [`bounce4/${hash}`, 'Mailchimp member of "Returnerte" (cleaned)'],
    ]);
    expect(matches[0].holds).toEqual({ emails: [KARI], names: ['Kari Nordmann'] });
    // Only the configured audiences, and only the records the case lists.
    const configured = await new MailchimpConnector().find(contextFor(sim, { listIds: ['club2', 'other5'] }), { email: KARI });
    expect(configured.map((match) => match.externalId)).toEqual([`club2/${hash}`]);
    expect(await new MailchimpConnector().find(contextFor(sim), { email: KARI, onlyRecords: [`old3/${hash}`] })).toHaveLength(1);
    expect(await new MailchimpConnector().find(contextFor(sim), { email: 'nobody@example.no' })).toEqual([]);
  });

  it('refuses a subject without an e-mail address and an audience id the account does not have, without retrying', async () => {
    const sim = await start();
    await expect(new MailchimpConnector().find(contextFor(sim), { phone: '+4791234567' })).rejects.toMatchObject({ retryable: false });
    const missing = new MailchimpConnector().find(contextFor(sim, { listIds: ['nope9'] }), { email: KARI });
    await expect(missing).rejects.toThrow('Mailchimp has no audience nope9 (connection.listIds)');
  });

  it('exports each membership with merge fields, status, tags, notes, location, permissions and every page of activity', async () => {
    const sim = await start();
    const part = await new MailchimpConnector().export(contextFor(sim, { listIds: ['news1'] }), { email: KARI });
    expect(part.recordCount).toBe(1);
    const [membership] = part.data.memberships as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(membership.audience).toBe('Nyhetsbrev');
    expect(membership.member).toMatchObject({ email_address: 'Kari.Nordmann@Example.no', status: 'subscribed', merge_fields: { PHONE: '+47 912 34 567' } });
    expect(membership.member.location.country_code).toBe('NO');
    expect(membership.member._links).toBeUndefined();
    expect(membership.tags.map((tag: { name: string }) => tag.name)).toEqual(['kunde', 'bergen']);
    expect(membership.notes.map((note: { note: string }) => note.note)).toEqual(['Ringte om levering 3. mars']);
    expect(membership.activity).toHaveLength(1003);
    expect(sim.count('GET', ACTIVITY, 200)).toBe(2);
    expect(part.tables?.mailchimp_marketing_permissions).toEqual([{ audience: 'Nyhetsbrev', permission: 'E-post', enabled: true }]);
    expect(part.tables?.mailchimp_merge_fields).toEqual(
      expect.arrayContaining([
        { audience: 'Nyhetsbrev', field: 'FNAME', value: 'Kari' },
        { audience: 'Nyhetsbrev', field: 'PHONE', value: '+47 912 34 567' },
      ]),
    );
    expect(dispositionsOf(part)).toEqual([
      { kind: 'disclosed', what: 'contact', count: 1 },
      { kind: 'disclosed', what: 'note', count: 1 },
      { kind: 'disclosed', what: 'marketing-activity', count: 1003 },
    ]);
    const none = await new MailchimpConnector().export(contextFor(sim), { email: 'nobody@example.no' });
    expect(dispositionsOf(none)).toEqual([{ kind: 'not_held', reason: 'not_found', what: 'contact' }]);
  });

  it('on an objection unsubscribes in every audience that could still send, names each audience, and a repeat says the same', async () => {
    const sim = await start();
    const connector = new MailchimpConnector();
    const outcome = await connector.restrict(contextFor(sim), { email: KARI }, 'marketing');
    expect(outcome.status).toBe('done');
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'suppressed', what: 'Nyhetsbrev', channels: ['email'], minimalEntryOnly: false },
      { kind: 'suppressed', what: 'Kundeklubben', channels: ['email'], minimalEntryOnly: false },
      { kind: 'suppressed', what: 'Gamle kampanjer', channels: ['email'], minimalEntryOnly: false },
    ]);
    expect(outcome.status === 'done' && outcome.details?.audiences).toEqual([
      { listId: 'news1', audience: 'Nyhetsbrev', before: 'subscribed', result: 'unsubscribed' },
      { listId: 'club2', audience: 'Kundeklubben', before: 'pending', result: 'unsubscribed' },
      { listId: 'old3', audience: 'Gamle kampanjer', before: 'unsubscribed', result: 'already unsubscribed' },
      { listId: 'bounce4', audience: 'Returnerte', before: 'cleaned', result: 'not sent to' },
    ]);
    expect(sim.state.member('news1', KARI)?.status).toBe('unsubscribed');
    expect(sim.state.member('club2', KARI)?.status).toBe('unsubscribed');
    expect(sim.state.member('bounce4', KARI)?.status).toBe('cleaned');
    expect(sim.state.member('news1', 'ola@example.no')?.status).toBe('subscribed');
    expect(sim.count('PATCH', MEMBER, 200)).toBe(2);
    expect(outcome.summaryText).toEqual({
      en: 'Mailchimp: unsubscribed in "Nyhetsbrev", "Kundeklubben"; already unsubscribed in "Gamle kampanjer"; left as cleaned or archived (never sent to) in "Returnerte"',
      nb: 'Mailchimp: meldt av i «Nyhetsbrev», «Kundeklubben»; allerede meldt av i «Gamle kampanjer»; latt være som renset eller arkivert (aldri sendt til) i «Returnerte»',
    });

    const again = await connector.restrict(contextFor(sim), { email: KARI }, 'marketing');
    expect(dispositionsOf(again)).toEqual(dispositionsOf(outcome));
    expect(sim.count('PATCH', MEMBER)).toBe(2);

    const nobody = await connector.restrict(contextFor(sim), { email: 'nobody@example.no' }, 'marketing');
    expect(nobody).toMatchObject({ status: 'not_found', dispositions: [{ kind: 'not_held', reason: 'not_found', what: 'contact' }] });
  });

  it('erases by permanent deletion by default: the member is gone and Mailchimp refuses to import the address again', async () => {
    const sim = await start();
    const connector = new MailchimpConnector();
    const outcome = await connector.erase(contextFor(sim, { listIds: ['news1', 'club2'] }), { email: KARI }, { legalHolds: [] });
    expect(dispositionsOf(outcome)).toEqual([{ kind: 'erased', what: 'contact', count: 2 }]);
    expect(sim.count('POST', DELETE_PERMANENT, 204)).toBe(2);
    const read = await fetch(`${sim.apiRoot}/lists/news1/members/${hash}`, { headers: basic(sim.apiKey) });
    expect(read.status).toBe(404);
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    expect(await read.json()).toMatchObject({ title: 'Resource Not Found', status: 404 });
    const reimport = await fetch(`${sim.apiRoot}/lists/news1/members`, {
      method: 'POST',
      headers: { ...basic(sim.apiKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email_address: KARI, status: 'subscribed' }),
    });
    expect(reimport.status).toBe(400);
    expect((await reimport.json()).title).toBe('Forgotten Email Not Subscribed');
    expect(sim.state.member('news1', 'ola@example.no')).toBeDefined();

    const again = await connector.erase(contextFor(sim, { listIds: ['news1', 'club2'] }), { email: KARI }, { legalHolds: [] });
    expect(again).toMatchObject({ status: 'not_found', dispositions: [{ kind: 'not_held', reason: 'not_found', what: 'contact' }] });
  });

  it('with erase: archive only archives, and says restricted, never erased', async () => {
    const sim = await start();
    const outcome = await new MailchimpConnector().erase(contextFor(sim, { listIds: ['news1'], erase: 'archive' }), { email: KARI }, { legalHolds: [] });
    expect(dispositionsOf(outcome)).toEqual([
      {
        kind: 'restricted',
        what: 'contact',
        count: 1,
        how: 'archived in Mailchimp: never sent anything again, but not erased (Mailchimp keeps it and it can be restored)',
      },
    ]);
    expect(sim.state.member('news1', KARI)?.status).toBe('archived');
    expect(sim.state.member('news1', KARI)?.notes).toHaveLength(1);
    // Archived is still held: a repeat finds it and archives nothing twice.
    const again = await new MailchimpConnector().erase(contextFor(sim, { listIds: ['news1'], erase: 'archive' }), { email: KARI }, { legalHolds: [] });
    expect(dispositionsOf(again)).toEqual(dispositionsOf(outcome));
    expect(sim.count('DELETE', MEMBER)).toBe(1);
  });

  it('leaves erasure to a person when the data map lists legal holds', async () => {
    const sim = await start();
    const outcome = await new MailchimpConnector().erase(
      contextFor(sim),
      { email: KARI },
      {
        legalHolds: [{ records: 'consent records', basis: 'GDPR art. 7(1)', keepFor: 'P3Y' }],
      },
    );
    expect(outcome.status).toBe('manual');
    expect(sim.count('POST', DELETE_PERMANENT)).toBe(0);
  });

  it('rectifies the name and the address, reporting old and new, and a repeat changes nothing', async () => {
    const sim = await start();
    const connector = new MailchimpConnector();
    const ctx = contextFor(sim, { listIds: ['news1', 'club2'] });
    const outcome = await connector.rectify(ctx, { email: KARI }, { name: 'Kari Nordmann Berg', email: 'kari.berg@example.no' });
    expect(outcome.status).toBe('done');
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'corrected', what: 'contact', field: 'name', old: 'Kari Nordmann', new: 'Kari Nordmann Berg', count: 2 },
      { kind: 'corrected', what: 'contact', field: 'email', old: KARI, new: 'kari.berg@example.no', count: 2 },
    ]);
    expect(outcome.status === 'done' && outcome.details?.previous).toEqual({ name: ['Kari Nordmann'], email: [KARI] });
    // The fields in the reader's words, the count with its own noun.
    expect(outcome.summaryText).toEqual({
      en: 'Updated name, e-mail address on 2 Mailchimp members.',
      nb: 'Oppdaterte navn, e-postadresse på 2 Mailchimp-medlemmer.',
    });
    const moved = sim.state.member('news1', 'kari.berg@example.no');
    expect(moved?.merge_fields).toMatchObject({ FNAME: 'Kari Nordmann', LNAME: 'Berg' });
    expect(sim.state.member('news1', KARI)).toBeUndefined();

    const again = await connector.rectify(ctx, { email: KARI }, { name: 'Kari Nordmann Berg', email: 'kari.berg@example.no' });
    expect(again).toMatchObject({ status: 'done', dispositions: [] });
  });

  it('does not change an address another member of the audience already has', async () => {
    const sim = await start();
    const outcome = await new MailchimpConnector().rectify(contextFor(sim, { listIds: ['news1'] }), { email: KARI }, { email: 'ola@example.no' });
    expect(outcome.status).toBe('manual');
    expect(outcome.summary).toContain('"Nyhetsbrev"');
    expect(sim.state.member('news1', KARI)).toBeDefined();
  });

  it('fails without retrying when Mailchimp refuses a permanently deleted address, quoting its title but never the address', async () => {
    const sim = await start();
    const ctx = contextFor(sim, { listIds: ['news1'] });
    await new MailchimpConnector().erase(ctx, { email: KARI }, { legalHolds: [] });
    const refused = new MailchimpConnector().rectify(ctx, { email: 'ola@example.no' }, { email: KARI });
    await expect(refused).rejects.toMatchObject({ retryable: false, httpStatus: 400 });
    await expect(refused).rejects.toThrow('Mailchimp member update failed with 400: Forgotten Email Not Subscribed; instance ');
    await expect(refused).rejects.not.toThrow(/kari|ola@/i);
    expect(sim.state.member('news1', 'ola@example.no')).toBeDefined();
  });

  it('restricts processing with a tag on each member, once', async () => {
    const sim = await start();
    const connector = new MailchimpConnector();
    const outcome = await connector.restrict(contextFor(sim, { listIds: ['news1', 'club2'] }), { email: KARI }, 'processing');
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'restricted', what: 'contact', count: 2, how: 'marked with the Mailchimp tag "gdpr-restricted", which campaigns and automations exclude' },
    ]);
    expect(sim.state.member('club2', KARI)?.tags.map((tag) => tag.name)).toEqual(['gdpr-restricted']);
    await connector.restrict(contextFor(sim, { listIds: ['news1', 'club2'] }), { email: KARI }, 'processing');
    expect(sim.count('POST', '/3.0/lists/:listId/members/:hash/tags', 204)).toBe(2);
  });

  it('takes a wrong key for bad credentials and names no address in any error', async () => {
    const sim = await start();
    const wrong = new MailchimpConnector().find(contextFor(sim, {}, 'ffffffffffffffffffffffffffffffff-us21'), { email: KARI });
    await expect(wrong).rejects.toBeInstanceOf(ConnectorAuthError);
    await expect(wrong).rejects.toThrow('API Key Invalid');
    sim.failNext({ method: 'PATCH', route: MEMBER, status: 500 });
    const failing = new MailchimpConnector().restrict(contextFor(sim, { listIds: ['news1'] }), { email: KARI }, 'marketing');
    await expect(failing).rejects.toMatchObject({ retryable: true, httpStatus: 500 });
    await expect(failing).rejects.not.toThrow(/kari|[0-9a-f]{32}/i);
  });

  it('waits out a 429 inline, doubling the wait, and hands a long one to the task queue', async () => {
    const sim = await start();
    sim.failNext({ route: MEMBER, method: 'GET', status: 429, title: 'Too Many Requests', times: 2 });
    const { connector, waits } = connectorWithWaits();
    expect(await connector.find(contextFor(sim, { listIds: ['news1'] }), { email: KARI })).toHaveLength(1);
    expect(waits).toEqual([1000, 2000]);

    sim.failNext({ route: MEMBER, method: 'GET', status: 429, title: 'Too Many Requests', times: 1 });
    const impatient = connectorWithWaits({ maxInlineRetryWaitMs: 0 });
    const refused = impatient.connector.find(contextFor(sim, { listIds: ['news1'] }), { email: KARI });
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 1000 });
  });
});

describe('the Mailchimp simulator', () => {
  it('answers a connection over the cap of one key with 429 problem+json and no rate-limit headers', async () => {
    const sim = await start({ maxConnections: 2, delayMs: 300 });
    const answers = await Promise.all([0, 1, 2].map(() => fetch(`${sim.apiRoot}/lists/news1/members/${hash}`, { headers: basic(sim.apiKey) })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = answers.find((answer) => answer.status === 429)!;
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.json()).toMatchObject({ title: 'Too Many Requests', status: 429, type: expect.stringContaining('mailchimp.com') });
  });

  it('wants Basic auth with a key of its data centre and pages with count at most 1000', async () => {
    const sim = await start({ apiKeys: [DEFAULT_MAILCHIMP_KEY, '0123456789abcdef0123456789abcdef-us6'] });
    expect((await (await fetch(`${sim.apiRoot}/lists`)).json()).title).toBe('API Key Missing');
    expect((await fetch(`${sim.apiRoot}/lists`, { headers: basic('0123456789abcdef0123456789abcdef-us6') })).status).toBe(401);
    const first = await (await fetch(`${sim.apiRoot}/lists?count=2&offset=0`, { headers: basic(sim.apiKey) })).json();
    expect(first.lists.map((list: { id: string }) => list.id)).toEqual(['news1', 'club2']);
    expect(first.total_items).toBe(5);
    const tooMany = await fetch(`${sim.apiRoot}/lists?count=1001`, { headers: basic(sim.apiKey) });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).errors).toEqual([{ field: 'count', message: 'Invalid value' }]);
  });
});

function basic(key: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`anystring:${key}`).toString('base64')}` };
}
