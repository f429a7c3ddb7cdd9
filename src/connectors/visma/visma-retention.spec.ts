import { ConnectorError } from '../connector-errors';
import { holdUntil, ledgerState, vismaDateToIso } from './visma-retention';

describe('Visma ledger retention', () => {
  it('defaults to bokføringsloven § 13: 31 Dec of the financial year + 5', () => {
    expect(holdUntil('2025-03-14', undefined)).toEqual({
      records: 'invoices and customer ledger entries',
      basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
      until: '2030-12-31',
    });
  });

  it('uses the data map holds and keeps the one that ends last', () => {
    const rules = {
      legalHolds: [
        { records: 'correspondence', basis: 'bokføringsloven § 13 (3½-year rule)', keepFor: 'P3Y6M', from: 'end-of-financial-year' },
        { records: 'invoices', basis: 'bokføringsloven § 13', keepFor: 'P5Y', from: 'end-of-financial-year' },
      ],
    };
    expect(holdUntil('2024-01-02', rules)).toEqual({
      records: 'invoices',
      basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13',
      until: '2029-12-31',
    });
    expect(holdUntil('2024-01-02', { legalHolds: [rules.legalHolds[0]] }).until).toBe('2028-06-30');
  });

  it('counts from the voucher date when the hold says so', () => {
    expect(holdUntil('2024-05-10', { legalHolds: [{ records: 'r', basis: 'b', keepFor: 'P2Y', from: 'transaction-date' }] }).until).toBe('2026-05-10');
  });

  it('refuses holds it cannot read', () => {
    expect(() => holdUntil('2024-05-10', { legalHolds: [{ records: 'r', basis: 'b', keepFor: 'five years' }] })).toThrow(ConnectorError);
    expect(() => holdUntil('2024-05-10', { legalHolds: [{ records: 'r', basis: 'b', keepFor: 'P5Y', from: 'whenever' }] })).toThrow(ConnectorError);
  });

  it('holds while an entry is inside its period or the balance is open', () => {
    const paid = [
      { customerNo: 1, voucherNo: 1, voucherDate: 20190305, amount: 100 },
      { customerNo: 1, voucherNo: 2, voucherDate: 20190401, amount: -100 },
    ];
    expect(ledgerState(paid, undefined, '2026-11-22')).toMatchObject({ held: false, balance: 0, hold: { until: '2024-12-31' } });
    expect(ledgerState(paid, undefined, '2024-12-31').held).toBe(true);
    expect(ledgerState(paid.slice(0, 1), undefined, '2026-11-22')).toMatchObject({ held: true, balance: 100 });
    expect(ledgerState([], undefined, '2026-11-22')).toEqual({ held: false, balance: 0, entries: 0 });
  });

  it('reads Business NXT yyyymmdd dates', () => expect(vismaDateToIso(20250314)).toBe('2025-03-14'));
});
