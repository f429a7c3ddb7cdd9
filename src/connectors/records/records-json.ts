import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import type { CaseRecordDiscoveryEntity } from '../../identity/case-record-discovery.entity';
import type { CaseRecordMatchEntity } from '../../identity/case-record-match.entity';
import type { CasePlanSurveyEntity } from '../plan/case-plan-survey.entity';

/** A found record as the case JSON shows it: evidence masked, the record's contacts never. */
export function toRecordJson(record: CaseRecordMatchEntity, identifiers: Array<Pick<CaseIdentifierEntity, 'id' | 'kind'>>) {
  const kindOf = new Map(identifiers.map((identifier) => [identifier.id, identifier.kind]));
  return {
    id: record.id,
    system: record.systemId,
    recordKind: record.recordKind,
    label: record.label,
    status: record.status,
    foundBy: [...new Set(record.foundBy.map((id) => kindOf.get(id)).filter(Boolean))] as string[],
    evidence: { given: record.evidence.given, held: record.evidence.held },
    decidedBy: record.decidedBy,
    decidedAt: record.decidedAt?.toISOString() ?? null,
    reason: record.decisionReason,
  };
}

export type RecordJson = ReturnType<typeof toRecordJson>;

/** A system's search as the case JSON shows it. A search is done once its plan is surveyed too
 *  (erasure, restriction, rectification): approval waits for both. */
export function toRecordSearchJson(discovery: CaseRecordDiscoveryEntity, survey?: Pick<CasePlanSurveyEntity, 'status' | 'error' | 'errorText'>) {
  const step = discovery.status === 'done' && survey && survey.status !== 'done' ? survey : discovery;
  // Why a search failed (the provider's answer, as for a failed task), so staff can fix it and search
  // again; `errorText` is the same in each staff language when the engine wrote the sentence.
  return {
    system: discovery.systemId,
    status: step.status,
    ...(step.status === 'failed' ? { error: step.error, ...(step.errorText ? { errorText: step.errorText } : {}) } : {}),
  };
}
