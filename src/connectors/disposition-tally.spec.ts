import { dispositionProblems } from '../common/dispositions/disposition.schema';
import { DispositionTally } from './disposition-tally';

describe('DispositionTally', () => {
  it('adds up equal dispositions and keeps different ones apart, in the order first seen', () => {
    const tally = new DispositionTally()
      .add({ kind: 'erased', what: 'contact-person' })
      .add({ kind: 'erased', what: 'customer' })
      .add({ kind: 'erased', what: 'contact-person' }, 2)
      .add({ kind: 'anonymised', what: 'contact-person' });
    expect(tally.list()).toEqual([
      { kind: 'erased', what: 'contact-person', count: 3 },
      { kind: 'erased', what: 'customer', count: 1 },
      { kind: 'anonymised', what: 'contact-person', count: 1 },
    ]);
  });

  it('says nothing for none of a record type', () => {
    expect(new DispositionTally().add({ kind: 'disclosed', what: 'ticket' }, 0).list()).toEqual([]);
  });

  it('keeps kept records with different end dates apart, and adds up those with the same', () => {
    const kept = (until: string) => ({ kind: 'kept' as const, what: 'ledger-entry', basis: 'legal_obligation' as const, law: '§ 13', until, allowedUse: 'x' });
    const list = new DispositionTally().add(kept('2029-12-31'), 2).add(kept('2030-12-31'), 2).add(kept('2029-12-31')).list();
    expect(list.map((item) => [item.kind === 'kept' && item.until, 'count' in item && item.count])).toEqual([
      ['2029-12-31', 3],
      ['2030-12-31', 2],
    ]);
  });

  it('names no count on kinds that have none, and says one of them once', () => {
    const list = new DispositionTally()
      .add({ kind: 'not_held', reason: 'not_found', what: 'contact' })
      .add({ kind: 'not_held', reason: 'not_found', what: 'contact' })
      .list();
    expect(list).toEqual([{ kind: 'not_held', reason: 'not_found', what: 'contact' }]);
    expect(dispositionProblems(list)).toEqual([]);
  });

  it('claims a correction only when the value really changed', () => {
    const tally = new DispositionTally()
      .corrected('customer', 'city', 'Oslo', 'Oslo')
      .corrected('customer', 'phone', null, '')
      .corrected('customer', 'address', 'Storgata 1', 'Kirkegata 2')
      .corrected('customer', 'phone', null, '22 99 88 77');
    expect(tally.list()).toEqual([
      { kind: 'corrected', what: 'customer', count: 1, field: 'address', old: 'Storgata 1', new: 'Kirkegata 2' },
      { kind: 'corrected', what: 'customer', count: 1, field: 'phone', old: '', new: '22 99 88 77' },
    ]);
  });

  it('shortens a very long value so the disposition stays well-formed', () => {
    const list = new DispositionTally().corrected('user', 'notes', 'a'.repeat(800), 'b').list();
    expect(dispositionProblems(list)).toEqual([]);
    expect(list[0]).toMatchObject({ old: `${'a'.repeat(499)}…`, new: 'b' });
  });
});
