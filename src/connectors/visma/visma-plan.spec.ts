import type { PlanRequest, RetentionRules } from '../connector';
import { proposeVismaPlan, type VismaSnapshot } from './visma-plan';
import type { AssociateRow, ContactRow, OrderRow } from './visma-queries';

const RULES: RetentionRules = {
  legalHolds: [{ records: 'invoices and customer ledger entries', basis: 'bokføringsloven § 13 (5-year rule)', keepFor: 'P5Y', from: 'end-of-financial-year' }],
};
const LAW = 'bokføringsloven § 13 (5 years after the end of the financial year)';

const associate = (row: Partial<AssociateRow> & Pick<AssociateRow, 'associateNo' | 'customerNo'>): AssociateRow => ({
  name: 'Ola Nordmann',
  emailAddress: 'ola@example.no',
  phone: '+4722123456',
  mobilePhone: '',
  addressLine1: 'Storgata 1',
  postCode: '0155',
  postalArea: 'Oslo',
  ...row,
});
const contact = (row: Partial<ContactRow> & Pick<ContactRow, 'contactNo' | 'associateNo'>): ContactRow => ({
  name: 'Per Olsen',
  emailAddress: '',
  phone: '',
  mobilePhone: '',
  ...row,
});

/** Ola: vouchers from 2019 (hold ended 2024-12-31), 2021 (ends 2026-12-31) and 2024 (ends 2029-12-31), settled. */
const OLA: VismaSnapshot = {
  associates: [associate({ associateNo: 1, customerNo: 10001 })],
  contacts: [contact({ contactNo: 11, associateNo: 1, phone: '+4791234567' })],
  directContacts: [],
  parents: [],
  ledger: [
    { customerNo: 10001, voucherNo: 1900, voucherDate: 20190305, amount: 450 },
    { customerNo: 10001, voucherNo: 1901, voucherDate: 20190320, amount: -450 },
    { customerNo: 10001, voucherNo: 2100, voucherDate: 20210615, amount: 800 },
    { customerNo: 10001, voucherNo: 2101, voucherDate: 20210701, amount: -800 },
    { customerNo: 10001, voucherNo: 2400, voucherDate: 20240110, amount: 300 },
    { customerNo: 10001, voucherNo: 2401, voucherDate: 20240201, amount: -300 },
  ],
  orders: [],
  orderLines: [],
};

const erase = (today: string): PlanRequest => ({ action: 'erase', reference: 'DSR-2026-00042', today });
const byRef = (plan: ReturnType<typeof proposeVismaPlan>) => Object.fromEntries(plan.map((row) => [row.ref, row]));

