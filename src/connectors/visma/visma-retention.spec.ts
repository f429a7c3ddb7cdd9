import { DateTime, Duration } from 'luxon';
import { ConnectorError } from '../connector-errors';
import { financialYearOf, lawAndRule, ledgerHolds, ledgerState, vismaDateToIso } from './visma-retention';

const FIVE_YEAR = { records: 'invoices', basis: 'bokføringsloven § 13 (5-year rule)', keepFor: 'P5Y', from: 'end-of-financial-year' };
const THREE_AND_A_HALF = {
  records: 'agreements and correspondence',
  basis: 'bokføringsloven § 13 (3½-year rule)',
  keepFor: 'P3Y6M',
  from: 'end-of-financial-year',
};
const entries = (...dates: string[]) => dates.map((voucherDate) => ({ voucherDate }));

describe('Visma ledger retention', () => {
  it('defaults to bokføringsloven § 13: 31 Dec of the financial year + 5', () => {
    expect(ledgerHolds(entries('2025-03-14'), undefined)).toEqual([
      {
        records: 'invoices and customer ledger entries, financial year 2025',
        basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)',
        until: '2030-12-31',
      },
    ]);
  });

  it('gives one hold per hold rule and financial year: 31 Dec FY+5 and 30 Jun FY+4', () => {
    const holds = ledgerHolds(entries('2024-01-02', '2024-11-30', '2025-06-01'), { legalHolds: [FIVE_YEAR, THREE_AND_A_HALF] });
    expect(holds).toEqual([
      {
        records: 'agreements and correspondence, financial year 2024',
        basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (3½-year rule)',
        until: '2028-06-30',
      },
      {
        records: 'agreements and correspondence, financial year 2025',
        basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (3½-year rule)',
        until: '2029-06-30',
      },
      { records: 'invoices, financial year 2024', basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)', until: '2029-12-31' },
      { records: 'invoices, financial year 2025', basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)', until: '2030-12-31' },
    ]);
  });

  it('follows a financial year that does not start on 1 January', () => {
    expect(financialYearOf(DateTime.fromISO('2025-03-14', { zone: 'utc' }), '07-01')).toMatchObject({ label: '2024/2025' });
    expect(ledgerHolds(entries('2025-03-14', '2025-08-01'), { legalHolds: [FIVE_YEAR] }, '07-01').map((hold) => [hold.records, hold.until])).toEqual([
      ['invoices, financial year 2024/2025', '2030-06-30'],
      ['invoices, financial year 2025/2026', '2031-06-30'],
    ]);
  });

  it('counts from the last voucher of the year when the hold says so', () => {
    const rules = { legalHolds: [{ records: 'r', basis: 'b', keepFor: 'P2Y', from: 'record-date' }] };
    expect(ledgerHolds(entries('2024-05-10', '2024-02-01'), rules).map((hold) => hold.until)).toEqual(['2026-05-10']);
  });

  it('refuses holds it cannot read', () => {
    expect(() => ledgerHolds(entries('2024-05-10'), { legalHolds: [{ records: 'r', basis: 'b', keepFor: 'five years' }] })).toThrow(ConnectorError);
    expect(() => ledgerHolds(entries('2024-05-10'), { legalHolds: [{ records: 'r', basis: 'b', keepFor: 'P5Y', from: 'whenever' }] })).toThrow(ConnectorError);
  });

  it('holds while an entry is inside its period or the balance is open, listing only the holds still running', () => {
    const paid = [
      { customerNo: 1, voucherNo: 1, voucherDate: 20190305, amount: 100 },
      { customerNo: 1, voucherNo: 2, voucherDate: 20200401, amount: -100 },
    ];
    expect(ledgerState(paid, undefined, '2026-11-22')).toEqual({ held: false, holds: [], terms: [], balance: 0, entries: 2 });
    expect(ledgerState(paid, undefined, '2025-06-01')).toMatchObject({ held: true, holds: [{ until: '2025-12-31' }] });
    expect(ledgerState(paid, undefined, '2024-12-31').holds.map((hold) => hold.until)).toEqual(['2024-12-31', '2025-12-31']);
    expect(ledgerState(paid.slice(0, 1), undefined, '2026-11-22')).toMatchObject({ held: true, holds: [], balance: 100 });
    expect(ledgerState([], undefined, '2026-11-22')).toEqual({ held: false, holds: [], terms: [], balance: 0, entries: 0 });
  });

  it('reads Business NXT yyyymmdd dates', () => expect(vismaDateToIso(20250314)).toBe('2025-03-14'));

  it("names the law and the rule applied for the requester, without the GDPR articles or the data map's own note", () => {
    expect(lawAndRule('GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13 (5-year rule)', Duration.fromISO('P5Y'), true)).toBe(
      'bokføringsloven § 13 (5 years after the end of the financial year)',
    );
    expect(lawAndRule('bokføringsloven § 13 (3½-year rule)', Duration.fromISO('P3Y6M'), true)).toBe(
      'bokføringsloven § 13 (3½ years after the end of the financial year)',
    );
    expect(lawAndRule('bokføringsloven § 13', Duration.fromISO('P1Y'), false)).toBe('bokføringsloven § 13 (1 year after the date of the entry)');
  });

  it('tells, per running hold, its financial year, entries, end date and law', () => {
    const state = ledgerState(
      [
        { customerNo: 1, voucherNo: 1, voucherDate: 20240110, amount: 10 },
        { customerNo: 1, voucherNo: 2, voucherDate: 20250110, amount: -10 },
        { customerNo: 1, voucherNo: 3, voucherDate: 20250210, amount: 0 },
      ],
      { legalHolds: [FIVE_YEAR] },
      '2026-11-22',
    );
    expect(state.terms).toEqual([
      { year: '2024', law: 'bokføringsloven § 13 (5 years after the end of the financial year)', bookkeeping: true, until: '2029-12-31', entries: 1 },
      { year: '2025', law: 'bokføringsloven § 13 (5 years after the end of the financial year)', bookkeeping: true, until: '2030-12-31', entries: 2 },
    ]);
  });
});
