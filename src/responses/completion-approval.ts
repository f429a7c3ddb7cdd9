import { EntityManager, In } from 'typeorm';
import type { CaseEntity } from '../cases/case.entity';
import { conflict } from '../common/domain-error';
import { CasePlanItemEntity } from '../connectors/plan/case-plan-item.entity';
import { planLines, recordSetFingerprint } from '../connectors/records/record-fingerprint';
import { CaseRecordApprovalEntity } from '../identity/case-record-approval.entity';
import { CaseRecordMatchEntity } from '../identity/case-record-match.entity';
import { ACTIONABLE_RECORD_STATUSES } from '../identity/identity-types';

/**
 * A case whose type the data map puts under approval is answered only once a handler approved it
 * and that approval is still current: it covers exactly the records the engine acts on now (the
 * same fingerprint fan-out checks). Without this an erasure verified but never approved could be
 * completed with no tasks and an empty "erased" letter. Throws 409 `approval_required`.
 */
export async function assertApproved(manager: EntityManager, entity: CaseEntity, required: boolean): Promise<void> {
  // As fan-out: an objection waits for its own decision (or none, direct marketing), never for approval.
  if (!required || entity.type === 'objection') return;
  const records = await manager.find(CaseRecordMatchEntity, { where: { caseId: entity.id, status: In([...ACTIONABLE_RECORD_STATUSES]) } });
  const latest = await manager.findOne(CaseRecordApprovalEntity, { where: { caseId: entity.id }, order: { approvedAt: 'DESC' } });
  // The plan's decided lines are part of the approval (docs/plans.md), as in fan-out's check.
  const plan = await manager.find(CasePlanItemEntity, { where: { caseId: entity.id, gone: false } });
  const current = latest?.fingerprint === recordSetFingerprint(records, planLines(plan));
  if (entity.approvedAt && current) return;
  throw conflict(
    entity.approvedAt
      ? 'Cannot complete: the records found changed after the approval; approve them again first.'
      : 'Cannot complete: this kind of request must be approved by a handler first.',
    { code: 'approval_required' },
  );
}
