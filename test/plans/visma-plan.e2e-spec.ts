import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { Outcome, PlanItem, PlanRequest, RetentionRules, Subject, SystemContext } from '../../src/connectors/connector';
import { VismaConnector } from '../../src/connectors/visma/visma.connector';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_COMPANY_NO, startVismaSimulator, type VismaSimulator } from '../simulators/visma/visma-simulator';

const TODAY = '2026-11-22';
const RULES: RetentionRules = {
  legalHolds: [
    {
      records: 'invoices and customer ledger entries',
      basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
      keepFor: 'P5Y',
      from: 'end-of-financial-year',
    },
  ],
};
const LAW = 'bokføringsloven § 13 (5 years after the end of the financial year)';
const REFERENCE = 'DSR-2026-00042';
const OLA_MEMO = 'Prefers invoices by post';
const PHONE_NOTE = `DSR ${REFERENCE}: phone contested, restricted (Art 18(1)(a))`;

/** Ola: vouchers from 2019 (past § 13 since 2025-01-01) and 2024 (kept until 2029-12-31), settled. */
const SEED = {
  associates: [
    {
      associateNo: 1,
      customerNo: 10001,
      name: 'Ola Nordmann',
      emailAddress: 'ola@example.no',
      phone: '22 12 34 56',
      addressLine1: 'Storgata 1',
      postCode: '0155',
      postalArea: 'Oslo',
      memo: OLA_MEMO,
    },
    { associateNo: 2, customerNo: 10002, name: 'Kari Hansen', emailAddress: 'kari@example.no', phone: '98765432', memo: 'VIP' },
  ],
  contacts: [{ contactNo: 11, associateNo: 1, name: 'Ola privat', emailAddress: 'ola.privat@example.no' }],
  customerTransactions: [
    { customerNo: 10001, voucherNo: 1900, voucherDate: 20190305, amount: 450 },
    { customerNo: 10001, voucherNo: 1901, voucherDate: 20190320, amount: -450 },
    { customerNo: 10001, voucherNo: 2400, voucherDate: 20240110, amount: 300 },
    { customerNo: 10001, voucherNo: 2401, voucherDate: 20240201, amount: -300 },
    { customerNo: 10002, voucherNo: 1950, voucherDate: 20190601, amount: 100 },
    { customerNo: 10002, voucherNo: 1951, voucherDate: 20190610, amount: -100 },
  ],
};
const OLA: Subject = { email: 'ola@example.no', customerNumber: '10001' };

function dispositionsOf(outcome: Outcome): Disposition[] {
  const list = (outcome as { dispositions?: Disposition[] }).dispositions ?? [];
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}

/** Discover, review, execute at connector level: survey's proposals, approved as they are or changed
 *  by a handler, executed against the Business NXT simulator over real HTTP. */
