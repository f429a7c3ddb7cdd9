import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart, Outcome, SystemContext } from '../../src/connectors/connector';
import { ConnectorAuthError } from '../../src/connectors/connector-errors';
import { HubSpotConnector } from '../../src/connectors/hubspot/hubspot.connector';
import { type HubSpotSimulator, type HubSpotSimulatorOptions, startHubSpotSimulator } from '../simulators/hubspot/hubspot-simulator';
import type { FormSeed } from '../simulators/hubspot/hubspot-marketing-state';

const EVENTS = '/email/public/v1/events';
const PROFILE = '/contacts/v1/contact/vid/:vid/profile';
const FORM_SUBMISSIONS = '/form-integrations/v1/submissions/forms/:formGuid';
const CONTACT = '/crm/v3/objects/contacts/:id';

const KARI_ID = '501';
const DAY = 24 * 3600_000;
const T0 = Date.parse('2026-03-01T12:00:00.000Z');

const KARI = {
  id: KARI_ID,
  properties: {
    email: 'kari.nordmann@example.no',
    hs_additional_emails: 'kn@example.org',
    firstname: 'Kari',
    lastname: 'Nordmann',
    phone: '+47 912 34 567',
    city: 'Bergen',
  },
  earlierValues: {
    city: [{ value: 'Tromsø', timestamp: '2024-05-01T08:00:00.000Z' }],
    phone: [
      { value: '+47 400 00 001', timestamp: '2023-01-10T08:00:00.000Z', sourceType: 'FORM' },
      { value: '', timestamp: '2023-06-10T08:00:00.000Z' },
    ],
  },
};
const OLA = { id: '502', properties: { email: 'ola@example.no', firstname: 'Ola', lastname: 'Hansen' } };

/** Kari's newsletter sign-up, newer sign-ups of others above it (so it sits on the third page of 50), and a form she never used. */
const NEWSLETTER: FormSeed = {
  guid: '6f1c2a52-1111-4d8e-9a61-000000000001',
  name: 'Newsletter sign-up',
  submissions: [
    {
      conversionId: 'conv-kari-1',
      contactId: KARI_ID,
      submittedAt: T0,
      values: { email: 'kari.nordmann@example.no', firstname: 'Kari', interests: 'sykling' },
    },
    ...Array.from({ length: 120 }, (_, index) => ({
      conversionId: `conv-other-${index}`,
      contactId: OLA.id,
      submittedAt: T0 + (index + 1) * 60_000,
      values: { email: `other${index}@example.no` },
    })),
    // Older than Kari's: paging never needs to reach these.
    ...Array.from({ length: 60 }, (_, index) => ({
      conversionId: `conv-old-${index}`,
      submittedAt: T0 - (index + 1) * DAY,
      values: { email: `old${index}@example.no` },
    })),
  ],
};
const CONTACT_US: FormSeed = {
  guid: '6f1c2a52-2222-4d8e-9a61-000000000002',
  name: 'Contact us',
  submissions: [{ conversionId: 'conv-ola-1', contactId: OLA.id, submittedAt: T0, values: { email: 'ola@example.no', message: 'Hei' } }],
};

const EMAIL_EVENTS = [
  { recipient: 'kari.nordmann@example.no', type: 'SENT', created: T0, subject: 'Vårkampanje' },
  { recipient: 'kari.nordmann@example.no', type: 'DELIVERED', created: T0 + 1000, subject: 'Vårkampanje' },
  { recipient: 'kari.nordmann@example.no', type: 'OPEN', created: T0 + 60_000, subject: 'Vårkampanje', city: 'Bergen' },
  { recipient: 'kari.nordmann@example.no', type: 'CLICK', created: T0 + 90_000, subject: 'Vårkampanje', url: 'https://www.example.no/sykler' },
  { recipient: 'kn@example.org', type: 'BOUNCE', created: T0 + 2000, subject: 'Vårkampanje' },
  { recipient: 'ola@example.no', type: 'OPEN', created: T0 + 5000, subject: 'Vårkampanje' },
];

let simulator: HubSpotSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
  simulator = await startHubSpotSimulator({ contacts: [KARI, OLA], forms: [NEWSLETTER, CONTACT_US], emailEvents: EMAIL_EVENTS, ...options });
  return simulator;
}