describe('Visma plan proposals (survey)', () => {
  it('keeps each voucher until the end of its financial year + 5 years, proposes past-limit vouchers for erasure, and keeps the card minimal', () => {
    const plan = byRef(proposeVismaPlan(OLA, erase('2026-12-05'), RULES, '01-01'));
    expect(plan['voucher:10001-1900']).toMatchObject({
      recordType: 'ledger-entry',
      date: '2019-03-05',
      parent: 'associate:1',
      proposed: 'erase',
      note: `past the limit of ${LAW} since 2025-01-01`,
    });
    expect(plan['voucher:10001-2100']).toMatchObject({
      proposed: 'keep',
      keep: { basis: 'legal_obligation', law: LAW, until: '2026-12-31', allowedUse: 'bookkeeping, audit and tax control', restrict: true },
    });
    expect(plan['voucher:10001-2401'].keep?.until).toBe('2029-12-31');
    expect(plan['associate:1']).toMatchObject({ recordType: 'customer', proposed: 'keep', keep: { until: '2029-12-31', law: LAW } });
    expect(plan['associate:1'].note).toContain('e-mail and phone numbers blanked');
    expect(plan['contact:11']).toMatchObject({ recordType: 'contact-person', proposed: 'keep', parent: 'associate:1', keep: { until: '2029-12-31' } });
  });

  it('keeps an invoiced order for its financial year like the vouchers, erases an old one and an order never invoiced', () => {
    const order = (orderNo: number, orderDate: number, invoiceNo: number): OrderRow => ({
      orderNo,
      customerNo: 10001,
      orderDate,
      invoiceNo,
      deliveryName: 'Ola Nordmann',
      deliveryAddress: 'Storgata 1',
      deliveryPostCode: '0155',
      deliveryPostalArea: 'Oslo',
    });
    const withOrders: VismaSnapshot = {
      ...OLA,
      ledger: [],
      orders: [order(501, 20250310, 7001), order(502, 20190310, 6001), order(503, 20261120, 0)],
      orderLines: [
        { orderNo: 501, lineNo: 1, productNo: 'P1', description: 'Sykkel', quantity: 1, amount: 4990 },
        { orderNo: 501, lineNo: 2, productNo: 'P2', description: 'Lykt', quantity: 2, amount: 300 },
      ],
    };
    const plan = byRef(proposeVismaPlan(withOrders, erase('2026-12-05'), RULES, '01-01'));
    expect(plan['order:501']).toMatchObject({
      recordType: 'order',
      parent: 'associate:1',
      date: '2025-03-10',
      proposed: 'keep',
      keep: { basis: 'legal_obligation', law: LAW, until: '2030-12-31', allowedUse: 'bookkeeping, audit and tax control', restrict: true },
    });
    expect(plan['order:501'].note).toContain('2 line(s)');
    expect(plan['order:502']).toMatchObject({ proposed: 'erase', note: `invoiced, past the limit of ${LAW} since 2025-01-01; deleted with its 0 line(s)` });
    expect(plan['order:503']).toMatchObject({ proposed: 'erase' });
    expect(plan['order:503'].note).toContain('not invoiced');
    // The card stays as long as the invoiced order needs it.
    expect(plan['associate:1']).toMatchObject({ proposed: 'keep', keep: { until: '2030-12-31' } });
  });

  it('counts from the injected today: on 2030-01-01 every voucher is past its limit and the card goes too', () => {
    const plan = proposeVismaPlan(OLA, erase('2030-01-01'), RULES, '01-01');
    expect(plan.filter((row) => row.proposed !== 'erase')).toEqual([]);
    expect(byRef(plan)['voucher:10001-2400'].note).toBe(`past the limit of ${LAW} since 2030-01-01`);
    // The last day of the hold still keeps.
    expect(byRef(proposeVismaPlan(OLA, erase('2029-12-31'), RULES, '01-01'))['voucher:10001-2400'].proposed).toBe('keep');
  });

  it('counts the financial year from financialYearStart (a July–June year ends 30 June)', () => {
    const plan = byRef(proposeVismaPlan(OLA, erase('2026-12-05'), RULES, '07-01'));
    expect(plan['voucher:10001-2101'].keep?.until).toBe('2027-06-30');
    // 15 June 2021 belongs to the year that ended 30 June 2021: past its limit since 1 July 2026.
    expect(plan['voucher:10001-2100'].note).toBe(`past the limit of ${LAW} since 2026-07-01`);
    expect(plan['voucher:10001-1900'].note).toBe(`past the limit of ${LAW} since 2024-07-01`);
  });

  it('keeps every voucher for the claim while the ledger has an open balance', () => {
    const open = { ...OLA, ledger: [...OLA.ledger, { customerNo: 10001, voucherNo: 2500, voucherDate: 20250101, amount: 99 }] };
    const plan = byRef(proposeVismaPlan(open, erase('2030-06-01'), RULES, '01-01'));
    expect(plan['voucher:10001-1900']).toMatchObject({ proposed: 'keep', keep: { basis: 'legal_claims', criterion: 'until the balance is settled' } });
    expect(plan['associate:1']).toMatchObject({ proposed: 'keep', keep: { basis: 'legal_claims' } });
  });

  it('proposes restriction only on the records holding the contested field, naming only that field', () => {
    const request: PlanRequest = { action: 'restrict', contested: ['phone'], reference: 'DSR-2026-00042', today: '2026-12-05' };
    const withKari = { ...OLA, associates: [...OLA.associates, associate({ associateNo: 2, customerNo: 10002, phone: '' })] };
    const plan = byRef(proposeVismaPlan(withKari, request, RULES, '01-01'));
    expect(plan['associate:1']).toMatchObject({ proposed: 'restrict', fields: ['phone'] });
    expect(plan['contact:11']).toMatchObject({ proposed: 'restrict', fields: ['phone'] });
    expect(plan['associate:2']).toMatchObject({ proposed: 'none' });
    expect(Object.keys(plan).some((ref) => ref.startsWith('voucher:'))).toBe(false);
    const all = byRef(proposeVismaPlan(OLA, { ...request, contested: undefined }, RULES, '01-01'));
    expect(all['associate:1']).toMatchObject({ proposed: 'restrict', fields: ['name', 'email', 'phone', 'address', 'postCode', 'city'] });
  });

  it('proposes rectification on the records whose changed fields differ, and only those fields', () => {
    const request: PlanRequest = { action: 'rectify', changes: { city: 'Oslo', phone: '+4799999999' }, reference: 'DSR-2026-00042', today: '2026-12-05' };
    const plan = byRef(proposeVismaPlan(OLA, request, RULES, '01-01'));
    expect(plan['associate:1']).toMatchObject({ proposed: 'rectify', fields: ['phone'] });
    expect(plan['contact:11']).toMatchObject({ proposed: 'rectify', fields: ['phone'] });
  });

  it('gives each row its label and note in nb and en, dates as people read them and the law’s rule in the reader’s words', () => {
    const plan = byRef(proposeVismaPlan(OLA, erase('2026-12-05'), RULES, '01-01'));
    expect(plan['voucher:10001-2400']).toMatchObject({
      label: 'Voucher 2400 · 2024-01-10',
      labelText: { en: 'Voucher 2400 · 10 Jan 2024', nb: 'Bilag 2400 · 10. jan. 2024' },
      note: `${LAW}: kept until 2029-12-31`,
      noteText: {
        en: `${LAW}: kept until 31 Dec 2029`,
        nb: 'bokføringsloven § 13 (5 år etter regnskapsårets slutt): beholdes til 31. des. 2029',
      },
    });
    expect(plan['voucher:10001-1900'].noteText).toEqual({
      en: `past the limit of ${LAW} since 1 Jan 2025`,
      nb: 'over fristen i bokføringsloven § 13 (5 år etter regnskapsårets slutt) siden 1. jan. 2025',
    });
    expect(plan['associate:1'].labelText).toEqual({ en: 'Customer 10001', nb: 'Kunde 10001' });
    expect(plan['associate:1'].noteText?.nb).toBe(
      'beholdes minimal så lenge 4 beholdte bilag og fakturerte ordrer trenger den: e-postadresse og telefonnumre tømmes; navn, kundenummer og adresse blir stående',
    );
    expect(plan['contact:11']).toMatchObject({
      labelText: { en: 'Contact person at associate 1', nb: 'Kontaktperson hos aktør 1' },
      noteText: { nb: 'beholdes minimal sammen med den beholdte kundeoppføringen: e-postadresse og telefonnumre tømmes, navnet blir stående' },
    });
    const restricted = byRef(
      proposeVismaPlan(OLA, { action: 'restrict', contested: ['phone'], reference: 'DSR-2026-00042', today: '2026-12-05' }, RULES, '01-01'),
    );
    expect(restricted['associate:1'].noteText).toEqual({
      en: 'holds the contested phone number; nothing else on it is restricted',
      nb: 'har de bestridte feltene telefonnummer; ingenting annet på den begrenses',
    });
  });
});
