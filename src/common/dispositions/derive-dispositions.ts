import type { Disposition } from './disposition';

/** The parts of a finished task outcome a disposition can be derived from. */
export interface DerivableOutcome {
  status: string;
  summary?: string;
  recordCount?: number;
  controller?: string;
  forwardedAt?: string;
  reason?: string;
}

/**
 * Dispositions for an outcome that carries none of its own (outcomes recorded before dispositions
 * existed, or a bare status): only what the status itself establishes. An export with records is
 * a disclosure, "not found" is "searched, nothing found", a forward names the controller, a
 * failure its reason. A `done` or `retained` outcome without dispositions establishes nothing a
 * letter could state about records, so it yields none: the letter then cannot claim an erasure.
 */
export function deriveDispositions(action: string, outcome: DerivableOutcome, today: string): Disposition[] {
  switch (outcome.status) {
    case 'not_found':
      return [{ kind: 'not_held', reason: 'not_found' }];
    case 'forwarded':
      return outcome.controller ? [{ kind: 'forwarded', to: outcome.controller, at: (outcome.forwardedAt ?? today).slice(0, 10) }] : [];
    case 'failed':
      return [{ kind: 'failed', reason: outcome.summary ?? outcome.reason ?? 'failed' }];
    case 'done':
      return action === 'export' && (outcome.recordCount ?? 0) > 0 ? [{ kind: 'disclosed', what: 'record', count: outcome.recordCount }] : [];
    default:
      return [];
  }
}
