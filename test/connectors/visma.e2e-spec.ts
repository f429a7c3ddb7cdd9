import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart, Outcome, RetentionRules, SystemContext } from '../../src/connectors/connector';
import { ConnectorAuthError, ConnectorError, RateLimitedError } from '../../src/connectors/connector-errors';
import { VismaConnector, type VismaConnectorOptions } from '../../src/connectors/visma/visma.connector';
import {
  SIM_CLIENT_ID,
  SIM_CLIENT_SECRET,
  SIM_COMPANY_NO,
  startVismaSimulator,
  type VismaSimulator,
  type VismaSimulatorOptions,
} from '../simulators/visma/visma-simulator';
import { LEDGER_NAMES } from '../simulators/visma/visma-schema';

const TODAY = Date.parse('2026-11-22T10:00:00Z');
const SCOPE = 'business-graphql-service-api:access-group-based';
const BOOKKEEPING: RetentionRules = {
  legalHolds: [
    {
      records: 'invoices and customer ledger entries',
      basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
      keepFor: 'P5Y',
      from: 'end-of-financial-year',
    },
  ],
};

const OLA = {
  associateNo: 1,
  customerNo: 10001,
  name: 'Ola Nordmann',
  emailAddress: 'ola.nordmann@example.no',
  phone: '22 12 34 56',
  mobilePhone: '912 34 567',
  addressLine1: 'Storgata 1',
  postCode: '0155',
  postalArea: 'Oslo',
};
const KARI = { associateNo: 2, customerNo: 10002, name: 'Kari Hansen', emailAddress: 'kari@example.no', mobilePhone: '+4798765432' };
const FJORD = { associateNo: 3, customerNo: 10003, name: 'Fjord Demo AS', emailAddress: 'post@fjord.example' };
const OLD_CUSTOMER = { associateNo: 4, customerNo: 10004, name: 'Gammel Kunde', emailAddress: 'gammel@example.no' };
const LARS = { associateNo: 5, customerNo: 10005, name: 'Lars Berg', emailAddress: 'lars@example.no' };
const SHARED_EMAIL = 'felles@example.no';

function seed(): VismaSimulatorOptions {
  return {
    associates: [
      OLA,
      KARI,
      FJORD,
      OLD_CUSTOMER,
      LARS,
      ...Array.from({ length: 130 }, (_, i) => ({ associateNo: 1000 + i, customerNo: 20000 + i, name: `Medlem ${i}`, emailAddress: SHARED_EMAIL })),
    ],
    contacts: [
      { contactNo: 201, associateNo: 2, name: 'Kari Hansen (privat)', phone: '98765432' },
      { contactNo: 301, associateNo: 3, name: 'Per Olsen', emailAddress: 'per.olsen@fjord.example', phone: '22 33 44 55' },
    ],
    customerTransactions: [
      { customerNo: 10001, voucherNo: 4001, voucherDate: 20240110, amount: 300 },
      { customerNo: 10001, voucherNo: 4002, voucherDate: 20240201, amount: -300 },
      { customerNo: 10001, voucherNo: 5001, voucherDate: 20250314, amount: 1250 },
      { customerNo: 10001, voucherNo: 5002, voucherDate: 20250401, amount: -1250 },
      { customerNo: 10003, voucherNo: 5100, voucherDate: 20250610, amount: 9900 },
      { customerNo: 10004, voucherNo: 1900, voucherDate: 20190305, amount: 450 },
      { customerNo: 10004, voucherNo: 1901, voucherDate: 20190320, amount: -450 },
      { customerNo: 10005, voucherNo: 2300, voucherDate: 20230505, amount: 800 },
      { customerNo: 10005, voucherNo: 2301, voucherDate: 20230601, amount: -800 },
    ],
  };
}

/** The dispositions an outcome or export carries, checked against the shape the recorder stores. */
function dispositionsOf(result: Outcome | ExportPart): Disposition[] | undefined {
  const list = (result as { dispositions?: Disposition[] }).dispositions;
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}

/** Kept under bokføringsloven § 13 as the connector applies the 5-year rule. */
const keptUnder13 = (what: string, until: string, count: number): Disposition => ({
  kind: 'kept',
  what,
  count,
  basis: 'legal_obligation',
  law: 'bokføringsloven § 13 (5 years after the end of the financial year)',
  until,
  allowedUse: 'bookkeeping, audit and tax control',
});
const CONTACT_DETAILS_ERASED: Disposition = { kind: 'erased', what: 'contact-details', count: 1 };