function contextFor(sim: HubSpotSimulator, connection: Record<string, unknown> = {}): SystemContext {
  return {
    systemId: 'hubspot-crm',
    connection: { baseUrl: sim.baseUrl, tokenEnv: 'HUBSPOT_PRIVATE_APP_TOKEN', ...connection },
    secret: () => sim.token,
  };
}

function dispositionsOf(result: Outcome | ExportPart): Disposition[] | undefined {
  const list = (result as { dispositions?: Disposition[] }).dispositions;
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}

const KARI_SUBJECT = { email: 'kari.nordmann@example.no' };

describe('HubSpot marketing e-mail events, form submissions and property history', () => {
  it('exports the e-mail events of every address of the contact, and nobody else’s', async () => {
    const sim = await start();
    const part = await new HubSpotConnector().export(contextFor(sim), KARI_SUBJECT);

    const rows = part.tables?.hubspot_marketing_email_events as Array<Record<string, string>>;
    expect(rows.map((row) => `${row.recipient} ${row.event}`).sort()).toEqual([
      'kari.nordmann@example.no CLICK',
      'kari.nordmann@example.no DELIVERED',
      'kari.nordmann@example.no OPEN',
      'kari.nordmann@example.no SENT',
      'kn@example.org BOUNCE',
    ]);
    expect(rows.find((row) => row.event === 'OPEN')).toMatchObject({
      at: new Date(T0 + 60_000).toISOString(),
      emailSubject: 'Vårkampanje',
      location: 'Bergen, Vestland, Norway',
      browser: 'Firefox',
    });
    expect(rows.find((row) => row.event === 'CLICK')?.link).toBe('https://www.example.no/sykler');
    expect(JSON.stringify(part.data)).not.toContain('ola@example.no');
    expect(dispositionsOf(part)).toContainEqual({ kind: 'disclosed', what: 'marketing-activity', count: 5 });
  });

  it('follows the events’ offset while hasMore, 1,000 at a time', async () => {
    const many = Array.from({ length: 1001 }, (_, index) => ({ recipient: 'kari.nordmann@example.no', type: 'SENT', created: T0 + index }));
    const sim = await start({ emailEvents: many });
    const part = await new HubSpotConnector().export(contextFor(sim), KARI_SUBJECT);
    expect(part.tables?.hubspot_marketing_email_events).toHaveLength(1001);
    expect(new Set((part.tables?.hubspot_marketing_email_events as Array<{ eventId: string }>).map((row) => row.eventId)).size).toBe(1001);
    // Two pages for the primary address, one (empty) for the secondary.
    expect(sim.count('GET', EVENTS, 200)).toBe(3);
  });

  it('reads the e-mail events of the subject’s own address without a contact, like an opt-out kept by address', async () => {
    const sim = await start({ emailEvents: [{ recipient: 'former@example.no', type: 'DELIVERED', created: T0 }] });
    const part = await new HubSpotConnector().export(contextFor(sim), { email: 'Former@example.no' });
    expect(part.tables?.hubspot_marketing_email_events).toEqual([expect.objectContaining({ recipient: 'former@example.no', event: 'DELIVERED' })]);
    expect(dispositionsOf(part)).toEqual([{ kind: 'disclosed', what: 'marketing-activity', count: 1 }]);
  });

  it('exports the contact’s form submissions with the values sent, reading only its forms and only back to its oldest submission', async () => {
    const sim = await start();
    const part = await new HubSpotConnector().export(contextFor(sim), KARI_SUBJECT);

    expect(part.tables?.hubspot_form_submissions).toEqual([
      {
        contactId: KARI_ID,
        formId: NEWSLETTER.guid,
        form: 'Newsletter sign-up',
        submittedAt: new Date(T0).toISOString(),
        page: 'https://www.example.no/nyhetsbrev',
        conversionId: 'conv-kari-1',
        foundInForm: true,
      },
    ]);
    expect(part.tables?.hubspot_form_submission_values).toEqual([
      { contactId: KARI_ID, formId: NEWSLETTER.guid, conversionId: 'conv-kari-1', field: 'email', value: 'kari.nordmann@example.no' },
      { contactId: KARI_ID, formId: NEWSLETTER.guid, conversionId: 'conv-kari-1', field: 'firstname', value: 'Kari' },
      { contactId: KARI_ID, formId: NEWSLETTER.guid, conversionId: 'conv-kari-1', field: 'interests', value: 'sykling' },
    ]);
    expect(JSON.stringify(part.data)).not.toMatch(/other\d+@example\.no|ola@example\.no/);
    // 120 newer submissions by others: pages 1–3 of 50; the form Kari never used is not read.
    expect(sim.count('GET', FORM_SUBMISSIONS, 200)).toBe(3);
    expect(sim.calls.some((call) => call.path.includes(CONTACT_US.guid))).toBe(false);
    expect(sim.count('GET', PROFILE, 200)).toBe(1);
    expect(dispositionsOf(part)).toContainEqual({ kind: 'disclosed', what: 'form-submission', count: 1 });
  });

  it('still lists a submission of a deleted form, without values, and says it was not found in the form', async () => {
    const sim = await start();
    sim.state.marketing.forms.get(NEWSLETTER.guid)!.deleted = true;
    const part = await new HubSpotConnector().export(contextFor(sim), KARI_SUBJECT);
    expect(part.tables?.hubspot_form_submissions).toEqual([
      expect.objectContaining({ formId: NEWSLETTER.guid, conversionId: 'conv-kari-1', foundInForm: false }),
    ]);
    expect(part.tables?.hubspot_form_submission_values).toEqual([]);
    expect(sim.count('GET', FORM_SUBMISSIONS, 404)).toBe(1);

    const outcome = await new HubSpotConnector().erase(contextFor(sim), KARI_SUBJECT, { legalHolds: [] });
    expect(dispositionsOf(outcome)).toContainEqual({ kind: 'failed', what: 'form-submission', reason: expect.stringContaining('could not be confirmed') });
    expect(dispositionsOf(outcome)).not.toContainEqual(expect.objectContaining({ kind: 'erased', what: 'form-submission' }));
  });

  it('exports the earlier values of personal properties from the contact read, without the current or blank ones', async () => {
    const sim = await start();
    const part = await new HubSpotConnector().export(contextFor(sim), KARI_SUBJECT);
    const rows = (part.tables?.hubspot_property_history as Array<Record<string, string>>).sort((a, b) => a.property.localeCompare(b.property));
    expect(rows).toEqual([
      { contactId: KARI_ID, property: 'city', label: 'City', value: 'Tromsø', setAt: '2024-05-01T08:00:00.000Z', source: 'CRM_UI' },
      { contactId: KARI_ID, property: 'phone', label: 'Phone Number', value: '+47 400 00 001', setAt: '2023-01-10T08:00:00.000Z', source: 'FORM' },
    ]);
    // Read along with the contact: no extra call.
    expect(sim.count('GET', CONTACT, 200)).toBe(1);
    expect(dispositionsOf(part)).toEqual([
      { kind: 'disclosed', what: 'contact', count: 1 },
      { kind: 'disclosed', what: 'marketing-subscription', count: 4 },
      { kind: 'disclosed', what: 'marketing-activity', count: 5 },
      { kind: 'disclosed', what: 'form-submission', count: 1 },
      { kind: 'disclosed', what: 'earlier-value', count: 2 },
    ]);
    expect(part.recordCount).toBe(1 + 5 + 1 + 2);
  });

  it('reads neither events nor forms when the data map turns them off', async () => {
    const sim = await start();
    const part = await new HubSpotConnector().export(contextFor(sim, { emailEvents: false, formSubmissions: false }), KARI_SUBJECT);
    expect(sim.count('GET', EVENTS) + sim.count('GET', PROFILE) + sim.count('GET', FORM_SUBMISSIONS)).toBe(0);
    expect(part.tables?.hubspot_marketing_email_events).toEqual([]);
    expect(part.tables?.hubspot_form_submissions).toEqual([]);
  });

  it('erasure: says the events and the submission are erased only after reading them back as gone', async () => {
    const sim = await start();
    const outcome = await new HubSpotConnector().erase(contextFor(sim), KARI_SUBJECT, { legalHolds: [] });
    expect(outcome.status).toBe('done');
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'erased', what: 'contact', count: 1 },
      { kind: 'erased', what: 'marketing-activity', count: 5 },
      { kind: 'erased', what: 'form-submission', count: 1 },
    ]);
    expect((outcome as { details: Record<string, unknown> }).details).toMatchObject({
      emailEvents: { gone: 5, remaining: 0 },
      formSubmissions: { gone: 1, remaining: 0, unconfirmed: 0 },
    });
    // Read before and after the delete, for both addresses.
    expect(sim.count('GET', EVENTS, 200)).toBe(4);
    expect(sim.state.marketing.emailEvents.map((event) => event.recipient)).toEqual(['ola@example.no']);
  });

  it('erasure: what HubSpot still returns after the delete (its purge takes up to 30 days) is said to remain, not erased', async () => {
    const sim = await start({ purgeMarketingAtOnce: false });
    const outcome = await new HubSpotConnector().erase(contextFor(sim), KARI_SUBJECT, { legalHolds: [] });
    const dispositions = dispositionsOf(outcome)!;
    expect(dispositions[0]).toEqual({ kind: 'erased', what: 'contact', count: 1 });
    expect(dispositions.filter((item) => item.kind === 'erased')).toHaveLength(1);
    expect(dispositions).toContainEqual({
      kind: 'failed',
      what: 'marketing-activity',
      reason: expect.stringContaining('5 marketing e-mail event(s) were still returned'),
    });
    expect(dispositions).toContainEqual({ kind: 'failed', what: 'form-submission', reason: expect.stringContaining('1 form submission(s) were still listed') });
    expect(outcome.summary).toContain('5 marketing e-mail events still returned by HubSpot');
    expect(JSON.stringify(dispositions)).not.toContain('kari');
  });

  it('rectify: the old value stays in HubSpot’s property history, the outcome says so, and the next export shows it', async () => {
    const sim = await start();
    const connector = new HubSpotConnector();
    const outcome = await connector.rectify(contextFor(sim), KARI_SUBJECT, { phone: '+47 999 88 777' });
    expect(outcome.status).toBe('done');
    expect(dispositionsOf(outcome)).toEqual([{ kind: 'corrected', what: 'contact', count: 1, field: 'phone', old: '+47 912 34 567', new: '+47 999 88 777' }]);
    expect(outcome.summary).toContain('HubSpot keeps the earlier values of phone in the property history');
    expect(outcome.summaryText?.nb).toContain('HubSpot beholder de tidligere verdiene av phone i egenskapshistorikken');
    expect((outcome as { details: Record<string, unknown> }).details.earlierValuesKeptInHistory).toEqual(['phone']);

    const part = await connector.export(contextFor(sim), KARI_SUBJECT);
    const phones = (part.tables?.hubspot_property_history as Array<Record<string, string>>).filter((row) => row.property === 'phone').map((row) => row.value);
    expect(phones).toEqual(['+47 912 34 567', '+47 400 00 001']);
  });

  it('maps a refused token on the new reads to ConnectorAuthError', async () => {
    const sim = await start();
    sim.failNext({ route: EVENTS, status: 403, body: { category: 'MISSING_SCOPES', message: 'This app hasn’t been granted all required scopes' } });
    await expect(new HubSpotConnector().export(contextFor(sim), KARI_SUBJECT)).rejects.toBeInstanceOf(ConnectorAuthError);
  });
});

