import type { Disposition } from '../../src/common/dispositions/disposition';
import { humanDate } from '../../src/common/human-date';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart, Outcome, SystemContext } from '../../src/connectors/connector';
import { ConnectorAuthError, ConnectorError, RateLimitedError } from '../../src/connectors/connector-errors';
import { HubSpotConnector, type HubSpotConnectorOptions } from '../../src/connectors/hubspot/hubspot.connector';
import { type HubSpotSimulator, type HubSpotSimulatorOptions, startHubSpotSimulator } from '../simulators/hubspot/hubspot-simulator';
import type { ObjectSeed } from '../simulators/hubspot/hubspot-simulator-state';

const SEARCH = '/crm/v3/objects/contacts/search';
const CONTACT = '/crm/v3/objects/contacts/:id';
const GDPR_DELETE = '/crm/v3/objects/contacts/gdpr-delete';
const UNSUBSCRIBE = '/communication-preferences/v3/unsubscribe';
const UNSUBSCRIBE_ALL = '/communication-preferences/v4/statuses/:subscriber/unsubscribe-all';
const ACCOUNT_DETAILS = '/account-info/v3/details';

const KARI = {
  properties: {
    email: 'kari.nordmann@example.no',
    hs_additional_emails: 'kari@old-employer.example;kn@example.org',
    firstname: 'Kari',
    lastname: 'Nordmann',
    phone: '+47 912 34 567',
    customer_number: 'C-1001',
    city: 'Bergen',
  },
  associations: { companies: ['9001'], deals: ['7001', '7002'] },
  subscriptions: { '1001': 'SUBSCRIBED' as const, '1002': 'SUBSCRIBED' as const },
};
const OLA = { properties: { email: 'ola@example.no', firstname: 'Ola', lastname: 'Hansen', hs_additional_emails: 'kari@example.no' } };

/** The dispositions an outcome or export carries, checked against the shape the recorder stores. */
function dispositionsOf(result: Outcome | ExportPart): Disposition[] | undefined {
  const list = (result as { dispositions?: Disposition[] }).dispositions;
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}
const CONTACT_NOT_FOUND: Disposition = { kind: 'not_held', reason: 'not_found', what: 'contact' };

let simulator: HubSpotSimulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
  simulator = await startHubSpotSimulator({ contacts: [KARI, OLA], ...options });
  return simulator;
}

function contextFor(sim: HubSpotSimulator, connection: Record<string, unknown> = {}, token = sim.token): SystemContext {
  return {
    systemId: 'hubspot-crm',
    connection: { baseUrl: sim.baseUrl, tokenEnv: 'HUBSPOT_PRIVATE_APP_TOKEN', customerNumberProperty: 'customer_number', ...connection },
    secret: (name) => {
      if (name !== 'HUBSPOT_PRIVATE_APP_TOKEN') throw new Error(`unexpected secret ${name}`);
      return token;
    },
  };
}

/** A connector whose inline waits are recorded (and really waited, with the small intervals used here). */
function connectorWithWaits(options: HubSpotConnectorOptions = {}): { connector: HubSpotConnector; waits: number[] } {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
  return { connector: new HubSpotConnector({ sleep, ...options }), waits };
}

function kariId(sim: HubSpotSimulator): string {
  const contact = sim.state.contactByEmail('kari.nordmann@example.no');
  if (!contact) throw new Error('seeded contact missing');
  return contact.id;
}

