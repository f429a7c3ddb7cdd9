import { dispositionProblems, storedDispositions } from './disposition.schema';
import { deriveDispositions } from './derive-dispositions';
import { keptFromLegacy, retainedFromKept, statusOf } from './manual-outcome';

describe('disposition schema', () => {
  it('accepts each kind in its complete form', () => {
    expect(
      dispositionProblems([
        { kind: 'disclosed', what: 'ticket', count: 5 },
        { kind: 'erased', what: 'user', count: 1 },
        { kind: 'anonymised', what: 'ticket-comment', count: 3 },
        { kind: 'corrected', what: 'customer', field: 'city', old: 'Bergen', new: 'Oslo' },
        { kind: 'restricted', what: 'ticket', how: 'tagged restricted' },
        { kind: 'suppressed', what: 'contact', channels: ['email'], minimalEntryOnly: false },
        { kind: 'kept', what: 'voucher', basis: 'legal_obligation', law: 'bokføringsloven § 13', until: '2031-12-31', allowedUse: 'legal_obligation' },
        {
          kind: 'kept',
          what: 'ticket',
          basis: 'legal_claims',
          claim: 'payment dispute',
          criterion: 'until the dispute is settled',
          allowedUse: 'legal_claims',
        },
        { kind: 'forwarded', to: 'Nettbutikk AS', at: '2026-12-01' },
        { kind: 'not_held', reason: 'routine_deletion', what: 'recording', routine: 'overwritten after 7 days' },
        { kind: 'failed', reason: 'the system was unreachable' },
      ]),
    ).toEqual([]);
  });

  it('names the field and the problem of a disposition that states nothing true', () => {
    expect(dispositionProblems([{ kind: 'corrected', what: 'customer', field: 'city', old: 'Oslo', new: 'Oslo' }])).toEqual([
      { field: 'dispositions[0].new', problem: 'old and new are the same: nothing was corrected' },
    ]);
    expect(dispositionProblems([{ kind: 'kept', what: 'voucher', basis: 'legal_obligation', until: '2031-12-31', allowedUse: 'x' }])).toEqual([
      { field: 'dispositions[0].law', problem: 'name the law that requires keeping them' },
    ]);
    expect(dispositionProblems([{ kind: 'not_held', reason: 'routine_deletion' }])).toEqual([
      { field: 'dispositions[0].deletedOn', problem: 'say when or by which routine it was deleted' },
    ]);
    expect(dispositionProblems([{ kind: 'suppressed', what: 'contact', channels: [], minimalEntryOnly: true }])[0]).toEqual({
      field: 'dispositions[0].channels',
      problem: 'name at least one channel',
    });
    expect(dispositionProblems([{ kind: 'shredded', what: 'x' }])[0].field).toBe('dispositions[0].kind');
  });

  it('reads stored dispositions only when the whole list is well-formed', () => {
    expect(storedDispositions({ dispositions: [{ kind: 'erased', what: 'user' }] })).toEqual([{ kind: 'erased', what: 'user' }]);
    expect(storedDispositions({ dispositions: [{ kind: 'erased' }] })).toEqual([]);
    expect(storedDispositions(null)).toEqual([]);
  });
});

describe('dispositions from a bare status', () => {
  it('states only what the status establishes', () => {
    expect(deriveDispositions('erase', { status: 'not_found' }, '2026-12-05')).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
    expect(deriveDispositions('export', { status: 'done', recordCount: 4 }, '2026-12-05')).toEqual([{ kind: 'disclosed', what: 'record', count: 4 }]);
    // A "done" erasure with nothing recorded cannot back a sentence saying anything was erased.
    expect(deriveDispositions('erase', { status: 'done', summary: 'Deleted' }, '2026-12-05')).toEqual([]);
    expect(deriveDispositions('forward', { status: 'forwarded', controller: 'Nettbutikk AS', forwardedAt: '2026-12-01T09:00:00Z' }, '2026-12-05')).toEqual([
      { kind: 'forwarded', to: 'Nettbutikk AS', at: '2026-12-01' },
    ]);
  });
});

describe('manual outcomes', () => {
  it('derives the status from the dispositions', () => {
    expect(statusOf([{ kind: 'not_held', reason: 'never_held' }])).toBe('not_found');
    expect(
      statusOf([
        { kind: 'erased', what: 'file' },
        { kind: 'kept', what: 'file', basis: 'legal_claims', claim: 'c', until: '2030-01-01', allowedUse: 'legal_claims' },
      ]),
    ).toBe('retained');
    expect(statusOf([{ kind: 'failed', reason: 'x' }])).toBe('failed');
    expect(
      statusOf([
        { kind: 'erased', what: 'file' },
        { kind: 'not_held', reason: 'not_found' },
      ]),
    ).toBe('done');
  });

  it('reads a legacy basis citing Art 17(3)(e) as a legal claim, anything else as the law it names', () => {
    expect(keptFromLegacy({ records: 'ticket 7', basis: 'GDPR art. 17(3)(e): payment dispute', until: '2027-06-30' })).toMatchObject({
      basis: 'legal_claims',
      claim: 'GDPR art. 17(3)(e): payment dispute',
    });
    expect(keptFromLegacy({ records: 'vouchers', basis: 'bokføringsloven § 13', until: '2031-12-31' })).toMatchObject({
      basis: 'legal_obligation',
      law: 'bokføringsloven § 13',
    });
  });

  it('turns dated kept dispositions into legal holds', () => {
    expect(
      retainedFromKept([
        { kind: 'kept', what: 'voucher', basis: 'legal_obligation', law: 'bokføringsloven § 13', until: '2031-12-31', allowedUse: 'legal_obligation' },
        { kind: 'kept', what: 'ticket', basis: 'legal_claims', claim: 'dispute', criterion: 'until settled', allowedUse: 'legal_claims' },
      ]),
    ).toEqual([{ records: 'voucher', basis: 'bokføringsloven § 13', until: '2031-12-31' }]);
  });
});
