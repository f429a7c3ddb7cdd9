import type { EntityManager } from 'typeorm';
import type { CaseRepresentationJson } from '../cases/case-representation-reader';
import { CaseRepresentationEntity } from './case-representation.entity';

/** `representation` in `GET /api/v1/cases/{reference}`: null for a case the person made themselves. */
export async function representationJson(manager: EntityManager, caseId: string): Promise<CaseRepresentationJson | null> {
  const row = await manager.findOne(CaseRepresentationEntity, {
    where: { caseId },
    select: {
      id: true,
      name: true,
      email: true,
      relationship: true,
      coversAnswer: true,
      status: true,
      decidedBy: true,
      decidedAt: true,
      decisionReason: true,
      documentType: true,
      documentSize: true,
      documentDeletedAt: true,
    },
  });
  if (!row) return null;
  return {
    name: row.name,
    email: row.email,
    relationship: row.relationship,
    coversAnswer: row.coversAnswer,
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.decisionReason,
    document: { type: row.documentType, size: row.documentSize, deleted: row.documentDeletedAt !== null },
  };
}

export type RepresentationJson = NonNullable<Awaited<ReturnType<typeof representationJson>>>;
