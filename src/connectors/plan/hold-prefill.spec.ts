import { holdProposal } from './hold-prefill';

const BOOKKEEPING = { records: 'invoices', basis: 'GDPR art. 6(1)(c) and 17(3)(b), bokføringsloven § 13', keepFor: 'P5Y', from: 'end-of-financial-year' };

describe('holdProposal (a data-map legal hold applied to one record)', () => {
  it('keeps a record until keepFor after the end of its financial year, naming the law', () => {
    expect(holdProposal(BOOKKEEPING, '2023-03-14', '2026-12-05')).toEqual({
      action: 'keep',
      keep: { basis: 'legal_obligation', law: 'bokføringsloven § 13', until: '2028-12-31', allowedUse: 'bookkeeping, audit and tax control', restrict: true },
      note: 'legal hold: invoices, until 2028-12-31',
      noteText: { en: 'legal hold: invoices, until 31 Dec 2028', nb: 'oppbevaringsplikt: invoices, til 31. des. 2028' },
    });
  });

  it('counts from the record date when the hold says so', () => {
    const proposal = holdProposal({ ...BOOKKEEPING, keepFor: 'P60D', from: 'record-date' }, '2026-11-01', '2026-12-05');
    expect(proposal.action === 'keep' && proposal.keep.until).toBe('2026-12-31');
  });

  it('proposes erasure now for a record past its limit', () => {
    expect(holdProposal(BOOKKEEPING, '2019-06-01', '2026-12-05')).toEqual({
      action: 'erase',
      note: "past the legal hold's limit (invoices) since 2024-12-31: erase now",
      noteText: {
        en: "past the legal hold's limit (invoices) since 31 Dec 2024: erase now",
        nb: 'oppbevaringsplikten (invoices) løp ut 31. des. 2024: slett nå',
      },
    });
  });

  it('a record without a readable date is kept, and says so in each language', () => {
    expect(holdProposal(BOOKKEEPING, '', '2026-12-05')).toMatchObject({
      action: 'keep',
      noteText: { en: 'legal hold: invoices (no readable record date)', nb: 'oppbevaringsplikt: invoices (oppføringen har ingen lesbar dato)' },
    });
  });

  it('uses a financial year that does not follow the calendar', () => {
    const proposal = holdProposal(BOOKKEEPING, '2023-03-14', '2026-12-05', '07-01');
    expect(proposal.action === 'keep' && proposal.keep.until).toBe('2028-06-30');
  });
});
