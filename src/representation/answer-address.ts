import type { EntityManager } from 'typeorm';
import type { CaseEntity } from '../cases/case.entity';
import { CaseRepresentationEntity } from './case-representation.entity';

export interface AnswerAddress {
  /** Where the answer letter and the download code go; null = by post. */
  to: string | null;
  recipient: 'subject' | 'representative';
}

/**
 * Who receives the answer (the final letter, the refusal and the one-time download code): the
 * person the data is about, unless the accepted authority covers receiving it. A representative
 * whose authority was refused is told why (they asked), and nothing else is disclosed to them.
 * With no e-mail for the person the data is about, the answer goes by post.
 */
export async function answerAddress(manager: EntityManager, entity: Pick<CaseEntity, 'id' | 'subjectEmail'>): Promise<AnswerAddress> {
  const representation = await manager.findOne(CaseRepresentationEntity, {
    where: { caseId: entity.id },
    select: { id: true, email: true, status: true, coversAnswer: true },
  });
  if (representation && (representation.status === 'rejected' || (representation.status === 'accepted' && representation.coversAnswer))) {
    return { to: representation.email, recipient: 'representative' };
  }
  return { to: entity.subjectEmail, recipient: 'subject' };
}

/**
 * Who the requester-journey e-mails (verification link, receipt, extension, requests for
 * information) go to: whoever made the request. For a case on someone's behalf that is the
 * representative, never the person the data is about.
 */
export async function requesterAddress(manager: EntityManager, entity: Pick<CaseEntity, 'id' | 'subjectEmail'>): Promise<string | null> {
  const representation = await manager.findOne(CaseRepresentationEntity, { where: { caseId: entity.id }, select: { id: true, email: true } });
  return representation ? representation.email : entity.subjectEmail;
}
