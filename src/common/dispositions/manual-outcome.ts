import type { Disposition, DispositionOf } from './disposition';

/** What a person recorded for a manual task, in the legacy form: a status and, for `retained`,
 *  what was kept, on which basis and until when (free text). */
export interface LegacyRetained {
  records: string;
  basis: string;
  until: string;
}

/**
 * A manual outcome's status from its dispositions: nothing held anywhere → not_found; anything
 * kept → retained; every disposition failed → failed; otherwise done.
 */
export function statusOf(dispositions: Disposition[]): 'done' | 'not_found' | 'retained' | 'failed' {
  if (dispositions.every((item) => item.kind === 'not_held')) return 'not_found';
  if (dispositions.some((item) => item.kind === 'kept')) return 'retained';
  if (dispositions.every((item) => item.kind === 'failed')) return 'failed';
  return 'done';
}

/**
 * A legacy `retained` entry as a `kept` disposition. Its basis is free text: one that cites
 * Art 17(3)(e) is a legal claim; anything else is read as a legal obligation named by the text.
 * The allowed use follows from the basis, never a fixed "bookkeeping" phrase.
 */
export function keptFromLegacy(item: LegacyRetained): DispositionOf<'kept'> {
  const claims = /17\s*\(\s*3\s*\)\s*\(\s*e\s*\)/i.test(item.basis);
  return claims
    ? { kind: 'kept', what: item.records, basis: 'legal_claims', claim: item.basis, until: item.until, allowedUse: 'legal_claims' }
    : { kind: 'kept', what: item.records, basis: 'legal_obligation', law: item.basis, until: item.until, allowedUse: 'legal_obligation' };
}

/** The legal holds a `kept` disposition with an end date needs (erased when the date passes). */
export function retainedFromKept(dispositions: Disposition[]): LegacyRetained[] {
  return dispositions
    .filter((item): item is DispositionOf<'kept'> => item.kind === 'kept' && !!item.until)
    .map((item) => ({ records: item.what, basis: item.law ?? item.claim ?? item.basis, until: item.until as string }));
}
