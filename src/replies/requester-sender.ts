import type { EntityManager } from 'typeorm';
import { sameEmail } from '../identity/email';
import { CaseIdentifierEntity } from '../identity/case-identifier.entity';
import { isEstablished } from '../identity/identity-types';
import { CaseRepresentationEntity } from '../representation/case-representation.entity';

/**
 * Whether a reply comes from the requester's established address: the representative's address on
 * a case made on someone's behalf (the one the requester e-mails go to), else an e-mail address of
 * the person that is proven, from a record or confirmed by staff. A claimed address is not enough:
 * anyone can type an address, and a reply that resumes the clock acts on the case.
 */
export async function fromRequester(manager: EntityManager, caseId: string, from: string | null): Promise<boolean> {
  if (!from) return false;
  const representation = await manager.findOne(CaseRepresentationEntity, { where: { caseId }, select: { id: true, email: true } });
  if (representation) return sameEmail(representation.email, from);
  const emails = await manager.find(CaseIdentifierEntity, { where: { caseId, kind: 'email' }, select: { id: true, value: true, basis: true } });
  return emails.some((identifier) => isEstablished(identifier.basis) && sameEmail(identifier.value, from));
}

/** The addresses requester e-mails go to: the person's, and their representative's on a case made on their behalf. */
export async function requesterAddresses(manager: EntityManager, caseId: string, subjectEmail: string | null): Promise<Array<string | null>> {
  const representation = await manager.findOne(CaseRepresentationEntity, { where: { caseId }, select: { id: true, email: true } });
  return [subjectEmail, representation?.email ?? null];
}

/** Whether a message goes to the requester (the person, or their representative): those carry the reply address. */
export async function toRequester(manager: EntityManager, caseId: string, subjectEmail: string | null, to: string): Promise<boolean> {
  if (sameEmail(subjectEmail, to)) return true;
  return (await requesterAddresses(manager, caseId, subjectEmail)).some((address) => sameEmail(address, to));
}