describe('Visma plan: survey and execute against the Business NXT simulator', () => {
  let sim: VismaSimulator;
  let ctx: SystemContext;
  let seq = 0;
  const connector = new VismaConnector({ now: () => new Date(`${TODAY}T10:00:00Z`) });
  const associate = (no: number) => sim.state.associates.find((row) => row.associateNo === no);
  const vouchers = (customerNo: number) => sim.state.customerTransactions.filter((row) => row.customerNo === customerNo).map((row) => row.voucherNo);
  const approve = (
    plan: Array<{ ref: string; recordType: PlanItem['recordType']; proposed: PlanItem['action']; keep?: PlanItem['keep']; fields?: string[] }>,
  ) => plan.map((row) => ({ ref: row.ref, recordType: row.recordType, action: row.proposed, keep: row.keep, fields: row.fields }));

  beforeEach(async () => {
    sim = await startVismaSimulator({ ...SEED, now: () => new Date(`${TODAY}T10:00:00Z`) });
    const secrets: Record<string, string> = { VISMA_CLIENT_ID: SIM_CLIENT_ID, VISMA_CLIENT_SECRET: SIM_CLIENT_SECRET };
    ctx = {
      systemId: `visma-plan-e2e-${++seq}`,
      connection: {
        tokenUrl: sim.tokenUrl,
        graphqlUrl: sim.graphqlUrl,
        companyNo: SIM_COMPANY_NO,
        clientIdEnv: 'VISMA_CLIENT_ID',
        clientSecretEnv: 'VISMA_CLIENT_SECRET',
        marketingFlagField: 'noMarketing',
        restrictionFlagField: 'processingRestricted',
        annotationField: 'memo',
      },
      secret: (name) => secrets[name],
    };
  });
  afterEach(async () => {
    await sim?.close();
  });

  it('erasure: deletes the vouchers past the § 13 limit, keeps the others and the card minimal and restricted, touches nobody else', async () => {
    const request: PlanRequest = { action: 'erase', reference: REFERENCE, today: TODAY };
    const plan = await connector.survey(ctx, OLA, request, RULES);
    expect(sim.calls.operations.filter((name) => name.endsWith('_update') || name.endsWith('_delete'))).toEqual([]);
    expect(plan.map((row) => [row.ref, row.proposed, row.keep?.until ?? row.note])).toEqual([
      ['voucher:10001-1900', 'erase', `past the limit of ${LAW} since 2025-01-01`],
      ['voucher:10001-1901', 'erase', `past the limit of ${LAW} since 2025-01-01`],
      ['voucher:10001-2400', 'keep', '2029-12-31'],
      ['voucher:10001-2401', 'keep', '2029-12-31'],
      ['associate:1', 'keep', '2029-12-31'],
      ['contact:11', 'keep', '2029-12-31'],
    ]);

    const outcome = await connector.execute(ctx, OLA, request, approve(plan), RULES);
    expect(outcome.status).toBe('retained');
    expect(vouchers(10001)).toEqual([2400, 2401]);
    expect([...sim.calls.transactionDeletes.keys()]).toEqual([1900, 1901]);
    expect(associate(1)).toMatchObject({ name: 'Ola Nordmann', emailAddress: '', phone: '', addressLine1: 'Storgata 1', processingRestricted: true });
    expect(sim.state.contacts[0]).toMatchObject({ name: 'Ola privat', emailAddress: '' });
    expect(associate(2)).toMatchObject({ emailAddress: 'kari@example.no', processingRestricted: false });
    expect(vouchers(10002)).toEqual([1950, 1951]);
    const kept = { kind: 'kept', basis: 'legal_obligation', law: LAW, until: '2029-12-31', allowedUse: 'bookkeeping, audit and tax control' };
    expect(dispositionsOf(outcome)).toEqual(
      expect.arrayContaining([
        { kind: 'erased', what: 'ledger-entry', count: 2 },
        { ...kept, what: 'ledger-entry', count: 2 },
        { ...kept, what: 'customer', count: 1 },
        { ...kept, what: 'contact-person', count: 1 },
        { kind: 'erased', what: 'contact-details', count: 2 },
      ]),
    );
    expect(outcome.status === 'retained' && outcome.retained.map((hold) => [hold.until, hold.externalIds])).toEqual([
      ['2029-12-31', { associateNos: [1], contactNos: [] }],
    ]);

    // A repeat (by customer number: e-mail is blank now) deletes nothing twice.
    const again = await connector.execute(ctx, { customerNumber: '10001' }, request, approve(plan), RULES);
    expect(again.summary).toContain('not in Visma Business any more (nothing done): voucher:10001-1900, voucher:10001-1901');
    expect([...sim.calls.transactionDeletes.values()]).toEqual([1, 1]);
  });

  it('hands a voucher Visma refuses to delete (inside its hold) to a person instead of claiming it erased', async () => {
    const request: PlanRequest = { action: 'erase', reference: REFERENCE, today: TODAY };
    const items: PlanItem[] = [{ ref: 'voucher:10001-2400', recordType: 'ledger-entry', action: 'erase' }];
    const outcome = await connector.execute(ctx, OLA, request, items, RULES);
    expect(outcome).toMatchObject({ status: 'manual' });
    expect(outcome.summary).toContain('Visma refused to delete voucher 2400');
    expect(vouchers(10001)).toEqual([1900, 1901, 2400, 2401]);
  });

  it('per-field restriction: one note naming the phone on the one card, nothing else flagged, and the lift removes just that note', async () => {
    const request: PlanRequest = { action: 'restrict', contested: ['phone'], reference: REFERENCE, today: TODAY };
    const plan = await connector.survey(ctx, OLA, request, RULES);
    expect(plan.map((row) => [row.ref, row.proposed, row.fields])).toEqual([
      ['associate:1', 'restrict', ['phone']],
      ['contact:11', 'none', ['name', 'email']],
    ]);

    const outcome = await connector.execute(ctx, OLA, request, approve(plan), RULES);
    expect(outcome.status).toBe('done');
    expect(associate(1)).toMatchObject({ memo: `${OLA_MEMO}\n${PHONE_NOTE}`, phone: '22 12 34 56', processingRestricted: false, noMarketing: false });
    expect([...sim.calls.associateUpdates.entries()]).toEqual([[1, 1]]);
    expect(sim.calls.contactUpdates.size).toBe(0);
    expect(associate(2)).toMatchObject({ memo: 'VIP', processingRestricted: false });
    expect(dispositionsOf(outcome)).toEqual([
      {
        kind: 'restricted',
        what: 'customer',
        count: 1,
        how: 'phone number marked as contested in a note on this record in Visma Business: not used until its accuracy is settled; the rest of the record is not restricted',
      },
    ]);

    const details = (outcome as { details: Record<string, unknown> }).details;
    // Someone adds a note of their own meanwhile: the lift leaves it.
    associate(1)!.memo += '\nCalled 2026-11-25';
    const lifted = await connector.liftRestriction(ctx, details);
    expect(lifted.status).toBe('done');
    expect(associate(1)!.memo).toBe(`${OLA_MEMO}\nCalled 2026-11-25`);
    expect((await connector.liftRestriction(ctx, details)).summary).toBe('The restriction notes were already gone from Visma Business.');
    expect([...sim.calls.associateUpdates.entries()]).toEqual([[1, 2]]);
  });

  it('the restrict task with contested fields (no plan) writes the same note once and is liftable', async () => {
    const outcome = await connector.restrict(ctx, OLA, 'processing', { reference: REFERENCE, fields: ['phone'] });
    expect(outcome).toMatchObject({ status: 'done', details: { fieldRestrictions: [{ note: PHONE_NOTE, noteField: 'memo', associateNos: [1] }] } });
    await connector.restrict(ctx, OLA, 'processing', { reference: REFERENCE, fields: ['phone'] });
    expect(associate(1)).toMatchObject({ memo: `${OLA_MEMO}\n${PHONE_NOTE}`, processingRestricted: false, noMarketing: false });
    expect(sim.calls.associateUpdates.get(1)).toBe(1);
    expect(sim.state.contacts[0].processingRestricted).toBe(false);

    await connector.liftRestriction(ctx, (outcome as { details: Record<string, unknown> }).details);
    expect(associate(1)!.memo).toBe(OLA_MEMO);
    // A whole-record restriction recorded nothing to undo: the owner lifts it.
    expect((await connector.liftRestriction(ctx, { updatedRecords: 1 })).status).toBe('manual');
  });
});