async function fetchToken(sim: VismaSimulator): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: SIM_CLIENT_ID, client_secret: SIM_CLIENT_SECRET, scope: SCOPE });
  const response = await fetch(sim.tokenUrl, { method: 'POST', body: form });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('VismaConnector against the Business NXT simulator', () => {
  let sim: VismaSimulator;
  let simNow: number;
  let systemSeq = 0;
  let ctx: SystemContext;

  async function start(overrides: VismaSimulatorOptions = {}, connection: Record<string, unknown> = {}): Promise<void> {
    simNow = TODAY;
    sim = await startVismaSimulator({ ...seed(), now: () => new Date(simNow), ...overrides });
    const secrets: Record<string, string> = { VISMA_CLIENT_ID: SIM_CLIENT_ID, VISMA_CLIENT_SECRET: SIM_CLIENT_SECRET };
    // A fresh system id per test, so the process-wide token cache never carries a token across simulators.
    ctx = {
      systemId: `visma-e2e-${++systemSeq}`,
      connection: {
        tokenUrl: sim.tokenUrl,
        graphqlUrl: sim.graphqlUrl,
        companyNo: SIM_COMPANY_NO,
        clientIdEnv: 'VISMA_CLIENT_ID',
        clientSecretEnv: 'VISMA_CLIENT_SECRET',
        // The simulated company's flag fields (a real company names its own in the data map).
        marketingFlagField: 'noMarketing',
        restrictionFlagField: 'processingRestricted',
        ...connection,
      },
      secret: (name) => {
        if (!(name in secrets)) throw new Error(`unknown secret ${name}`);
        return secrets[name];
      },
    };
  }

  const connector = (options: VismaConnectorOptions = {}) => new VismaConnector({ now: () => new Date(TODAY), ...options });
  const associate = (no: number) => sim.state.associates.find((row) => row.associateNo === no);
  const contact = (no: number) => sim.state.contacts.find((row) => row.contactNo === no);

  afterEach(async () => {
    await sim?.close();
  });

  describe('find', () => {
    beforeEach(() => start());

    it('finds a customer by e-mail, phone (as stored in other spellings) and customer number', async () => {
      const visma = connector();
      const ola = [
        {
          externalId: 'associate:1',
          kind: 'associate',
          label: 'Customer 10001',
          holds: {
            emails: ['ola.nordmann@example.no'],
            phones: ['+4722123456', '+4791234567'],
            customerNumbers: ['10001'],
            names: ['Ola Nordmann'],
            addresses: ['Storgata 1, 0155 Oslo'],
          },
        },
      ];
      await expect(visma.find(ctx, { email: 'ola.nordmann@example.no' })).resolves.toEqual(ola);
      await expect(visma.find(ctx, { phone: '91234567' })).resolves.toEqual(ola);
      await expect(visma.find(ctx, { phone: '+47 22 12 34 56' })).resolves.toEqual(ola);
      await expect(visma.find(ctx, { customerNumber: '10002' })).resolves.toEqual([
        { externalId: 'associate:2', kind: 'associate', label: 'Customer 10002', holds: expect.objectContaining({ customerNumbers: ['10002'] }) },
      ]);
    });

    it('finds contact persons at company customers and nothing for unknown people', async () => {
      const visma = connector();
      await expect(visma.find(ctx, { email: 'per.olsen@fjord.example' })).resolves.toEqual([
        {
          externalId: 'contact:301',
          kind: 'contact',
          label: 'Contact person at associate 3',
          holds: { emails: ['per.olsen@fjord.example'], phones: ['+4722334455'], names: ['Per Olsen'] },
        },
      ]);
      await expect(visma.find(ctx, { email: 'nobody@example.no', customerNumber: 'ABC' })).resolves.toEqual([]);
    });

    it('finds one number however it is typed or stored, and never a different or longer one', async () => {
      await start({
        associates: [
          { associateNo: 11, customerNo: 30011, name: 'Spaced', mobilePhone: '912 34 567' },
          { associateNo: 12, customerNo: 30012, name: 'With country code', phone: '+47 91234567' },
          { associateNo: 13, customerNo: 30013, name: 'International prefix', mobilePhone: '0047 912 34 567' },
          { associateNo: 14, customerNo: 30014, name: 'Neighbour', mobilePhone: '912 34 568' },
          { associateNo: 15, customerNo: 30015, name: 'Longer', mobilePhone: '912 34 5670' },
        ],
        contacts: [{ contactNo: 16, associateNo: 14, name: 'Grouped in pairs', phone: '91 23 45 67' }],
      });
      for (const given of ['+4791234567', '912 34 567', '+47 91234567', '0047 912 34 567']) {
        const found = await connector().find(ctx, { phone: given });
        expect(found.map((match) => match.externalId)).toEqual(['associate:11', 'associate:12', 'associate:13', 'contact:16']);
        expect(found.every((match) => match.holds?.phones?.includes('+4791234567'))).toBe(true);
      }
    });

    it('never searches a phone that is not a valid number, nor finds by a near-miss e-mail', async () => {
      await expect(connector().find(ctx, { phone: '912 34' })).resolves.toEqual([]);
      expect(sim.calls.operations).toEqual([]);
      for (const email of [
        'la.nordmann@example.no',
        'ola.nordmann@example.no.evil.example',
        'ola.nordmann+x@example.no',
        'nordmann@example.no',
        'ola.nordmann@example',
      ]) {
        await expect(connector().find(ctx, { email })).resolves.toEqual([]);
      }
      await expect(connector().find(ctx, { email: 'OLA.Nordmann@Example.NO' })).resolves.toEqual([expect.objectContaining({ externalId: 'associate:1' })]);
    });

    it('pages through more than 100 matching associates with first/after', async () => {
      const matches = await connector().find(ctx, { email: SHARED_EMAIL });
      expect(matches).toHaveLength(130);
      expect(new Set(matches.map((match) => match.externalId)).size).toBe(130);
      expect(sim.calls.operations.filter((operation) => operation === 'associate')).toHaveLength(2);
    });
  });

  describe('export', () => {
    beforeEach(() => start());

    it('exports the customer with its booked ledger entries as rows', async () => {
      const part = await connector().export(ctx, { email: 'ola.nordmann@example.no' });
      expect(part.systemId).toBe(ctx.systemId);
      expect(part.recordCount).toBe(5);
      expect(part.data.associates).toEqual([
        expect.objectContaining({ associateNo: 1, customerNo: 10001, name: 'Ola Nordmann', mobilePhone: '912 34 567', postalArea: 'Oslo' }),
      ]);
      expect(part.tables?.customerTransactions).toHaveLength(4);
      // What the connector does not read is named, not silently left out.
      expect(part.data.notSearched).toEqual(['invoice documents (PDF) and attachments', 'appointments and activities']);
      expect(part.data.orders).toEqual([]);
      expect(part.tables?.customerTransactions).toContainEqual({ customerNo: 10001, voucherNo: 5001, voucherDate: '2025-03-14', amount: 1250 });
      expect(dispositionsOf(part)).toEqual([
        { kind: 'disclosed', what: 'customer', count: 1 },
        { kind: 'disclosed', what: 'ledger-entry', count: 4 },
      ]);
    });

    it('exports a company customer with its contact persons, and nothing for an unknown person', async () => {
      const part = await connector().export(ctx, { customerNumber: '10003' });
      expect(part.data.contacts).toEqual([expect.objectContaining({ contactNo: 301, name: 'Per Olsen' })]);
      expect(part.recordCount).toBe(3);
      expect(dispositionsOf(part)).toEqual([
        { kind: 'disclosed', what: 'customer', count: 1 },
        { kind: 'disclosed', what: 'contact-person', count: 1 },
        { kind: 'disclosed', what: 'ledger-entry', count: 1 },
      ]);
      const nothing = await connector().export(ctx, { email: 'nobody@example.no' });
      expect(nothing).toMatchObject({ recordCount: 0 });
      expect(dispositionsOf(nothing)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
    });
  });

  describe('rectify', () => {
    beforeEach(() => start());

    it('updates the associate once and is idempotent', async () => {
      const visma = connector();
      const changes = { name: 'Kari Nordmann', phone: '22 99 88 77' };
      await expect(visma.rectify(ctx, { email: 'kari@example.no' }, changes)).resolves.toMatchObject({ status: 'done' });
      expect(associate(2)).toMatchObject({ name: 'Kari Nordmann', phone: '22 99 88 77', emailAddress: 'kari@example.no' });
      await expect(visma.rectify(ctx, { email: 'kari@example.no' }, changes)).resolves.toMatchObject({
        status: 'done',
        details: { updatedRecords: 0 },
      });
      expect(sim.calls.associateUpdates.get(2)).toBe(1);
    });

    it('recognises a corrected e-mail address on a repeat', async () => {
      const visma = connector();
      const changes = { email: 'kari.ny@example.no' };
      await expect(visma.rectify(ctx, { email: 'kari@example.no' }, changes)).resolves.toMatchObject({ status: 'done' });
      await expect(visma.rectify(ctx, { email: 'kari@example.no' }, changes)).resolves.toMatchObject({ status: 'done' });
      expect(associate(2)?.emailAddress).toBe('kari.ny@example.no');
      expect(sim.calls.associateUpdates.get(2)).toBe(1);
    });

    it('returns the values the changed records held before, distinct per field', async () => {
      // Kari's mobile number matches both her customer record and her private contact person.
      const outcome = await connector().rectify(ctx, { phone: '98765432' }, { name: 'Kari Nordmann', phone: '22 99 88 77' });
      expect(outcome).toMatchObject({ status: 'done', details: { updatedRecords: 2 } });
      expect(outcome).toHaveProperty('details.previous', { name: ['Kari Hansen (privat)', 'Kari Hansen'], phone: ['98765432', ''] });
      expect(outcome.summary).not.toContain('Kari Hansen');
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'corrected', what: 'contact-person', count: 1, field: 'name', old: 'Kari Hansen (privat)', new: 'Kari Nordmann' },
        { kind: 'corrected', what: 'contact-person', count: 1, field: 'phone', old: '98765432', new: '22 99 88 77' },
        { kind: 'corrected', what: 'customer', count: 1, field: 'name', old: 'Kari Hansen', new: 'Kari Nordmann' },
        { kind: 'corrected', what: 'customer', count: 1, field: 'phone', old: '', new: '22 99 88 77' },
      ]);
      // A repeat changes nothing, so it has no previous values to report and corrects nothing.
      const repeat = await connector().rectify(ctx, { phone: '98765432' }, { name: 'Kari Nordmann', phone: '22 99 88 77' });
      expect(repeat).toMatchObject({ details: { updatedRecords: 0, previous: {} } });
      expect(dispositionsOf(repeat)).toEqual([]);
    });

    it('says corrected only for the field that really changed: a city that already matched is not claimed', async () => {
      const outcome = await connector().rectify(
        ctx,
        { email: 'ola.nordmann@example.no' },
        { city: 'Oslo', address: 'Kirkegata 2' },
        { reference: 'DSR-2026-000043' },
      );
      expect(outcome).toMatchObject({ status: 'done', details: { updatedRecords: 1, previous: { address: ['Storgata 1'] } } });
      expect(dispositionsOf(outcome)).toEqual([{ kind: 'corrected', what: 'customer', count: 1, field: 'address', old: 'Storgata 1', new: 'Kirkegata 2' }]);
      expect(associate(1)).toMatchObject({ addressLine1: 'Kirkegata 2', postalArea: 'Oslo' });
    });

    it('never changes issued invoices: a name and address correction leaves the ledger as it was and says where it is recorded', async () => {
      const ledger = structuredClone(sim.state.customerTransactions);
      const outcome = await connector().rectify(
        ctx,
        { email: 'ola.nordmann@example.no' },
        { name: 'Ola Nordmann-Berg', address: 'Kirkegata 2' },
        { reference: 'DSR-2026-000042' },
      );
      expect(outcome).toMatchObject({
        status: 'done',
        details: { previous: { name: ['Ola Nordmann'], address: ['Storgata 1'] }, correctionNote: 'case', annotatedRecords: 0 },
      });
      expect(outcome.summary).toContain('Issued invoices and ledger entries were left unchanged; the correction is recorded in the case');
      expect(associate(1)).toMatchObject({ name: 'Ola Nordmann-Berg', addressLine1: 'Kirkegata 2', memo: '' });
      expect(sim.state.customerTransactions).toEqual(ledger);
      expect(sim.calls.operations.filter((operation) => operation.endsWith('_update') || operation.endsWith('_delete'))).toEqual(['associate_update']);
    });

    it("appends a dated note naming the request and the fields (no values) to the company's annotation field, once", async () => {
      await start({ associates: [{ ...OLA, memo: 'Wants invoices by e-mail' }] }, { annotationField: 'memo' });
      const ledger = structuredClone(sim.state.customerTransactions);
      const changes = { name: 'Ola Nordmann-Berg', address: 'Kirkegata 2' };
      const outcome = await connector().rectify(ctx, { email: 'ola.nordmann@example.no' }, changes, { reference: 'DSR-2026-000042' });
      expect(outcome).toMatchObject({ status: 'done', details: { correctionNote: 'customer-record', annotatedRecords: 1 } });
      // The note beside the invoices records the correction; it is no correction of data itself.
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'corrected', what: 'customer', count: 1, field: 'name', old: 'Ola Nordmann', new: 'Ola Nordmann-Berg' },
        { kind: 'corrected', what: 'customer', count: 1, field: 'address', old: 'Storgata 1', new: 'Kirkegata 2' },
      ]);
      const note = "Wants invoices by e-mail\n2026-11-22: corrected at the data subject's request (DSR-2026-000042): name, address";
      expect(associate(1)).toMatchObject({ name: 'Ola Nordmann-Berg', memo: note });
      expect(associate(1)?.memo).not.toContain('Storgata');
      expect(sim.state.customerTransactions).toEqual(ledger);
      await connector().rectify(ctx, { email: 'ola.nordmann@example.no' }, changes, { reference: 'DSR-2026-000042' });
      expect(associate(1)?.memo).toBe(note);
      expect(sim.calls.associateUpdates.get(1)).toBe(1);
    });

    it('leaves fields without a Visma mapping to a person', async () => {
      const outcome = await connector().rectify(ctx, { customerNumber: '10002' }, { shoeSize: '42' });
      expect(outcome).toMatchObject({ status: 'manual' });
      expect(outcome.summary).toContain('shoeSize');
      expect(sim.calls.associateUpdates.size).toBe(0);
    });
  });

  describe('erase', () => {
    beforeEach(() => start());

    it('keeps a customer with 2024 and 2025 invoices under bokføringsloven § 13, one hold per financial year, and blanks the optional personal fields', async () => {
      const outcome = await connector().erase(ctx, { email: 'ola.nordmann@example.no' }, BOOKKEEPING);
      expect(outcome).toMatchObject({
        status: 'retained',
        retained: [
          {
            records: 'invoices and customer ledger entries, financial year 2024',
            basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
            until: '2029-12-31',
            externalIds: { associateNos: [1], contactNos: [] },
          },
          {
            records: 'invoices and customer ledger entries, financial year 2025',
            basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
            until: '2030-12-31',
            externalIds: { associateNos: [1], contactNos: [] },
          },
        ],
        erased: ['e-mail address, phone and mobile phone on customer 10001'],
        details: { anonymiseAfter: '2030-12-31' },
      });
      // What the person is told: contact details erased; each year's ledger entries kept under § 13
      // until their own end date, and the customer record (the invoices need it) until the last.
      expect(dispositionsOf(outcome)).toEqual([
        CONTACT_DETAILS_ERASED,
        keptUnder13('ledger-entry', '2029-12-31', 2),
        keptUnder13('ledger-entry', '2030-12-31', 2),
        keptUnder13('customer', '2030-12-31', 1),
      ]);
      expect(associate(1)).toMatchObject({
        name: 'Ola Nordmann',
        customerNo: 10001,
        addressLine1: 'Storgata 1',
        emailAddress: '',
        phone: '',
        mobilePhone: '',
        noMarketing: true,
        processingRestricted: true,
      });
      expect(sim.state.customerTransactions.filter((entry) => entry.customerNo === 10001)).toHaveLength(4);
      expect(sim.calls.operations).not.toContain('associate_delete');
    });

    it('applies the § 13 default without data-map holds, and a repeat changes nothing', async () => {
      const visma = connector();
      const subject = { email: 'ola.nordmann@example.no', customerNumber: '10001' };
      const first = await visma.erase(ctx, subject, { legalHolds: [] });
      const again = await visma.erase(ctx, subject, { legalHolds: [] });
      expect(first).toMatchObject({ status: 'retained', retained: [{ until: '2029-12-31' }, { until: '2030-12-31' }], details: { blankedRecords: 1 } });
      expect(again).toMatchObject({ status: 'retained', retained: [{ until: '2029-12-31' }, { until: '2030-12-31' }], details: { blankedRecords: 0 } });
      expect(dispositionsOf(first)).toEqual([
        CONTACT_DETAILS_ERASED,
        keptUnder13('ledger-entry', '2029-12-31', 2),
        keptUnder13('ledger-entry', '2030-12-31', 2),
        keptUnder13('customer', '2030-12-31', 1),
      ]);
      // The repeat blanked nothing, so it does not claim the erasure again; what is kept stays said.
      expect(dispositionsOf(again)).toEqual([
        keptUnder13('ledger-entry', '2029-12-31', 2),
        keptUnder13('ledger-entry', '2030-12-31', 2),
        keptUnder13('customer', '2030-12-31', 1),
      ]);
      expect(sim.calls.associateUpdates.get(1)).toBe(1);
      expect(sim.calls.operations).not.toContain('associate_delete');
    });

    it('computes the until-date from a longer data-map hold', async () => {
      const rules = { legalHolds: [{ records: 'invoices', basis: 'bokføringsloven § 13 and the articles of association', keepFor: 'P10Y' }] };
      const outcome = await connector().erase(ctx, { customerNumber: '10001' }, rules);
      expect(outcome).toMatchObject({
        status: 'retained',
        retained: [
          { records: 'invoices, financial year 2024', until: '2034-12-31' },
          { records: 'invoices, financial year 2025', until: '2035-12-31' },
        ],
        details: { anonymiseAfter: '2035-12-31' },
      });
      expect(dispositionsOf(outcome)).toContainEqual(
        expect.objectContaining({
          kind: 'kept',
          what: 'ledger-entry',
          law: 'bokføringsloven § 13 and the articles of association (10 years after the end of the financial year)',
        }),
      );
    });

    it('deletes a customer whose ledger entries are past the retention period', async () => {
      await expect(connector().erase(ctx, { customerNumber: '10004' }, BOOKKEEPING)).resolves.toMatchObject({ status: 'done' });
      expect(associate(4)).toBeUndefined();
      expect(sim.calls.associateDeletes.get(4)).toBe(1);
    });

    it('blanks a contact person of a company customer whose invoices are kept', async () => {
      const outcome = await connector().erase(ctx, { email: 'per.olsen@fjord.example' }, BOOKKEEPING);
      expect(outcome).toMatchObject({ status: 'retained', retained: [{ until: '2030-12-31', externalIds: { associateNos: [], contactNos: [301] } }] });
      // The company's ledger is not the person's data: only their own record is said to be kept.
      expect(dispositionsOf(outcome)).toEqual([CONTACT_DETAILS_ERASED, keptUnder13('contact-person', '2030-12-31', 1)]);
      expect(contact(301)).toMatchObject({ name: 'Per Olsen', emailAddress: '', phone: '', mobilePhone: '' });
      expect(associate(3)?.emailAddress).toBe('post@fjord.example');
    });
  });

  describe("erase: Visma's own deletion routine or the table API (connection.deletion)", () => {
    it.each([
      ['routine', 'associate_processings.deleteCustomerSupplierData'],
      ['direct', 'associate_delete'],
    ])('deletes a customer without ledger entries exactly once, with its contact persons (deletion: %s)', async (deletion, operation) => {
      await start({}, { deletion });
      const visma = connector();
      const outcome = await visma.erase(ctx, { email: 'kari@example.no' }, BOOKKEEPING);
      expect(outcome).toMatchObject({ status: 'done', details: { deletedAssociates: 1, deletedContacts: 1 } });
      // The staff summary in both languages: Visma's numbers as they are, the count with its own noun.
      expect(outcome.summaryText).toEqual({
        en: 'Deleted from Visma Business: customer 10002 deleted with 1 contact person.',
        nb: 'Slettet fra Visma Business: kunde 10002 slettet med 1 kontaktperson.',
      });
      expect(outcome.summary).toBe(outcome.summaryText?.en);
      expect(dispositionsOf(outcome)).toEqual([
        { kind: 'erased', what: 'contact-person', count: 1 },
        { kind: 'erased', what: 'customer', count: 1 },
      ]);
      expect(associate(2)).toBeUndefined();
      expect(contact(201)).toBeUndefined();
      await expect(visma.erase(ctx, { email: 'kari@example.no' }, BOOKKEEPING)).resolves.toMatchObject({ status: 'not_found' });
      expect(sim.calls.associateDeletes.get(2)).toBe(1);
      expect(sim.calls.operations.filter((name) => name.startsWith('associate_delete') || name.startsWith('associate_processings'))).toEqual([operation]);
    });

    it("by default runs Visma's own routine, which moves the old ledger to the company's anonymisation customer", async () => {
      await start({ anonymisationCustomerNo: 99990 });
      await expect(connector().erase(ctx, { customerNumber: '10004' }, BOOKKEEPING)).resolves.toMatchObject({ status: 'done' });
      expect(associate(4)).toBeUndefined();
      expect(sim.calls.routineRuns.get(4)).toBe(1);
      expect(sim.state.customerTransactions.filter((entry) => entry.customerNo === 10004)).toEqual([]);
      expect(sim.state.customerTransactions.filter((entry) => entry.customerNo === 99990).map((entry) => entry.voucherNo)).toEqual([1900, 1901]);
    });

    it('with deletion: direct deletes the associate through the table API and leaves the ledger rows as they were', async () => {
      await start({}, { deletion: 'direct' });
      await expect(connector().erase(ctx, { customerNumber: '10004' }, BOOKKEEPING)).resolves.toMatchObject({ status: 'done' });
      expect(associate(4)).toBeUndefined();
      expect(sim.calls.routineRuns.size).toBe(0);
      expect(sim.state.customerTransactions.filter((entry) => entry.customerNo === 10004).map((entry) => entry.voucherNo)).toEqual([1900, 1901]);
    });

    it.each([
      ['routine', 'Slett kunde-/leverandørdata', 'routineRefusals'],
      ['direct', 'DELETE_NOT_ALLOWED', 'associateDeleteRefusals'],
    ] as const)('hands over to a person when Visma refuses a deletion the data map would allow (deletion: %s)', async (deletion, says, refusals) => {
      await start({}, { deletion });
      const tooShort = { legalHolds: [{ records: 'invoices', basis: 'bokføringsloven § 13', keepFor: 'P1Y', from: 'end-of-financial-year' }] };
      const outcome = await connector().erase(ctx, { email: 'lars@example.no' }, tooShort);
      expect(outcome.status).toBe('manual');
      expect(outcome.summary).toContain(says);
      // Visma's own refusal is quoted as it came inside the Norwegian sentence.
      expect(outcome.summaryText?.nb).toMatch(new RegExp(`^Visma nektet å slette (?:kunde|aktør) \\d+ \\(.*${says}`));
      expect(sim.calls[refusals].get(5)).toBe(1);
      expect(sim.calls.associateDeletes.get(5)).toBeUndefined();
      expect(associate(5)).toMatchObject({ name: 'Lars Berg', emailAddress: '' });
    });
  });

  describe('the names of the ledger and the deletion routine are checked against the company schema first', () => {
    it('a misconfigured ledger field stops the system with a message naming the setting, before anything is read or changed', async () => {
      await start({}, { ledger: { fields: { amount: 'amount' } } });
      const visma = connector();
      for (const attempt of [
        () => visma.export(ctx, { email: 'ola.nordmann@example.no' }),
        () => visma.erase(ctx, { email: 'kari@example.no' }, BOOKKEEPING),
      ]) {
        const error = await attempt().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ConnectorError);
        expect(error).toMatchObject({ retryable: false });
        expect((error as Error).message).toContain(`Visma system "${ctx.systemId}" is stopped until its data map is corrected`);
        expect((error as Error).message).toContain('connection.ledger.fields.amount: "amount" is not a field of CustomerTransaction');
        expect((error as ConnectorError).text?.en).toBe((error as Error).message);
        expect((error as ConnectorError).text?.nb).toBe(
          `Visma-systemet «${ctx.systemId}» er stoppet til datakartet er rettet (ingenting ble lest eller endret): ` +
            'connection.ledger.fields.amount: «amount» er ikke et felt i CustomerTransaction',
        );
      }
      expect(sim.calls.operations).toEqual([]);
      expect(associate(2)).toMatchObject({ emailAddress: 'kari@example.no' });
      // One introspection for the system, not one per action.
      expect(sim.calls.graphql).toBe(1);
    });

    it('names a wrong table and a routine the associate table does not have', async () => {
      await start({}, { ledger: { table: 'custTr' }, deletionRoutine: 'deleteCustomerData' });
      const error = (await connector()
        .find(ctx, { email: 'kari@example.no' })
        .catch((caught: unknown) => caught)) as Error;
      expect(error.message).toContain('connection.ledger.table: "custTr" is not a table in the Business NXT schema of company 9112233');
      expect(error.message).toContain('connection.deletionRoutine: "deleteCustomerData" is not a processing of the associate table');
      expect((error as ConnectorError).text?.nb).toContain(
        'connection.deletionRoutine: «deleteCustomerData» er ikke en prosessering på aktørtabellen (associate_processings); ' +
          'gi rutinen navnet «Slett kunde-/leverandørdata»',
      );
      expect(sim.calls.operations).toEqual([]);
    });

    it('with deletion: direct the routine name is not required, and names that exist let every action run', async () => {
      await start({}, { deletion: 'direct', deletionRoutine: 'noSuchRoutine', ledger: { table: 'customerTransaction', fields: { amount: 'amountDomestic' } } });
      const part = await connector().export(ctx, { email: 'ola.nordmann@example.no' });
      expect(part.data.customerTransactions).toContainEqual({ customerNo: 10001, voucherNo: 5001, voucherDate: '2025-03-14', amount: 1250 });
    });

    it('the simulator answers the introspection from its schema of published and model names', async () => {
      await start();
      const response = await fetch(sim.graphqlUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${await fetchToken(sim)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __type(name: "CustomerTransaction") { fields { name } } }' }),
      });
      const body = (await response.json()) as { data: { __type: { fields: Array<{ name: string }> } } };
      expect(body.data.__type.fields.map((field) => field.name)).toEqual([...LEDGER_NAMES.fields]);
    });
  });

  describe('sales orders and order lines (connection.orders)', () => {
    /** Ola: an order invoiced in 2025 (2 lines), one invoiced in 2019 (past its limit), one not invoiced. Kari: one not invoiced. Gammel Kunde: one invoiced in 2024. */
    const ORDERS: VismaSimulatorOptions = {
      orders: [
        {
          orderNo: 501,
          customerNo: 10001,
          orderDate: 20250310,
          invoiceNo: 7001,
          deliveryName: 'Ola Nordmann',
          deliveryAddress1: 'Hytteveien 3',
          deliveryPostCode: '3550',
          deliveryPostalArea: 'Gol',
        },
        { orderNo: 502, customerNo: 10001, orderDate: 20190310, invoiceNo: 6001 },
        { orderNo: 503, customerNo: 10001, orderDate: 20261120, invoiceNo: 0, deliveryName: 'Ola Nordmann', deliveryAddress1: 'Storgata 1' },
        { orderNo: 601, customerNo: 10002, orderDate: 20261101, invoiceNo: 0, deliveryName: 'Kari Hansen' },
        { orderNo: 701, customerNo: 10004, orderDate: 20240905, invoiceNo: 7101 },
      ],
      orderLines: [
        { orderNo: 501, lineNo: 1, productNo: 'SYK-1', description: 'Sykkel', quantity: 1, amountDomestic: 4990 },
        { orderNo: 501, lineNo: 2, productNo: 'LYK-2', description: 'Lykt', quantity: 2, amountDomestic: 300 },
        { orderNo: 503, lineNo: 1, productNo: 'HJL-1', description: 'Hjelm', quantity: 1, amountDomestic: 799 },
        { orderNo: 601, lineNo: 1, productNo: 'SYK-1', description: 'Sykkel', quantity: 1, amountDomestic: 4990 },
      ],
    };
    const orderNos = () => sim.state.orders.map((order) => order.orderNo);

    it("exports the customer's orders with their delivery address and lines, labelled as orders and order lines", async () => {
      await start(ORDERS);
      const part = await connector().export(ctx, { email: 'ola.nordmann@example.no' });
      expect(part.data.orders).toContainEqual({
        orderNo: 501,
        customerNo: 10001,
        orderDate: '2025-03-10',
        invoiceNo: 7001,
        deliveryName: 'Ola Nordmann',
        deliveryAddress: 'Hytteveien 3',
        deliveryPostCode: '3550',
        deliveryPostalArea: 'Gol',
      });
      expect(part.tables?.orderLines).toContainEqual({ orderNo: 501, lineNo: 2, productNo: 'LYK-2', description: 'Lykt', quantity: 2, amount: 300 });
      expect(part.recordCount).toBe(1 + 4 + 3 + 3);
      expect(dispositionsOf(part)).toEqual([
        { kind: 'disclosed', what: 'customer', count: 1 },
        { kind: 'disclosed', what: 'ledger-entry', count: 4 },
        { kind: 'disclosed', what: 'order', count: 3 },
        { kind: 'disclosed', what: 'order-line', count: 3 },
      ]);
    });

    it('with orders.read: false reads no order and says orders were not searched', async () => {
      await start(ORDERS, { orders: { read: false, table: 'noSuchTable' } });
      const part = await connector().export(ctx, { email: 'ola.nordmann@example.no' });
      expect(part.data.orders).toEqual([]);
      expect(part.data.notSearched).toEqual([
        'sales orders and order lines',
        'delivery addresses on orders',
        'invoice documents (PDF) and attachments',
        'appointments and activities',
      ]);
      expect(sim.calls.operations).not.toContain('order');
    });

    it('keeps an invoiced order under § 13 for its financial year and deletes an old invoiced order and one never invoiced, with their lines', async () => {
      await start(ORDERS);
      const outcome = await connector().erase(ctx, { email: 'ola.nordmann@example.no' }, BOOKKEEPING);
      expect(outcome.status).toBe('retained');
      expect(dispositionsOf(outcome)).toEqual([
        keptUnder13('order', '2030-12-31', 1),
        keptUnder13('order-line', '2030-12-31', 2),
        { kind: 'erased', what: 'order', count: 2 },
        { kind: 'erased', what: 'order-line', count: 1 },
        CONTACT_DETAILS_ERASED,
        keptUnder13('ledger-entry', '2029-12-31', 2),
        keptUnder13('ledger-entry', '2030-12-31', 2),
        keptUnder13('customer', '2030-12-31', 1),
      ]);
      expect(orderNos()).toEqual([501, 601, 701]);
      expect(sim.state.orderLines.filter((line) => line.orderNo === 501)).toHaveLength(2);
      expect(sim.calls.orderDeletes.get(503)).toBe(1);
      expect(sim.calls.orderDeleteRefusals.size).toBe(0);
      // A repeat finds nothing by the blanked e-mail and deletes nothing twice.
      await expect(connector().erase(ctx, { email: 'ola.nordmann@example.no' }, BOOKKEEPING)).resolves.toMatchObject({ status: 'not_found' });
      expect(sim.calls.orderDeletes.get(503)).toBe(1);
    });

    it('an invoiced order alone keeps a customer whose ledger hold has ended', async () => {
      await start(ORDERS);
      // Gammel Kunde's vouchers are from 2019 (past § 13 since 2025-01-01); the order was invoiced in 2024.
      const outcome = await connector().erase(ctx, { email: 'gammel@example.no' }, BOOKKEEPING);
      expect(outcome).toMatchObject({
        status: 'retained',
        retained: [
          { records: 'invoices and customer ledger entries, financial year 2024', until: '2029-12-31', externalIds: { associateNos: [4], contactNos: [] } },
        ],
      });
      expect(dispositionsOf(outcome)).toContainEqual(keptUnder13('order', '2029-12-31', 1));
      expect(dispositionsOf(outcome)).toContainEqual(keptUnder13('customer', '2029-12-31', 1));
      expect(associate(4)).toMatchObject({ name: 'Gammel Kunde', emailAddress: '' });
      expect(orderNos()).toContain(701);
      expect(sim.calls.routineRuns.size).toBe(0);
    });

    it.each(['routine', 'direct'])('deletes an order not invoiced with the customer (deletion: %s)', async (deletion) => {
      await start(ORDERS, { deletion });
      const outcome = await connector().erase(ctx, { email: 'kari@example.no' }, BOOKKEEPING);
      expect(outcome.status).toBe('done');
      expect(dispositionsOf(outcome)).toEqual(
        expect.arrayContaining([
          { kind: 'erased', what: 'order', count: 1 },
          { kind: 'erased', what: 'order-line', count: 1 },
          { kind: 'erased', what: 'customer', count: 1 },
        ]),
      );
      expect(orderNos()).not.toContain(601);
      expect(sim.state.orderLines.some((line) => line.orderNo === 601)).toBe(false);
      expect(sim.calls.orderDeletes.get(601)).toBe(1);
    });

    it('a wrong order field name stops the system with a message naming the setting', async () => {
      await start(ORDERS, { orders: { fields: { deliveryName: 'delName' }, lineTable: 'ordLn' } });
      const error = (await connector()
        .export(ctx, { email: 'kari@example.no' })
        .catch((caught: unknown) => caught)) as Error;
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.message).toContain('connection.orders.fields.deliveryName: "delName" is not a field of Order');
      expect(error.message).toContain('connection.orders.lineTable: "ordLn" is not a table in the Business NXT schema of company 9112233');
      expect((error as ConnectorError).text?.nb).toContain('connection.orders.fields.deliveryName: «delName» er ikke et felt i Order');
      expect((error as ConnectorError).text?.nb).toContain('connection.orders.lineTable: «ordLn» er ikke en tabell i Business NXT-skjemaet til firma 9112233');
      expect(sim.calls.operations).toEqual([]);
    });
  });

  describe('erase at the end of a hold', () => {
    beforeEach(() => start());

    it('finds the kept customer by the ids stored with the hold and deletes it once the last hold has ended', async () => {
      const held = await connector().erase(ctx, { email: 'ola.nordmann@example.no' }, BOOKKEEPING);
      if (held.status !== 'retained') throw new Error(`expected retained, got ${held.status}`);
      expect(associate(1)?.emailAddress).toBe('');
      const ids = held.retained[0].externalIds!;
      // The e-mail is blank now: a search by subject finds nothing.
      await expect(connector().erase(ctx, { email: 'ola.nordmann@example.no' }, BOOKKEEPING)).resolves.toMatchObject({ status: 'not_found' });

      const in2030 = connector({ now: () => new Date('2030-01-02T09:00:00Z') });
      const in2030Outcome = await in2030.eraseRetained!(ctx, ids, BOOKKEEPING);
      expect(in2030Outcome).toMatchObject({ status: 'retained', retained: [{ until: '2030-12-31' }] });
      expect(dispositionsOf(in2030Outcome)).toEqual([keptUnder13('ledger-entry', '2030-12-31', 2), keptUnder13('customer', '2030-12-31', 1)]);
      expect(sim.calls.associateDeletes.get(1)).toBeUndefined();

      simNow = Date.parse('2031-01-02T09:00:00Z');
      const in2031 = connector({ now: () => new Date(simNow) });
      const released = await in2031.eraseRetained!(ctx, ids, BOOKKEEPING);
      expect(released).toMatchObject({ status: 'done', details: { deletedAssociates: 1 } });
      expect(dispositionsOf(released)).toEqual([{ kind: 'erased', what: 'customer', count: 1 }]);
      await expect(in2031.eraseRetained!(ctx, ids, BOOKKEEPING)).resolves.toMatchObject({ status: 'not_found' });
      expect(associate(1)).toBeUndefined();
      expect(sim.calls.associateDeletes.get(1)).toBe(1);
    });
  });

  describe('restrict', () => {
    beforeEach(() => start());

    it('sets the no-marketing flag once', async () => {
      const visma = connector();
      const first = await visma.restrict(ctx, { email: 'ola.nordmann@example.no' }, 'marketing');
      expect(first).toMatchObject({ status: 'done' });
      expect(dispositionsOf(first)).toEqual([
        { kind: 'restricted', what: 'customer', count: 1, how: 'marked "noMarketing" in Visma Business: not to be used for marketing' },
      ]);
      await expect(visma.restrict(ctx, { email: 'ola.nordmann@example.no' }, 'marketing')).resolves.toMatchObject({
        status: 'done',
        details: { updatedRecords: 0 },
      });
      expect(associate(1)).toMatchObject({ noMarketing: true, processingRestricted: false });
      expect(sim.calls.associateUpdates.get(1)).toBe(1);
    });

    it('without flag fields in the data map, leaves the restriction to the owner and writes nothing', async () => {
      delete ctx.connection.marketingFlagField;
      delete ctx.connection.restrictionFlagField;
      const outcome = await connector().restrict(ctx, { email: 'ola.nordmann@example.no' }, 'processing');
      expect(outcome.status).toBe('manual');
      expect(outcome.summary).toContain('restrict processing (storage only) of associate 1');
      expect(outcome.summary).toContain('connection.restrictionFlagField');
      const marketing = await connector().restrict(ctx, { email: 'ola.nordmann@example.no' }, 'marketing');
      expect(marketing.summary).toContain('stop all marketing to associate 1');
      expect(sim.calls.associateUpdates.size).toBe(0);
      expect(associate(1)).toMatchObject({ noMarketing: false, processingRestricted: false });
    });

    it('marks processing as restricted', async () => {
      const outcome = await connector().restrict(ctx, { customerNumber: '10002' }, 'processing');
      expect(outcome).toMatchObject({ status: 'done' });
      expect(dispositionsOf(outcome)).toEqual([
        {
          kind: 'restricted',
          what: 'customer',
          count: 1,
          how: 'marked "noMarketing" and "processingRestricted" in Visma Business: stored only, not otherwise used',
        },
      ]);
      expect(associate(2)).toMatchObject({ noMarketing: true, processingRestricted: true });
      const nobody = await connector().restrict(ctx, { email: 'nobody@example.no' }, 'processing');
      expect(nobody).toMatchObject({ status: 'not_found' });
      expect(dispositionsOf(nobody)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
    });
  });

  describe('errors, auth and limits', () => {
    it('surfaces GraphQL errors sent with HTTP 200 as permanent ConnectorErrors', async () => {
      await start({}, { companyNo: 1234 });
      const error = await connector()
        .find(ctx, { email: 'ola.nordmann@example.no' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).not.toBeInstanceOf(ConnectorAuthError);
      expect(error).toMatchObject({ retryable: false, httpStatus: 200 });
      expect((error as Error).message).toContain('COMPANY_ACCESS_DENIED');
    });

    it('the simulator validates queries against the schema and answers errors with HTTP 200', async () => {
      await start();
      const response = await fetch(sim.graphqlUrl, {
        method: 'POST',
        headers: { authorization: `Bearer ${await fetchToken(sim)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ useCompany(no: ${SIM_COMPANY_NO}) { associate { items { shoeSize } } } }` }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { errors: Array<{ message: string; locations: unknown[]; extensions: Record<string, unknown> }> };
      // Business NXT's (GraphQL.NET) shape, as its error-handling page shows it.
      expect(body.errors).toEqual([
        {
          message: "GraphQL.Validation.Errors.FieldsOnCorrectTypeError: Cannot query field 'shoeSize' on type 'Associate'.",
          locations: [{ line: 1, column: 49 }],
          extensions: { code: 'FIELDS_ON_CORRECT_TYPE', codes: ['FIELDS_ON_CORRECT_TYPE'], number: '5.3.1' },
        },
      ]);
    });

    it('the simulator answers a call without a valid bearer token with 401 and an HTML page', async () => {
      await start();
      const response = await fetch(sim.graphqlUrl, {
        method: 'POST',
        headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('text/html');
    });

    it('maps rejected client credentials to ConnectorAuthError', async () => {
      await start({ clients: { [SIM_CLIENT_ID]: 'another-secret' } });
      await expect(connector().find(ctx, { email: 'ola.nordmann@example.no' })).rejects.toBeInstanceOf(ConnectorAuthError);
      expect(sim.calls.tokenRejected).toBe(1);
      expect(sim.calls.graphql).toBe(0);
    });

    it('maps a GraphQL 401 that survives a fresh token to ConnectorAuthError', async () => {
      await start({ tokenLifetimeSeconds: 0 });
      const error = await connector()
        .find(ctx, { email: 'ola.nordmann@example.no' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectorAuthError);
      expect(error).toMatchObject({ httpStatus: 401, retryable: false });
      expect(sim.calls.unauthorized).toBe(2);
      expect(sim.calls.token).toBe(2);
    });

    it('fetches a new token once when Visma revokes the cached one', async () => {
      await start();
      const visma = connector();
      await visma.find(ctx, { email: 'ola.nordmann@example.no' });
      sim.state.tokens.clear();
      await expect(visma.find(ctx, { email: 'ola.nordmann@example.no' })).resolves.toHaveLength(1);
      expect(sim.calls.unauthorized).toBe(1);
      expect(sim.calls.token).toBe(2);
    });

    it('reuses one token for many queries, across connector instances', async () => {
      await start();
      await connector().find(ctx, { email: 'ola.nordmann@example.no' });
      await connector().export(ctx, { customerNumber: '10001' });
      await connector().restrict(ctx, { customerNumber: '10002' }, 'marketing');
      expect(sim.calls.graphql).toBeGreaterThanOrEqual(7);
      expect(sim.calls.token).toBe(1);
    });

    it('waits out a short Retry-After inline and retries', async () => {
      await start({ rateLimitPerMinute: 3 });
      const waits: number[] = [];
      const sleep = async (ms: number) => {
        waits.push(ms);
        simNow += ms;
      };
      const visma = connector({ sleep });
      await visma.find(ctx, { email: 'ola.nordmann@example.no' }); // schema check + associate + contact: 3 requests
      simNow += 58_000; // two seconds left in the minute
      await expect(visma.find(ctx, { email: 'ola.nordmann@example.no' })).resolves.toHaveLength(1);
      expect(waits).toEqual([2000]);
      expect(sim.calls.rateLimited).toBe(1);
    });

    it('throws RateLimitedError when Retry-After is longer than the inline limit', async () => {
      // The first find makes 3 requests (the one-off schema check, associate, contact).
      await start({ rateLimitPerMinute: 3 });
      const waits: number[] = [];
      const visma = connector({ sleep: async (ms) => void waits.push(ms) });
      await visma.find(ctx, { email: 'ola.nordmann@example.no' });
      const error = await visma.find(ctx, { email: 'ola.nordmann@example.no' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ retryAfterMs: 60_000, retryable: true, httpStatus: 429 });
      expect(waits).toEqual([]);
    });

    it('gives up after three inline retries', async () => {
      await start({ rateLimitPerMinute: 1 });
      const waits: number[] = [];
      // The simulator's clock does not move, so every retry is refused again.
      const visma = connector({ maxInlineRetryWaitMs: 120_000, sleep: async (ms) => void waits.push(ms) });
      await expect(visma.find(ctx, { email: 'ola.nordmann@example.no' })).rejects.toBeInstanceOf(RateLimitedError);
      expect(waits).toEqual([60_000, 60_000, 60_000]);
      expect(sim.calls.rateLimited).toBe(4);
    });

    it('the simulator refuses requests above its concurrency cap with 429', async () => {
      await start({ concurrencyLimit: 1, responseDelayMs: 300 });
      const token = await fetchToken(sim);
      const call = () =>
        fetch(sim.graphqlUrl, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ useCompany(no: ${SIM_COMPANY_NO}) { associate(first: 1) { totalCount } } }` }),
        });
      const responses = await Promise.all([call(), call()]);
      expect(responses.map((response) => response.status).sort()).toEqual([200, 429]);
      expect(responses.find((response) => response.status === 429)?.headers.get('retry-after')).toBe('1');
      expect(sim.calls.concurrencyRejected).toBe(1);
    });
  });
  describe('onlyRecords', () => {
    /** Vera holds Kari's mobile number in another spelling; her associate number is Kari's
     *  contact person's number and her contact person's number is Kari's associate number. */
    const VERA = { associateNo: 201, customerNo: 10201, name: 'Vera Vik', emailAddress: 'vera@vik.example', phone: '987 65 432', addressLine1: 'Vikveien 9' };
    const VERA_PRIVATE = { contactNo: 2, associateNo: 201, name: 'Vera Vik (privat)', mobilePhone: '0047 98765432' };
    const VERA_LEDGER = [{ customerNo: 10201, voucherNo: 7001, voucherDate: 20250505, amount: 777 }];
    const kariOnly = { email: 'kari@example.no', phone: '+4798765432', onlyRecords: ['associate:2', 'contact:201'] };

    beforeEach(() =>
      start({
        associates: [...seed().associates!, VERA],
        contacts: [...seed().contacts!, VERA_PRIVATE],
        customerTransactions: [...seed().customerTransactions!, ...VERA_LEDGER],
      }),
    );

    const veraState = () =>
      structuredClone({ associate: associate(201), contact: contact(2), ledger: sim.state.customerTransactions.filter((entry) => entry.customerNo === 10201) });

    it('finds and exports only the listed records, not an unlisted customer with the same phone nor its ledger', async () => {
      const unscoped = await connector().find(ctx, { ...kariOnly, onlyRecords: undefined });
      expect(unscoped.map((match) => match.externalId).sort()).toEqual(['associate:2', 'associate:201', 'contact:2', 'contact:201']);
      expect((await connector().find(ctx, kariOnly)).map((match) => match.externalId)).toEqual(['associate:2', 'contact:201']);

      const part = await connector().export(ctx, kariOnly);
      const exported = JSON.stringify(part);
      expect(exported).toContain('Kari Hansen');
      for (const text of ['Vera', 'vera@vik.example', '987 65 432', '0047 98765432', 'Vikveien', '10201', '7001', '777']) expect(exported).not.toContain(text);
      expect(part.recordCount).toBe(2);
    });

    it('leaves the unlisted customer, its contact person and ledger untouched by restrict, rectify and erase', async () => {
      const before = veraState();

      expect((await connector().restrict(ctx, kariOnly, 'processing')).status).toBe('done');
      expect((await connector().rectify(ctx, kariOnly, { name: 'Kari Nordmann', address: 'Nygata 3' })).status).toBe('done');
      expect((await connector().erase(ctx, kariOnly, BOOKKEEPING)).status).toBe('done');

      expect(associate(2)).toBeUndefined();
      expect(contact(201)).toBeUndefined();
      expect(veraState()).toEqual(before);
    });

    it('recognises its own corrected e-mail on a repeat, but never an unlisted record that holds the new value', async () => {
      const kari = { email: 'kari@example.no', onlyRecords: ['associate:2'] };
      await expect(connector().rectify(ctx, kari, { email: 'kari.ny@example.no' })).resolves.toMatchObject({ status: 'done' });
      await expect(connector().rectify(ctx, kari, { email: 'kari.ny@example.no' })).resolves.toMatchObject({ status: 'done', details: { updatedRecords: 0 } });
      expect(sim.calls.associateUpdates.get(2)).toBe(1);

      await expect(connector().rectify(ctx, kari, { email: 'vera@vik.example' })).resolves.toMatchObject({ status: 'not_found' });
      expect(sim.calls.associateUpdates.get(201)).toBeUndefined();
    });

    it('acts on nothing with an empty list', async () => {
      const before = structuredClone(sim.state);
      const none = { ...kariOnly, onlyRecords: [] };

      await expect(connector().find(ctx, none)).resolves.toEqual([]);
      await expect(connector().export(ctx, none)).resolves.toMatchObject({ recordCount: 0 });
      await expect(connector().restrict(ctx, none, 'marketing')).resolves.toMatchObject({ status: 'not_found' });
      await expect(connector().rectify(ctx, none, { email: 'kari.ny@example.no' })).resolves.toMatchObject({ status: 'not_found' });
      await expect(connector().erase(ctx, none, BOOKKEEPING)).resolves.toMatchObject({ status: 'not_found' });
      expect(sim.calls.operations.filter((operation) => operation.endsWith('_update') || operation.endsWith('_delete'))).toEqual([]);
      expect({ associates: sim.state.associates, contacts: sim.state.contacts, ledger: sim.state.customerTransactions }).toEqual({
        associates: before.associates,
        contacts: before.contacts,
        ledger: before.customerTransactions,
      });
    });
  });
});
