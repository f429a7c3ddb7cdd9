import type { EntityManager } from 'typeorm';
import { CaseRepresentationEntity } from './case-representation.entity';
import type { RepresentationGate } from './representation-types';

/**
 * Whether a case made on someone else's behalf may run: nothing (no record search, no tasks, no
 * manual tasks) until a staff member has accepted the authority. Null for a case the person made
 * themselves, or whose authority was accepted. A processor system's forward is not held: it goes
 * at receipt, and its controller decides on the authority.
 */
export async function representationGate(manager: EntityManager, caseId: string): Promise<RepresentationGate> {
  const row = await manager.findOne(CaseRepresentationEntity, { where: { caseId }, select: { id: true, status: true } });
  if (!row || row.status === 'accepted') return null;
  return row.status === 'rejected' ? 'authority_rejected' : 'authority_undecided';
}
