import { isIsoDate } from '../../common/iso-date';
import { invalid } from '../../common/domain-error';
import { KEEP_BASES, type KeepBasis } from '../../common/dispositions/disposition';
import { PLAN_ACTIONS, type KeepDecision, type PlanAction } from '../connector';

export interface PlanDecision {
  action: PlanAction;
  keep: KeepDecision | null;
  fields: string[] | null;
}

const TEXT_MAX = 300;

/**
 * A handler's decision on one plan record, checked field by field (4xx naming the field): keeping
 * needs a basis; Art 17(3)(b) names the law, 17(3)(e) the claim; an until-date or a criterion;
 * what the kept record may still be used for. `fields` may only name fields the record has.
 */
export function planDecision(body: unknown, recordFields: string[] | null): PlanDecision {
  const input = (body ?? {}) as Record<string, unknown>;
  const action = input.action;
  if (typeof action !== 'string' || !(PLAN_ACTIONS as readonly string[]).includes(action)) {
    throw invalid('action', `must be one of ${PLAN_ACTIONS.join(', ')}`);
  }
  const keep = action === 'keep' || input.keep !== undefined ? keepDecision(input.keep) : null;
  return { action: action as PlanAction, keep, fields: fieldsOf(input.fields, recordFields) };
}

function keepDecision(value: unknown): KeepDecision {
  if (!value || typeof value !== 'object') throw invalid('keep', 'is required to keep a record: give at least keep.basis and keep.allowedUse');
  const keep = value as Record<string, unknown>;
  if (typeof keep.basis !== 'string' || !(KEEP_BASES as readonly string[]).includes(keep.basis)) {
    throw invalid('keep.basis', `must be one of ${KEEP_BASES.join(', ')}`);
  }
  const basis = keep.basis as KeepBasis;
  const law = text(keep.law, 'keep.law');
  const claim = text(keep.claim, 'keep.claim');
  const criterion = text(keep.criterion, 'keep.criterion');
  const allowedUse = text(keep.allowedUse, 'keep.allowedUse');
  if (basis === 'legal_obligation' && !law) throw invalid('keep.law', 'is required for legal_obligation: name the law, e.g. "bokføringsloven § 13"');
  if (basis === 'legal_claims' && !claim) throw invalid('keep.claim', 'is required for legal_claims: name the claim, e.g. "payment dispute over invoice 1042"');
  let until: string | undefined;
  if (keep.until !== undefined && keep.until !== null && keep.until !== '') {
    if (!isIsoDate(keep.until)) throw invalid('keep.until', 'must be a date as YYYY-MM-DD');
    until = keep.until;
  }
  if (!until && !criterion) throw invalid('keep.until', 'or keep.criterion is required: until when, or until what happens');
  if (!allowedUse) throw invalid('keep.allowedUse', 'is required: what the kept record may still be used for');
  if (keep.restrict !== undefined && typeof keep.restrict !== 'boolean') throw invalid('keep.restrict', 'must be true or false');
  return {
    basis,
    ...(law ? { law } : {}),
    ...(claim ? { claim } : {}),
    ...(until ? { until } : { criterion }),
    allowedUse,
    restrict: keep.restrict === true,
  };
}

function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(field, 'must be text');
  const trimmed = value.trim();
  if (trimmed.length > TEXT_MAX) throw invalid(field, `must be at most ${TEXT_MAX} characters`);
  return trimmed || undefined;
}

function fieldsOf(value: unknown, recordFields: string[] | null): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((field) => typeof field !== 'string')) throw invalid('fields', 'must be a list of field names');
  const unknown = value.filter((field: string) => !(recordFields ?? []).includes(field));
  if (unknown.length) throw invalid('fields', `names fields the record does not have: ${unknown.join(', ')}`);
  return value.length ? (value as string[]) : null;
}
