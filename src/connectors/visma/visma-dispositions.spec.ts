import { dispositionProblems } from '../../common/dispositions/disposition.schema';
import { DispositionTally } from '../disposition-tally';
import { BOOKKEEPING_USE, exportDispositions, keptCustomer, restrictionHow } from './visma-dispositions';
import type { AssociateRow } from './visma-queries';
import type { HoldTerms } from './visma-retention';

const customer = (customerNo: number) => ({ associateNo: customerNo, customerNo, name: 'x' }) as unknown as AssociateRow;
const FIVE = 'bokføringsloven § 13 (5 years after the end of the financial year)';
const HALF = 'bokføringsloven § 13 (3½ years after the end of the financial year)';
const term = (year: string, law: string, until: string, entries: number, bookkeeping = true): HoldTerms => ({ year, law, until, entries, bookkeeping });

describe('Visma dispositions', () => {
  it('disclose customers, other associates, contact persons and ledger entries', () => {
    const list = exportDispositions([customer(10001), customer(0)], 2, 4);
    expect(list).toEqual([
      { kind: 'disclosed', what: 'customer', count: 1 },
      { kind: 'disclosed', what: 'associate', count: 1 },
      { kind: 'disclosed', what: 'contact-person', count: 2 },
      { kind: 'disclosed', what: 'ledger-entry', count: 4 },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
    expect(exportDispositions([], 0, 0)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
  });

  it('keep each financial year until the rule that keeps it longest ends, and the customer until the last', () => {
    const tally = new DispositionTally();
    keptCustomer(tally, customer(10001), [
      term('2024', HALF, '2028-06-30', 2),
      term('2024', FIVE, '2029-12-31', 2),
      term('2025', HALF, '2029-06-30', 3),
      term('2025', FIVE, '2030-12-31', 3),
    ]);
    const list = tally.list();
    expect(list).toEqual([
      { kind: 'kept', what: 'ledger-entry', count: 2, basis: 'legal_obligation', law: FIVE, until: '2029-12-31', allowedUse: BOOKKEEPING_USE },
      { kind: 'kept', what: 'ledger-entry', count: 3, basis: 'legal_obligation', law: FIVE, until: '2030-12-31', allowedUse: BOOKKEEPING_USE },
      { kind: 'kept', what: 'customer', count: 1, basis: 'legal_obligation', law: FIVE, until: '2030-12-31', allowedUse: BOOKKEEPING_USE },
    ]);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('limit use to bookkeeping only under the Bookkeeping Act; another law leaves the letter to word its purpose', () => {
    const tally = new DispositionTally();
    keptCustomer(tally, customer(10001), [
      term('2025', 'skatteforvaltningsloven § 10-10 (10 years after the end of the financial year)', '2035-12-31', 1, false),
    ]);
    expect(tally.list().every((item) => item.kind === 'kept' && item.allowedUse === 'legal_obligation')).toBe(true);
  });

  it('word a restriction by the flag fields set', () => {
    expect(restrictionHow(['noMarketing'], 'marketing')).toBe('marked "noMarketing" in Visma Business: not to be used for marketing');
    expect(restrictionHow(['noMarketing', 'processingRestricted'], 'processing')).toBe(
      'marked "noMarketing" and "processingRestricted" in Visma Business: stored only, not otherwise used',
    );
  });
});
