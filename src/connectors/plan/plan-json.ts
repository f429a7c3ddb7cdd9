import type { SummaryText } from '../connector';
import type { CasePlanItemEntity } from './case-plan-item.entity';

export function toPlanItemJson(item: CasePlanItemEntity) {
  return {
    id: item.id,
    ref: item.ref,
    recordType: item.recordType,
    label: item.label,
    labelText: item.labelText,
    date: item.recordDate,
    parent: item.parent,
    proposed: item.proposed,
    proposedKeep: item.proposedKeep,
    note: item.note,
    noteText: item.noteText,
    fields: item.fields ?? [],
    action: item.action,
    keep: item.keep,
    decidedFields: item.decidedFields,
    change: item.gone ? ('gone' as const) : item.change,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt?.toISOString() ?? null,
  };
}

export type PlanItemJson = ReturnType<typeof toPlanItemJson>;

export interface PlanSystemJson {
  system: string;
  name: string;
  /** `whole`: the connector cannot survey; the system is acted on as a whole. */
  status: 'pending' | 'done' | 'failed' | 'whole';
  surveyedAt: string | null;
  changed: boolean;
  error?: string | null;
  /** `error` in each staff language, when the engine wrote the sentence. */
  errorText?: SummaryText | null;
  items: PlanItemJson[];
}

export interface PlanJson {
  reference: string;
  /** Erasure, restriction and rectification have a plan; other request types do not. */
  planned: boolean;
  approvedAt: string | null;
  /** The latest approval covers exactly this plan. */
  approvalCurrent: boolean;
  systems: PlanSystemJson[];
}