describe('HubSpotConnector against the HubSpot simulator', () => {
  describe('find', () => {
    it('finds a contact by its primary e-mail, ignoring case, and only that contact', async () => {
      const sim = await start();
      const matches = await new HubSpotConnector().find(contextFor(sim), { email: ' Kari.Nordmann@Example.NO ' });
      expect(matches).toEqual([
        {
          externalId: kariId(sim),
          kind: 'contact',
          label: `HubSpot contact ${kariId(sim)} (matched on email)`,
          holds: {
            emails: ['kari.nordmann@example.no', 'kari@old-employer.example', 'kn@example.org'],
            phones: ['+4791234567'],
            customerNumbers: ['C-1001'],
            names: ['Kari Nordmann'],
          },
        },
      ]);
    });

    it('finds a contact by a secondary e-mail held in hs_additional_emails', async () => {
      const sim = await start();
      const matches = await new HubSpotConnector().find(contextFor(sim), { email: 'kn@example.org' });
      expect(matches.map((match) => match.externalId)).toEqual([kariId(sim)]);
      expect(matches[0].label).toContain('secondary email');
    });

    it('tells apart a secondary address of one contact from the primary of another', async () => {
      const sim = await start({ contacts: [KARI, OLA, { properties: { email: 'kari@example.no', firstname: 'Kari', lastname: 'Berg' } }] });
      const matches = await new HubSpotConnector().find(contextFor(sim), { email: 'kari@example.no' });
      const ola = sim.state.contactByEmail('ola@example.no')?.id;
      const berg = sim.state.contactByEmail('kari@example.no')?.id;
      expect(matches.map((match) => match.label)).toEqual([
        `HubSpot contact ${ola} (matched on secondary email)`,
        `HubSpot contact ${berg} (matched on email)`,
      ]);
    });

    it('finds by phone and by customer number, and returns nothing for an unknown subject', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      expect((await connector.find(contextFor(sim), { phone: '+47 912 34 567' })).map((m) => m.externalId)).toEqual([kariId(sim)]);
      expect((await connector.find(contextFor(sim), { customerNumber: 'C-1001' }))[0].label).toContain('customer number');
      expect(await connector.find(contextFor(sim), { email: 'nobody@example.no' })).toEqual([]);
    });

    it('finds one number however it is typed or stored, in phone or mobilephone, and never a different or longer one', async () => {
      const stored: Array<Record<string, string>> = [
        { phone: '912 34 567' },
        { mobilephone: '+47 91234567' },
        { phone: '0047 912 34 567' },
        { mobilephone: '91 23 45 67' },
      ];
      const others: Array<Record<string, string>> = [{ phone: '912 34 568' }, { mobilephone: '+47 912 34 5670' }, { phone: '1912 34 567' }];
      const sim = await start({
        contacts: [...stored, ...others].map((properties, index) => ({ properties: { email: `p${index}@example.no`, ...properties } })),
        rateLimit: { searchPerSecond: 100 },
      });
      const holders = stored.map((_, index) => sim.state.contactByEmail(`p${index}@example.no`)!.id);
      for (const given of ['+4791234567', '912 34 567', '+47 91234567', '0047 912 34 567']) {
        const found = await new HubSpotConnector().find(contextFor(sim), { phone: given });
        expect(found.map((match) => match.externalId)).toEqual(holders);
        expect(found.every((match) => match.holds?.phones?.includes('+4791234567'))).toBe(true);
      }
    });

    it('reads numbers without a country code in the data map’s defaultRegion, and finds the spelling the subject typed', async () => {
      const stored: Array<Record<string, string>> = [
        { phone: '070-123 45 67' },
        { mobilephone: '+46 70 123 45 67' },
        { phone: '0701234567' },
        { mobilephone: '+46701234567' },
        { phone: '070/1234567' },
      ];
      const sim = await start({
        contacts: [...stored, { phone: '070-123 45 68' }].map((properties, index) => ({ properties: { email: `se${index}@example.se`, ...properties } })),
        rateLimit: { searchPerSecond: 100 },
      });
      const holder = (index: number) => sim.state.contactByEmail(`se${index}@example.se`)!.id;
      const swedish = contextFor(sim, { defaultRegion: 'SE' });
      const byE164 = await new HubSpotConnector().find(swedish, { phone: '+46701234567' });
      expect(byE164.map((match) => match.externalId)).toEqual([0, 1, 2, 3].map(holder));
      expect(byE164.every((match) => match.holds?.phones?.includes('+46701234567'))).toBe(true);
      // A spelling no rule produces is still found when the subject typed it that way, and confirmed as the same number.
      const asTyped = await new HubSpotConnector().find(swedish, { phone: '070/1234567' });
      expect(asTyped.map((match) => match.externalId)).toEqual([0, 1, 2, 3, 4].map(holder));
      // Read as Norwegian (the default), "070-123 45 67" is no number at all: nothing is searched.
      await expect(new HubSpotConnector().find(contextFor(sim), { phone: '070-123 45 67' })).rejects.toMatchObject({ retryable: false });
      await expect(new HubSpotConnector().find(contextFor(sim, { defaultRegion: 'XX' }), { phone: '+46701234567' })).rejects.toMatchObject({
        message: expect.stringContaining('defaultRegion'),
      });
    });

    it('never searches a phone that is not a valid number, nor finds by a near-miss e-mail', async () => {
      // Many searches in a row: HubSpot's search allows 5 a second, which is not what this test is about.
      const sim = await start({ contacts: [KARI, OLA, { properties: { email: 'kari.nordmann+news@example.no' } }], rateLimit: { searchPerSecond: 100 } });
      const connector = new HubSpotConnector();
      await expect(connector.find(contextFor(sim), { phone: '912 34' })).rejects.toMatchObject({ retryable: false });
      expect(sim.calls).toHaveLength(0);
      for (const email of [
        'ari.nordmann@example.no',
        'kari.nordmann@example.no.evil.example',
        'kari.nordmann+x@example.no',
        'nordmann@example.no',
        'kari.nordmann@example',
        'k*@example.org',
        '*',
      ]) {
        expect(await connector.find(contextFor(sim), { email })).toEqual([]);
      }
      expect((await connector.find(contextFor(sim), { email: 'KARI.NORDMANN+NEWS@example.no' })).map((match) => match.holds?.emails)).toEqual([
        ['kari.nordmann+news@example.no'],
      ]);
    });

    it('follows paging.next.after through every page of 200', async () => {
      const shared = Array.from({ length: 450 }, (_, index) => ({
        properties: { email: `member${index}@club.example`, phone: '+47 55 00 00 00' },
      }));
      const sim = await start({ contacts: shared });
      const matches = await new HubSpotConnector().find(contextFor(sim), { phone: '+47 55 00 00 00' });
      expect(matches).toHaveLength(450);
      expect(new Set(matches.map((match) => match.externalId)).size).toBe(450);
      expect(sim.count('POST', SEARCH, 200)).toBe(3);
    });

    it('refuses a subject it cannot search for (name only)', async () => {
      const sim = await start();
      await expect(new HubSpotConnector().find(contextFor(sim), { name: 'Kari Nordmann' })).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('e-mail, phone or customer number'),
      });
      expect(sim.calls).toHaveLength(0);
    });
  });

  describe('export', () => {
    it('exports every property, the associations and the e-mail subscriptions', async () => {
      const sim = await start();
      const part = await new HubSpotConnector().export(contextFor(sim), { email: 'kari.nordmann@example.no' });

      expect(part.systemId).toBe('hubspot-crm');
      expect(part.recordCount).toBe(1);
      const contacts = part.data.contacts as Array<{ id: string; properties: Record<string, string>; associations: Record<string, string[]> }>;
      expect(contacts).toHaveLength(1);
      expect(contacts[0].properties).toMatchObject({ firstname: 'Kari', lastname: 'Nordmann', city: 'Bergen', customer_number: 'C-1001' });
      expect(contacts[0].associations).toEqual({ companies: ['9001'], deals: ['7001', '7002'] });

      const preferences = part.data.communicationPreferences as Array<{ email: string; subscriptions: Array<{ id: string; status: string }> }>;
      expect(preferences.map((entry) => entry.email).sort()).toEqual(['kari.nordmann@example.no', 'kari@old-employer.example', 'kn@example.org']);
      const primary = preferences.find((entry) => entry.email === 'kari.nordmann@example.no');
      expect(primary?.subscriptions.map((s) => [s.id, s.status])).toEqual([
        ['1001', 'SUBSCRIBED'],
        ['1002', 'SUBSCRIBED'],
      ]);

      expect(part.tables?.hubspot_contact_properties).toContainEqual({ contactId: contacts[0].id, property: 'city', label: 'City', value: 'Bergen' });
      expect(part.tables?.hubspot_contact_associations).toHaveLength(3);
      expect(part.tables?.hubspot_email_subscriptions).toHaveLength(6);
      expect(dispositionsOf(part)).toEqual([
        { kind: 'disclosed', what: 'contact', count: 1 },
        { kind: 'disclosed', what: 'marketing-subscription', count: 6 },
      ]);
      expect(sim.count('GET', CONTACT, 200)).toBe(1);
    });

    it('reports nothing held for an unknown subject, but counts a marketing suppression entry', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      const nothing = await connector.export(contextFor(sim), { email: 'stranger@example.no' });
      expect(nothing.recordCount).toBe(0);
      expect(dispositionsOf(nothing)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);

      sim.state.recordOptOutOfAll('stranger@example.no', 'EMAIL', '2026-01-05T10:00:00.000Z');
      const suppressed = await connector.export(contextFor(sim), { email: 'stranger@example.no' });
      expect(suppressed.recordCount).toBe(1);
      expect(suppressed.data.marketingSuppressions).toEqual([
        { email: 'stranger@example.no', channel: 'EMAIL', status: 'NOT_SUBSCRIBED', since: '2026-01-05T10:00:00.000Z' },
      ]);
      expect(dispositionsOf(suppressed)).toEqual([{ kind: 'disclosed', what: 'marketing-subscription', count: 1 }]);
    });
  });

  describe('engagements and associated records', () => {
    const TIMELINE: ObjectSeed[] = [
      { type: 'companies', id: '9001', properties: { name: 'Nordmann Rør AS', domain: 'nordmann-ror.example' } },
      { type: 'deals', id: '7001', properties: { dealname: 'Service agreement 2026', amount: '12000' } },
      { type: 'notes', id: '3001', properties: { hs_note_body: 'Called about the invoice' }, associations: { contacts: ['101'] } },
      { type: 'notes', id: '3002', properties: { hs_note_body: 'Met at the fair' }, associations: { contacts: ['101'], companies: ['9001'] } },
      { type: 'emails', id: '4001', properties: { hs_email_subject: 'Offer' }, associations: { contacts: ['101', '102'] } },
      { type: 'calls', id: '5001', properties: { hs_call_title: 'Follow-up' }, associations: { contacts: ['102'] } },
    ];

    it('exports the engagements on the contact’s timeline and the content of its companies and deals, saying which stay on other records', async () => {
      const sim = await start({ objects: TIMELINE });
      const part = await new HubSpotConnector().export(contextFor(sim), { email: 'kari.nordmann@example.no' });
      expect(part.tables?.hubspot_engagements).toEqual([
        { objectType: 'notes', objectId: '3001', alsoOnOtherRecords: '' },
        { objectType: 'notes', objectId: '3002', alsoOnOtherRecords: 'companies 9001' },
        { objectType: 'emails', objectId: '4001', alsoOnOtherRecords: 'contacts 102' },
      ]);
      expect(part.tables?.hubspot_engagement_properties).toEqual(
        expect.arrayContaining([{ objectType: 'notes', objectId: '3001', property: 'hs_note_body', value: 'Called about the invoice' }]),
      );
      expect(part.tables?.hubspot_associated_record_properties).toEqual(
        expect.arrayContaining([
          { objectType: 'companies', objectId: '9001', property: 'name', value: 'Nordmann Rør AS' },
          { objectType: 'deals', objectId: '7001', property: 'dealname', value: 'Service agreement 2026' },
        ]),
      );
      // Ola's call is not Kari's.
      expect(JSON.stringify(part.data)).not.toContain('Follow-up');
      expect(dispositionsOf(part)).toEqual(
        expect.arrayContaining([
          { kind: 'disclosed', what: 'note', count: 2 },
          { kind: 'disclosed', what: 'e-mail', count: 1 },
          { kind: 'disclosed', what: 'record', count: 2 },
        ]),
      );
    });

    it('erasure: engagements only on the contact go with it; those also on other records stay there, and the outcome says so', async () => {
      const sim = await start({ objects: TIMELINE });
      const outcome = await new HubSpotConnector().erase(contextFor(sim), { email: 'kari.nordmann@example.no' }, { legalHolds: [] });
      expect(sim.state.objects.get('notes')!.has('3001')).toBe(false);
      expect(sim.state.objects.get('notes')!.has('3002')).toBe(true);
      expect(sim.state.objects.get('emails')!.get('4001')!.associations.contacts).toEqual(['102']);
      expect(outcome.summary).toContain("2 engagements also associated with other records stay on those records' timelines");
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'erased', what: 'contact', count: 1 },
        { kind: 'erased', what: 'note', count: 1 },
        { kind: 'failed', what: 'note', reason: expect.stringContaining('(companies)') },
        { kind: 'failed', what: 'e-mail', reason: expect.stringContaining('(contacts)') },
      ]);
      expect(outcome).toMatchObject({
        details: {
          engagementsLeftOnOtherRecords: [
            { type: 'notes', id: '3002', alsoOn: ['companies 9001'] },
            { type: 'emails', id: '4001', alsoOn: ['contacts 102'] },
          ],
        },
      });
    });
  });

  describe('rectify', () => {
    it('updates name and phone once and does nothing on a repeat', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      const subject = { email: 'kari.nordmann@example.no' };
      const first = await connector.rectify(contextFor(sim), subject, { name: 'Kari Marie Nordmann-Lie', phone: '+47 400 00 000' });
      expect(first).toMatchObject({ status: 'done', summary: expect.stringContaining('Updated firstname, lastname, phone on 1') });
      // The contact read before the update, per case field (a name is first and last name together).
      expect(first).toMatchObject({ details: { previous: { name: ['Kari Nordmann'], phone: ['+47 912 34 567'] } } });
      expect(first.summary).not.toContain('912 34 567');
      expect(dispositionsOf(first)).toEqual([
        { kind: 'corrected', what: 'contact', count: 1, field: 'name', old: 'Kari Nordmann', new: 'Kari Marie Nordmann-Lie' },
        { kind: 'corrected', what: 'contact', count: 1, field: 'phone', old: '+47 912 34 567', new: '+47 400 00 000' },
      ]);
      expect(sim.state.contacts.get(kariId(sim))?.properties).toMatchObject({
        firstname: 'Kari Marie',
        lastname: 'Nordmann-Lie',
        phone: '+47 400 00 000',
      });

      const repeat = await connector.rectify(contextFor(sim), subject, { name: 'Kari Marie Nordmann-Lie', phone: '+47 400 00 000' });
      expect(repeat).toMatchObject({
        status: 'done',
        summary: 'HubSpot contact already up to date (firstname, lastname, phone).',
        summaryText: {
          en: 'HubSpot contact already up to date (firstname, lastname, phone).',
          nb: 'HubSpot-kontakten var allerede oppdatert (firstname, lastname, phone).',
        },
      });
      expect(dispositionsOf(repeat)).toEqual([]);
      expect(sim.count('PATCH', CONTACT)).toBe(1);
    });

    it('claims only the field that really changed, and nothing for a contact not found', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      // The phone is the same number as held; only the family name changes.
      const outcome = await connector.rectify(contextFor(sim), { email: 'kari.nordmann@example.no' }, { name: 'Kari Lie', phone: '+47 912 34 567' });
      expect(dispositionsOf(outcome)).toEqual([{ kind: 'corrected', what: 'contact', count: 1, field: 'name', old: 'Kari Nordmann', new: 'Kari Lie' }]);
      const nobody = await connector.rectify(contextFor(sim), { email: 'nobody@example.no' }, { name: 'Kari Lie' });
      expect(nobody.status).toBe('not_found');
      expect(dispositionsOf(nobody)).toEqual([CONTACT_NOT_FOUND]);
    });

    it('changes the e-mail address and recognises a repeat under the new address', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      const subject = { email: 'kari.nordmann@example.no' };
      const id = kariId(sim);
      expect((await connector.rectify(contextFor(sim), subject, { email: 'Kari@New.Example' })).status).toBe('done');
      expect(sim.state.contactByEmail('kari.nordmann@example.no')).toBeUndefined();
      expect(sim.state.contactByEmail('kari@new.example')?.id).toBe(id);

      expect(await connector.rectify(contextFor(sim), subject, { email: 'kari@new.example' })).toMatchObject({
        status: 'done',
        summary: expect.stringContaining('already up to date'),
      });
      expect(sim.count('PATCH', CONTACT)).toBe(1);
    });

    it('surfaces HubSpot’s 400 with its message', async () => {
      const sim = await start();
      const attempt = new HubSpotConnector().rectify(contextFor(sim), { email: 'kari.nordmann@example.no' }, { email: 'not-an-address' });
      await expect(attempt).rejects.toBeInstanceOf(ConnectorError);
      await expect(attempt).rejects.toMatchObject({
        httpStatus: 400,
        retryable: false,
        message: expect.stringContaining('Email address is invalid'),
        // HubSpot's own message stays as HubSpot wrote it inside the Norwegian sentence.
        text: { nb: expect.stringMatching(/^HubSpot svarte 400 på .*Email address is invalid/) },
      });
    });
  });

  describe('erase', () => {
    it('uses gdpr-delete exactly once, never the archiving DELETE, and is idempotent', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      const id = kariId(sim);

      const first = await connector.erase(contextFor(sim), { email: 'kari.nordmann@example.no' }, { legalHolds: [] });
      expect(first).toMatchObject({ status: 'done', details: { deletedContactIds: [id], method: 'gdpr-delete' } });
      expect(dispositionsOf(first)).toEqual([{ kind: 'erased', what: 'contact', count: 1 }]);
      expect(sim.state.contacts.has(id)).toBe(false);
      expect(sim.state.gdprDeletions).toEqual([expect.objectContaining({ objectId: id })]);

      const repeat = await connector.erase(contextFor(sim), { email: 'kari.nordmann@example.no' }, { legalHolds: [] });
      expect(repeat.status).toBe('not_found');
      expect(dispositionsOf(repeat)).toEqual([CONTACT_NOT_FOUND]);
      expect(sim.count('POST', GDPR_DELETE)).toBe(1);
      expect(sim.count('DELETE', CONTACT)).toBe(0);
      expect(sim.state.contactByEmail('ola@example.no')).toBeDefined();
    });

    it('leaves the decision to a person when the data map lists a legal hold', async () => {
      const sim = await start();
      const outcome = await new HubSpotConnector().erase(
        contextFor(sim),
        { email: 'kari.nordmann@example.no' },
        {
          legalHolds: [{ records: 'deal invoices', basis: 'bokføringsloven § 13', keepFor: 'P5Y' }],
        },
      );
      expect(outcome.status).toBe('manual');
      expect(sim.count('POST', GDPR_DELETE)).toBe(0);
      expect(sim.state.contacts.has(kariId(sim))).toBe(true);
    });
  });

  describe('restrict', () => {
    it('marketing: unsubscribes every address from everything and records the legal basis', async () => {
      const sim = await start();
      const connector = new HubSpotConnector({ now: () => new Date('2030-01-01T00:00:00Z') });
      const ctx = contextFor(sim, { subscriptionIds: ['1001'] });

      const outcome = await connector.restrict(ctx, { email: 'kari.nordmann@example.no' }, 'marketing');
      expect(outcome.status).toBe('done');
      // E-mail is the one channel opted out; the contact itself stays in the CRM, so more than a
      // suppression entry is kept.
      expect(dispositionsOf(outcome)).toEqual([{ kind: 'suppressed', what: 'marketing-subscription', channels: ['email'], minimalEntryOnly: false }]);
      expect(sim.state.contacts.has(kariId(sim))).toBe(true);
      expect(sim.state.optOutOfAllSince('+4791234567', 'SMS')).toBeUndefined();
      for (const email of ['kari.nordmann@example.no', 'kari@old-employer.example', 'kn@example.org']) {
        expect(sim.state.optOutOfAllSince(email, 'EMAIL')).toBeDefined();
      }
      const since = sim.state.optOutOfAllSince('kari.nordmann@example.no', 'EMAIL');
      expect(outcome.summary).toContain(`Marketing stopped in HubSpot from ${humanDate(since!, 'en', { withTime: true })}`);
      expect(outcome.summaryText?.nb).toContain(`Markedsføringen stoppet i HubSpot fra ${humanDate(since!, 'nb', { withTime: true })}`);
      expect(sim.state.subscription('kari.nordmann@example.no', '1001')).toMatchObject({
        status: 'NOT_SUBSCRIBED',
        legalBasis: 'CONSENT_WITH_NOTICE',
        legalBasisExplanation: expect.stringContaining('Art. 21'),
      });

      const status = await fetch(`${sim.baseUrl}/communication-preferences/v3/status/email/kari.nordmann%40example.no`, {
        headers: { Authorization: `Bearer ${sim.token}` },
      });
      const body = (await status.json()) as { subscriptionStatuses: Array<{ status: string; sourceOfStatus: string }> };
      expect(body.subscriptionStatuses.map((s) => [s.status, s.sourceOfStatus])).toEqual([
        ['NOT_SUBSCRIBED', 'PORTAL_WIDE_STATUS'],
        ['NOT_SUBSCRIBED', 'PORTAL_WIDE_STATUS'],
      ]);

      const repeat = await connector.restrict(ctx, { email: 'kari.nordmann@example.no' }, 'marketing');
      expect(repeat).toMatchObject({ status: 'done', details: { since } });
      expect(sim.count('POST', UNSUBSCRIBE, 200)).toBe(1);
      expect(sim.count('POST', UNSUBSCRIBE, 400)).toBe(0);
    });

    it('marketing: suppresses a known address even when no contact record exists', async () => {
      const sim = await start();
      const outcome = await new HubSpotConnector().restrict(contextFor(sim), { email: 'former.customer@example.no' }, 'marketing');
      expect(outcome).toMatchObject({ status: 'done', details: { contactIds: [], emailAddresses: 1 } });
      expect(sim.state.optOutOfAllSince('former.customer@example.no', 'EMAIL')).toBeDefined();
      expect(sim.count('POST', UNSUBSCRIBE_ALL, 200)).toBe(1);
      // No contact found is said as such, beside the opt-out kept by the address; a contact under
      // another spelling may still exist, so no "only a minimal entry is kept".
      expect(dispositionsOf(outcome)).toEqual([
        CONTACT_NOT_FOUND,
        { kind: 'suppressed', what: 'marketing-subscription', channels: ['email'], minimalEntryOnly: false },
      ]);
    });

    it('marketing: with no contact found and no address to opt out, says only that nothing was found', async () => {
      const sim = await start();
      // Kari's number with one digit different: no contact holds it, and phones are opted out only on the SMS channel.
      const outcome = await new HubSpotConnector().restrict(contextFor(sim), { phone: '+47 912 34 568' }, 'marketing');
      expect(outcome.status).toBe('not_found');
      expect(dispositionsOf(outcome)).toEqual([CONTACT_NOT_FOUND]);
      expect(sim.count('POST', UNSUBSCRIBE_ALL)).toBe(0);
    });

    it('marketing: also stops SMS for the phone numbers when the channel is configured', async () => {
      const sim = await start();
      const outcome = await new HubSpotConnector().restrict(
        contextFor(sim, { channels: ['EMAIL', 'SMS'] }),
        { email: 'kari.nordmann@example.no' },
        'marketing',
      );
      // SMS subscribers are numbers in E.164, however the contact's phone field was typed.
      expect(sim.state.optOutOfAllSince('+4791234567', 'SMS')).toBeDefined();
      expect(dispositionsOf(outcome)).toEqual([{ kind: 'suppressed', what: 'marketing-subscription', channels: ['email', 'sms'], minimalEntryOnly: false }]);
    });

    it('marketing: sets the do-not-call and do-not-mail flags once on every matched contact, and claims phone and post', async () => {
      const sim = await start({ customProperties: ['gdpr_restricted', 'customer_number', 'do_not_call', 'do_not_mail'] });
      const connector = new HubSpotConnector();
      const context = contextFor(sim, { channels: ['EMAIL', 'SMS'], doNotCallProperty: 'do_not_call', doNotMailProperty: 'do_not_mail' });
      const outcome = await connector.restrict(context, { phone: '+4791234567' }, 'marketing');
      expect(outcome.status).toBe('done');
      expect(sim.state.contacts.get(kariId(sim))?.properties).toMatchObject({ do_not_call: 'true', do_not_mail: 'true' });
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'suppressed', what: 'marketing-subscription', channels: ['email', 'sms', 'phone', 'post'], minimalEntryOnly: false },
      ]);
      expect(sim.count('PATCH', CONTACT, 200)).toBe(2);
      // A repeat finds the flags set and changes nothing, yet still states what holds.
      const again = await connector.restrict(context, { phone: '+4791234567' }, 'marketing');
      expect(sim.count('PATCH', CONTACT)).toBe(2);
      expect(dispositionsOf(again)).toEqual(dispositionsOf(outcome));
    });

    it('marketing: claims no calls or post without a contact to flag, only the opt-out kept by address', async () => {
      const sim = await start({ customProperties: ['gdpr_restricted', 'customer_number', 'do_not_call'] });
      const outcome = await new HubSpotConnector().restrict(contextFor(sim, { doNotCallProperty: 'do_not_call' }), { email: 'nobody@example.no' }, 'marketing');
      expect(dispositionsOf(outcome)).toEqual([
        CONTACT_NOT_FOUND,
        { kind: 'suppressed', what: 'marketing-subscription', channels: ['email'], minimalEntryOnly: false },
      ]);
      expect(sim.count('PATCH', CONTACT)).toBe(0);
    });

    it('marketing: surfaces HubSpot’s 400 when the do-not-call property does not exist in the portal', async () => {
      const sim = await start();
      const attempt = new HubSpotConnector().restrict(
        contextFor(sim, { doNotCallProperty: 'do_not_call' }),
        { email: 'kari.nordmann@example.no' },
        'marketing',
      );
      await expect(attempt).rejects.toMatchObject({
        httpStatus: 400,
        retryable: false,
        message: expect.stringContaining('Property \\"do_not_call\\" does not exist'),
      });
    });

    it('marketing: opts the number out of WhatsApp when the channel is configured, and says so', async () => {
      const sim = await start();
      const outcome = await new HubSpotConnector().restrict(contextFor(sim, { channels: ['EMAIL', 'WHATSAPP'] }), { phone: '+47 912 34 567' }, 'marketing');
      expect(sim.state.optOutOfAllSince('+4791234567', 'WHATSAPP')).toBeDefined();
      expect(sim.state.optOutOfAllSince('+4791234567', 'SMS')).toBeUndefined();
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'suppressed', what: 'marketing-subscription', channels: ['email', 'whatsapp'], minimalEntryOnly: false },
      ]);
    });

    it('marketing: adds the contacts to the suppression lists and takes them off the marketing lists the data map names, once', async () => {
      const sim = await start({
        lists: [
          { listId: '501', name: 'Do not market' },
          { listId: '502', name: 'Newsletter (static)', members: ['101', '102'] },
          { listId: '503', name: 'Spring campaign', processingType: 'SNAPSHOT', members: ['101'] },
        ],
      });
      const id = kariId(sim);
      const ctx = contextFor(sim, { objectionLists: { addTo: [{ name: 'Do not market' }], removeFrom: [{ id: '502' }, { name: 'Spring campaign' }] } });
      const outcome = await new HubSpotConnector().restrict(ctx, { email: 'kari.nordmann@example.no' }, 'marketing');
      expect(outcome.status).toBe('done');
      expect(outcome.summary).toContain('Added to the lists Do not market. Removed from the lists Newsletter (static), Spring campaign.');
      expect([...sim.state.lists.get('501')!.members]).toEqual([id]);
      expect([...sim.state.lists.get('502')!.members]).toEqual(['102']);
      expect([...sim.state.lists.get('503')!.members]).toEqual([]);
      expect(outcome).toMatchObject({ details: { listMembershipsChanged: [`501:${id}`, `502:${id}`, `503:${id}`] } });
      const repeat = await new HubSpotConnector().restrict(ctx, { email: 'kari.nordmann@example.no' }, 'marketing');
      expect(repeat).toMatchObject({ details: { listMembershipsChanged: [] } });
    });

    it('marketing: refuses a list that does not exist or is an active list, naming it, before changing any list', async () => {
      const sim = await start({
        lists: [
          { listId: '501', name: 'Do not market' },
          { listId: '504', name: 'Engaged (active)', processingType: 'DYNAMIC', members: ['101'] },
        ],
      });
      const missing = contextFor(sim, { objectionLists: { addTo: [{ id: '501' }, { name: 'No such list' }] } });
      await expect(new HubSpotConnector().restrict(missing, { email: 'kari.nordmann@example.no' }, 'marketing')).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('list "No such list"'),
      });
      const active = contextFor(sim, { objectionLists: { removeFrom: [{ name: 'Engaged (active)' }] } });
      await expect(new HubSpotConnector().restrict(active, { email: 'kari.nordmann@example.no' }, 'marketing')).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('active list'),
      });
      expect(sim.state.lists.get('501')!.members.size).toBe(0);
      expect(sim.state.lists.get('504')!.members.size).toBe(1);
      await expect(
        new HubSpotConnector().find(contextFor(sim, { objectionLists: { addTo: [{ id: 'five' }] } }), { email: 'ola@example.no' }),
      ).rejects.toMatchObject({
        message: expect.stringContaining('objectionLists.addTo.0'),
      });
    });

    it('processing: sets the restriction property once', async () => {
      const sim = await start();
      const connector = new HubSpotConnector();
      const outcome = await connector.restrict(contextFor(sim), { email: 'kari.nordmann@example.no' }, 'processing');
      expect(outcome.status).toBe('done');
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'restricted', what: 'contact', count: 1, how: 'marked with the HubSpot property "gdpr_restricted" set to true' },
      ]);
      expect(sim.state.contacts.get(kariId(sim))?.properties.gdpr_restricted).toBe('true');
      await connector.restrict(contextFor(sim), { email: 'kari.nordmann@example.no' }, 'processing');
      expect(sim.count('PATCH', CONTACT)).toBe(1);
    });

    it('processing: surfaces HubSpot’s 400 when the restriction property does not exist in the portal', async () => {
      const sim = await start();
      const attempt = new HubSpotConnector().restrict(
        contextFor(sim, { restrictionProperty: 'dsr_restricted' }),
        { email: 'kari.nordmann@example.no' },
        'processing',
      );
      await expect(attempt).rejects.toMatchObject({
        httpStatus: 400,
        retryable: false,
        message: expect.stringContaining('Property \\"dsr_restricted\\" does not exist'),
      });
    });
  });

  describe('rate limits and errors', () => {
    it('waits the rolling window HubSpot names in X-HubSpot-RateLimit-Interval-Milliseconds (HubSpot sends no Retry-After)', async () => {
      // The first call of a connector reads the account's time zone: two calls fill the window.
      const sim = await start({ rateLimit: { maxPerInterval: 2, intervalMs: 300 } });
      const { connector, waits } = connectorWithWaits();
      await connector.find(contextFor(sim), { email: 'ola@example.no' });
      expect(await connector.find(contextFor(sim), { email: 'ola@example.no' })).toHaveLength(1);
      expect(waits).toEqual([300]);
      expect(sim.count('POST', SEARCH, 429)).toBe(1);
    });

    it('waits a second when search’s own per-second limit answers', async () => {
      const sim = await start({ rateLimit: { searchPerSecond: 1 } });
      const { connector, waits } = connectorWithWaits();
      await connector.find(contextFor(sim), { email: 'ola@example.no' });
      expect(await connector.find(contextFor(sim), { email: 'ola@example.no' })).toHaveLength(1);
      expect(waits).toEqual([1000]);
    });

    it('throws RateLimitedError instead of waiting long', async () => {
      const sim = await start({ rateLimit: { maxPerInterval: 2, intervalMs: 60_000 } });
      const { connector, waits } = connectorWithWaits();
      await connector.find(contextFor(sim), { email: 'ola@example.no' });
      const attempt = connector.find(contextFor(sim), { email: 'ola@example.no' });
      await expect(attempt).rejects.toBeInstanceOf(RateLimitedError);
      await expect(attempt).rejects.toMatchObject({ retryable: true, retryAfterMs: 60_000 });
      expect(waits).toEqual([]);
    });

    it('never waits inline for the daily cap, and hands it back until just after midnight in the account’s time zone', async () => {
      // 22:30 UTC is 07:30 the next morning in Tokyo: the cap resets in 16 h 30 min there (1 h 30 min at UTC midnight).
      const at = Date.parse('2026-03-05T22:30:00Z');
      const sim = await start({ rateLimit: { dailyLimit: 3, timeZone: 'Asia/Tokyo' }, now: () => at });
      const { connector, waits } = connectorWithWaits({ maxInlineRetryWaitMs: Number.MAX_SAFE_INTEGER, now: () => new Date(at) });
      await connector.find(contextFor(sim), { email: 'ola@example.no' });
      await connector.find(contextFor(sim), { email: 'ola@example.no' });
      const error = await connector.find(contextFor(sim), { email: 'ola@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect((error as RateLimitedError).message).toContain('DAILY');
      expect((error as RateLimitedError).retryAfterMs).toBe((16 * 60 + 31) * 60 * 1000);
      expect(waits).toEqual([]);
      // Read once for the account, before the cap could refuse that read too.
      expect(sim.count('GET', ACCOUNT_DETAILS, 200)).toBe(1);
    });

    it('goes on without the time zone when the account details cannot be read, and retries the daily cap hourly', async () => {
      const at = Date.parse('2026-03-05T22:30:00Z');
      const sim = await start({ rateLimit: { dailyLimit: 2 }, now: () => at });
      sim.failNext({ route: ACCOUNT_DETAILS, status: 403, body: { category: 'MISSING_SCOPES', message: 'This app hasn’t been granted all required scopes' } });
      const connector = new HubSpotConnector({ now: () => new Date(at) });
      expect(await connector.find(contextFor(sim), { email: 'ola@example.no' })).toHaveLength(1);
      const error = await connector.find(contextFor(sim), { email: 'ola@example.no' }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ retryAfterMs: 31 * 60 * 1000 });
    });

    it('gives up after three inline retries', async () => {
      const sim = await start();
      sim.failNext({
        route: SEARCH,
        status: 429,
        times: 4,
        headers: { 'X-HubSpot-RateLimit-Interval-Milliseconds': '1', 'X-HubSpot-RateLimit-Remaining': '0' },
        body: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' },
      });
      const { connector, waits } = connectorWithWaits();
      await expect(connector.find(contextFor(sim), { email: 'ola@example.no' })).rejects.toBeInstanceOf(RateLimitedError);
      expect(waits).toEqual([1, 1, 1]);
      expect(sim.count('POST', SEARCH, 429)).toBe(4);
    });

    it('maps 401 to ConnectorAuthError', async () => {
      const sim = await start();
      const attempt = new HubSpotConnector().find(contextFor(sim, {}, 'pat-eu1-wrong'), { email: 'ola@example.no' });
      await expect(attempt).rejects.toBeInstanceOf(ConnectorAuthError);
      await expect(attempt).rejects.toMatchObject({ retryable: false, httpStatus: 401, message: expect.stringContaining('INVALID_AUTHENTICATION') });
    });

    it('maps 5xx to a retryable ConnectorError', async () => {
      const sim = await start();
      sim.failNext({ route: GDPR_DELETE, status: 502, body: { message: 'Bad gateway' } });
      const attempt = new HubSpotConnector().erase(contextFor(sim), { email: 'ola@example.no' }, { legalHolds: [] });
      await expect(attempt).rejects.toMatchObject({ retryable: true, httpStatus: 502, message: expect.stringContaining('Bad gateway') });
      expect(sim.state.contactByEmail('ola@example.no')).toBeDefined();
    });

    it('rejects an invalid connection before calling HubSpot', async () => {
      const sim = await start();
      const ctx = { ...contextFor(sim), connection: { baseUrl: sim.baseUrl } };
      await expect(new HubSpotConnector().find(ctx, { email: 'ola@example.no' })).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('tokenEnv'),
      });
      expect(sim.calls).toHaveLength(0);
    });
  });

  describe('onlyRecords', () => {
    /** Vera holds Kari's phone number (typed another way) and is not on the case's record list. */
    const VERA = {
      properties: { email: 'vera@vik.example', firstname: 'Vera', lastname: 'Vik', mobilephone: '0047 912 34 567', city: 'Tromsø' },
      associations: { deals: ['8801'] },
      subscriptions: { '1001': 'SUBSCRIBED' as const },
    };
    const veraOf = (sim: HubSpotSimulator) => sim.state.contactByEmail('vera@vik.example');
    const veraState = (sim: HubSpotSimulator) =>
      structuredClone({
        contact: veraOf(sim),
        subscription: sim.state.subscription('vera@vik.example', '1001'),
        optedOut: sim.state.optOutOfAllSince('vera@vik.example', 'EMAIL'),
        deleted: sim.state.gdprDeletions.filter((deletion) => deletion.objectId === veraOf(sim)?.id),
      });
    const kariOnly = (sim: HubSpotSimulator) => ({ email: 'kari.nordmann@example.no', phone: '+4791234567', onlyRecords: [kariId(sim)] });

    it('finds and exports only the listed contact: nothing of an unlisted contact with the same phone, nor its associations', async () => {
      const sim = await start({ contacts: [KARI, OLA, VERA] });
      const connector = new HubSpotConnector();
      const unscoped = await connector.find(contextFor(sim), { ...kariOnly(sim), onlyRecords: undefined });
      expect(unscoped.map((match) => match.externalId)).toEqual([kariId(sim), veraOf(sim)!.id]);
      expect((await connector.find(contextFor(sim), kariOnly(sim))).map((match) => match.externalId)).toEqual([kariId(sim)]);

      const part = await connector.export(contextFor(sim), kariOnly(sim));
      const exported = JSON.stringify(part);
      expect(exported).toContain('Bergen');
      for (const text of ['Vera', 'vera@vik.example', 'Tromsø', '8801', '0047 912 34 567']) expect(exported).not.toContain(text);
    });

    it('leaves the unlisted contact untouched by rectify, restrict (processing and marketing) and erase', async () => {
      const sim = await start({ contacts: [KARI, OLA, VERA] });
      const connector = new HubSpotConnector();
      const ctx = contextFor(sim, { subscriptionIds: ['1001'], channels: ['EMAIL', 'SMS'] });
      const subject = kariOnly(sim);
      const kari = kariId(sim);
      const before = veraState(sim);

      expect((await connector.rectify(ctx, subject, { name: 'Kari Lie', phone: '+47 400 00 000' })).status).toBe('done');
      expect((await connector.restrict(ctx, subject, 'processing')).status).toBe('done');
      expect((await connector.restrict(ctx, subject, 'marketing')).status).toBe('done');
      expect((await connector.erase(ctx, subject, { legalHolds: [] })).status).toBe('done');

      expect(sim.state.gdprDeletions.map((deletion) => deletion.objectId)).toEqual([kari]);
      expect(sim.state.optOutOfAllSince('kari.nordmann@example.no', 'EMAIL')).toBeDefined();
      expect(veraState(sim)).toEqual(before);
    });

    it('acts on nothing with an empty list, not even on opt-outs kept by the address', async () => {
      const sim = await start({ contacts: [KARI, OLA, VERA] });
      const connector = new HubSpotConnector();
      const none = { ...kariOnly(sim), onlyRecords: [] };
      sim.state.recordOptOutOfAll('kari.nordmann@example.no', 'SMS', '2026-01-05T10:00:00.000Z');
      const contacts = structuredClone([...sim.state.contacts.values()]);

      expect(await connector.find(contextFor(sim), none)).toEqual([]);
      expect((await connector.export(contextFor(sim), none)).recordCount).toBe(0);
      expect((await connector.rectify(contextFor(sim), none, { name: 'Someone Else' })).status).toBe('not_found');
      expect((await connector.restrict(contextFor(sim), none, 'processing')).status).toBe('not_found');
      expect((await connector.restrict(contextFor(sim), none, 'marketing')).status).toBe('not_found');
      expect((await connector.erase(contextFor(sim), none, { legalHolds: [] })).status).toBe('not_found');

      expect([...sim.state.contacts.values()]).toEqual(contacts);
      expect(sim.state.gdprDeletions).toEqual([]);
      expect(sim.state.optOutOfAllSince('kari.nordmann@example.no', 'EMAIL')).toBeUndefined();
      expect(sim.count('PATCH', CONTACT) + sim.count('POST', UNSUBSCRIBE) + sim.count('POST', UNSUBSCRIBE_ALL)).toBe(0);
    });
  });
});