describe('HubSpot simulator: marketing APIs', () => {
  const get = (sim: HubSpotSimulator, path: string) => fetch(`${sim.baseUrl}${path}`, { headers: { Authorization: `Bearer ${sim.token}` } });

  it('refuses an events limit above 1,000 and a submissions limit above 50, with HubSpot’s error body', async () => {
    const sim = await start();
    const events = await get(sim, `${EVENTS}?limit=1001`);
    expect(events.status).toBe(400);
    expect(await events.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect((await get(sim, `/form-integrations/v1/submissions/forms/${NEWSLETTER.guid}?limit=51`)).status).toBe(400);
  });

  it('answers 404 for an unknown contact profile and form, 401 without a token', async () => {
    const sim = await start();
    expect((await get(sim, '/contacts/v1/contact/vid/999/profile')).status).toBe(404);
    expect((await get(sim, '/form-integrations/v1/submissions/forms/unknown')).status).toBe(404);
    expect((await fetch(`${sim.baseUrl}${EVENTS}`)).status).toBe(401);
  });

  it('pages events by an opaque offset with hasMore, newest first, and sends the rate-limit headers', async () => {
    const sim = await start();
    const first = await get(sim, `${EVENTS}?recipient=kari.nordmann@example.no&limit=3`);
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).not.toBeNull();
    const page = await first.json();
    expect(page.hasMore).toBe(true);
    expect(page.events.map((event: { type: string }) => event.type)).toEqual(['CLICK', 'OPEN', 'DELIVERED']);
    const rest = await (await get(sim, `${EVENTS}?recipient=kari.nordmann@example.no&limit=3&offset=${page.offset}`)).json();
    expect(rest).toMatchObject({ hasMore: false, events: [expect.objectContaining({ type: 'SENT' })] });
  });
});
