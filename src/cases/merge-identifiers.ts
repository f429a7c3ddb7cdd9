import type { EntityManager } from 'typeorm';
import type { CaseIdentifierEntity } from '../identity/case-identifier.entity';
import { isEstablished } from '../identity/identity-types';
import type { IdentityService } from '../identity/identity.service';

const key = (row: Pick<CaseIdentifierEntity, 'kind' | 'value' | 'systemId'>) => `${row.kind}\u0000${row.systemId}\u0000${row.value}`;

/**
 * The merged case's identifiers join the surviving case, so its search for the person's records
 * loses nothing the requester gave or proved. What was only typed stays claimed; what was
 * established on the merged case is confirmed on the survivor by the handler who merged (the two
 * cases were tied by an established identifier, and the handler decided they are one person), with
 * the merged reference and the original basis as the method. Returns the ids newly established on
 * the survivor (the record search runs again with them once committed).
 */
export async function carryIdentifiers(
  identity: IdentityService,
  manager: EntityManager,
  from: { id: string; reference: string },
  survivorId: string,
  actor: string,
): Promise<string[]> {
  const theirs = await identity.list(from.id, manager);
  const given = (rows: CaseIdentifierEntity[]) => rows.map((row) => ({ kind: row.kind, given: row.given, systemId: row.systemId || undefined }));
  const established = theirs.filter((row) => isEstablished(row.basis));
  const how = {
    basis: 'staff_confirmed' as const,
    method: `established on the merged case ${from.reference} (${[...new Set(established.map((row) => row.basis))].join(', ')})`,
    by: actor,
  };
  await identity.add(manager, survivorId, given(theirs.filter((row) => !isEstablished(row.basis))));
  const added = await identity.add(manager, survivorId, given(established), how);
  // The survivor may hold one of them only as claimed: the merged case's proof confirms it there too.
  const provenKeys = new Set(established.map(key));
  const claimedThere = (await identity.list(survivorId, manager)).filter((row) => !isEstablished(row.basis) && provenKeys.has(key(row)));
  const confirmed = await identity.establish(
    manager,
    survivorId,
    claimedThere.map((row) => row.id),
    how,
  );
  return [...added.map((row) => row.id), ...confirmed];
}