describe('HubSpot simulator', () => {
  const call = (sim: HubSpotSimulator, method: string, path: string, body?: unknown) =>
    fetch(`${sim.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${sim.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('opts a number out of SMS only in E.164, and counts it against the rate limit like every call', async () => {
    const sim = await start();
    const typed = await call(sim, 'POST', `/communication-preferences/v4/statuses/${encodeURIComponent('912 34 567')}/unsubscribe-all?channel=SMS`);
    expect(typed.status).toBe(400);
    expect(await typed.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    const e164 = await call(sim, 'POST', `/communication-preferences/v4/statuses/${encodeURIComponent('+4791234567')}/unsubscribe-all?channel=SMS`);
    expect(e164.status).toBe(200);
    expect(e164.headers.get('x-hubspot-ratelimit-remaining')).not.toBeNull();
    const unauthorised = await fetch(`${sim.baseUrl}/communication-preferences/v4/statuses/${encodeURIComponent('+4791234567')}/unsubscribe-all?channel=SMS`, {
      method: 'POST',
    });
    expect(unauthorised.status).toBe(401);
    expect(sim.state.optOutOfAllSince('+4791234567', 'SMS')).toBeDefined();
  });

  it('refuses a search limit above 200 with VALIDATION_ERROR', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', SEARCH, { filterGroups: [], limit: 201 });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('sends the rate-limit headers and the documented 429 body, without Retry-After', async () => {
    const sim = await start({ rateLimit: { maxPerInterval: 2, intervalMs: 60_000 } });
    const first = await call(sim, 'GET', '/crm/v3/properties/contacts');
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('2');
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('60000');
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('249999');
    await call(sim, 'GET', '/crm/v3/properties/contacts');
    const refused = await call(sim, 'GET', '/crm/v3/properties/contacts');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(await refused.json()).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
  });

  it('answers the account details with its time zone, and resets the daily count at midnight there, not at UTC midnight', async () => {
    let now = Date.parse('2026-07-01T21:30:00Z'); // 23:30 in Oslo (UTC+2 in summer)
    const sim = await start({ rateLimit: { dailyLimit: 2, timeZone: 'Europe/Oslo' }, now: () => now });
    const details = await call(sim, 'GET', ACCOUNT_DETAILS);
    expect(await details.json()).toMatchObject({ timeZone: 'Europe/Oslo', utcOffset: '+02:00', utcOffsetMilliseconds: 7_200_000 });
    expect((await call(sim, 'GET', '/crm/v3/properties/contacts')).status).toBe(200);
    const capped = await call(sim, 'GET', '/crm/v3/properties/contacts');
    expect(capped.status).toBe(429);
    expect(await capped.json()).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'DAILY' });
    now = Date.parse('2026-07-01T22:00:01Z'); // 00:00:01 in Oslo; still 1 July in UTC
    const next = await call(sim, 'GET', '/crm/v3/properties/contacts');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
  });

  it('archives on DELETE without erasing: hidden from search and read, still restorable data', async () => {
    const sim = await start();
    const id = kariId(sim);
    expect((await call(sim, 'DELETE', `/crm/v3/objects/contacts/${id}`)).status).toBe(204);
    expect((await call(sim, 'GET', `/crm/v3/objects/contacts/${id}`)).status).toBe(404);
    const archived = await call(sim, 'GET', `/crm/v3/objects/contacts/${id}?archived=true&properties=firstname`);
    expect(await archived.json()).toMatchObject({ id, archived: true, properties: { firstname: 'Kari' } });
    expect(await new HubSpotConnector().find(contextFor(sim), { email: 'kari.nordmann@example.no' })).toEqual([]);
  });

  it('block-lists an unknown address sent to gdpr-delete by e-mail', async () => {
    const sim = await start();
    const response = await call(sim, 'POST', GDPR_DELETE, { objectId: 'unknown@example.no', idProperty: 'email' });
    expect(response.status).toBe(204);
    expect(sim.state.blocklistedEmails.has('unknown@example.no')).toBe(true);
  });
});
