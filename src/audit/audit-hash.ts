import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  caseId: string | null;
  type: string;
  actor: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** hash = sha256(previous hash + canonical event): changing any past event breaks every link after it. */
export function auditHash(prevHash: string, event: HashedFields): string {
  const canonical = canonicalJson({
    caseId: event.caseId,
    type: event.type,
    actor: event.actor,
    data: event.data,
    occurredAt: event.occurredAt.toISOString(),
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
