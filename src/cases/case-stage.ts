import { OPEN_STATUSES, type CaseStatus } from '../common/case-types';
import type { CaseEntity } from './case.entity';

/**
 * Where a case stands in words a person understands. `in_progress` alone said "being handled"
 * while an erasure waited for a handler's approval or for the requester's answer; those two get
 * their own stage. The stored status stays as it is (API clients filter on it).
 */
export const CASE_STAGES = [
  'awaiting_verification',
  'awaiting_approval',
  'paused',
  'being_handled',
  'awaiting_review',
  'completed',
  'rejected',
  'withdrawn',
  'merged',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** The stages that narrow `in_progress` (and, for `paused`, every open status): queue filters. */
export const DERIVED_STAGES = ['awaiting_approval', 'paused', 'being_handled'] as const;
export type DerivedStage = (typeof DERIVED_STAGES)[number];

type StagedCase = Pick<CaseEntity, 'status' | 'type' | 'pausedAt' | 'verifiedAt' | 'approvedAt'>;

/** `approvalTypes`: the request types the data map's policy sends through approval. An objection
 *  never waits for approval (its own decision is a different step). */
export function caseStage(entity: StagedCase, approvalTypes: readonly string[]): CaseStage {
  if (entity.pausedAt && OPEN_STATUSES.includes(entity.status)) return 'paused';
  if (entity.status === 'in_progress') return awaitsApproval(entity, approvalTypes) ? 'awaiting_approval' : 'being_handled';
  return entity.status satisfies Exclude<CaseStatus, 'in_progress'>;
}

function awaitsApproval(entity: StagedCase, approvalTypes: readonly string[]): boolean {
  return Boolean(entity.verifiedAt) && !entity.approvedAt && entity.type !== 'objection' && approvalTypes.includes(entity.type);
}

/** The same stages as SQL over `cases` aliased `c`, for the queue's filters and counts. */
export function stageCondition(stage: DerivedStage, approvalTypes: readonly string[]): { sql: string; params: Record<string, unknown> } {
  const types = approvalTypes.filter((type) => type !== 'objection');
  const approval = types.length ? `(c.verified_at IS NOT NULL AND c.approved_at IS NULL AND c.type IN (:...stageApprovalTypes))` : 'FALSE';
  const params = types.length ? { stageApprovalTypes: types, stageOpen: OPEN_STATUSES } : { stageOpen: OPEN_STATUSES };
  if (stage === 'paused') return { sql: `c.status IN (:...stageOpen) AND c.paused_at IS NOT NULL`, params };
  if (stage === 'awaiting_approval') return { sql: `c.status = 'in_progress' AND c.paused_at IS NULL AND ${approval}`, params };
  return { sql: `c.status = 'in_progress' AND c.paused_at IS NULL AND NOT ${approval}`, params };
}
