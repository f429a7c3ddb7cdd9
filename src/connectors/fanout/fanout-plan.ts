import type { CaseEntity } from '../../cases/case.entity';
import { objectionKind } from '../../common/case-types';
import type { Changes, RestrictScope } from '../connector';
import type { SystemEntry } from '../../systems/data-map.schema';
import type { TaskAction } from '../tasks/case-task.entity';

export interface PlannedTask {
  systemId: string;
  connectorType: string;
  action: TaskAction;
  params: Record<string, unknown>;
}

export type ObjectionDecision = 'stop' | 'compelling_grounds';

type PlanCase = Pick<CaseEntity, 'type' | 'status' | 'verifiedAt' | 'approvedAt' | 'details'>;

/** Why a case has no tasks yet (or `ready`): verification, the search for its records, a
 *  handler's decision on possible matches, approval or a handler's objection decision. */
export type Readiness =
  'ready' | 'not_in_progress' | 'unverified' | 'searching_records' | 'matches_undecided' | 'awaiting_approval' | 'awaiting_objection_decision';

/** Where the case's record search stands (src/connectors/records). */
export interface RecordGate {
  /** A system's search is pending, or failed and waits for staff to run it again. */
  searching: boolean;
  /** A possible match ("candidate") waits for a handler to confirm or reject it. */
  undecided: boolean;
  /** The latest approval was given for exactly the records the engine would act on now. */
  approvalCurrent: boolean;
}

/** No search (no API system): nothing to wait for, and an approval stands as given. */
export const NO_RECORD_SEARCH: RecordGate = { searching: false, undecided: false, approvalCurrent: true };

const LEGITIMATE_INTEREST = /legitimate interest|6\s*\(1\)\s*\(f\)/i;
const MARKETING = /market/i;

/** Fan-out waits for verification, for the record search and every possible match to be decided
 *  (nothing is done to a record that is not the requester's, whatever the request), for approval
 *  of exactly those records where the data map asks for it, and, for an objection on legitimate
 *  interest, for a handler's decision. Direct marketing waits for nothing else (Art 21(3)). */
export function readiness(entity: PlanCase, approvalRequired: boolean, decision: ObjectionDecision | null, records: RecordGate = NO_RECORD_SEARCH): Readiness {
  if (entity.status !== 'in_progress') return 'not_in_progress';
  if (!entity.verifiedAt) return 'unverified';
  if (records.searching) return 'searching_records';
  if (records.undecided) return 'matches_undecided';
  if (entity.type === 'objection') {
    if (objectionKind(entity.details) === 'direct_marketing') return 'ready';
    return decision ? 'ready' : 'awaiting_objection_decision';
  }
  if (approvalRequired && !(entity.approvedAt && records.approvalCurrent)) return 'awaiting_approval';
  return 'ready';
}

/** Rectification details: `{field, correctedValue}` or `{changes: {field: value}}`. */
export function changesFrom(details: Record<string, unknown>): Changes {
  const changes: Changes = {};
  if (details.changes && typeof details.changes === 'object') {
    for (const [field, value] of Object.entries(details.changes as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number') changes[field] = String(value);
    }
  }
  if (typeof details.field === 'string' && (typeof details.correctedValue === 'string' || typeof details.correctedValue === 'number')) {
    changes[details.field] = String(details.correctedValue);
  }
  return changes;
}

/** A field name as connectors know it: connectors write it into the system (Visma's note line),
 *  so a case registered by staff, whose details intake never checked, cannot carry free text there. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/** Restriction details: the fields the person contests (Art 18(1)(a)), as intake stored them
 *  (`details.fields`); empty = all their data. Feeds `PlanRequest.contested` and the restrict task. */
export function contestedFields(details: Record<string, unknown>): string[] {
  if (!Array.isArray(details.fields)) return [];
  const names = details.fields.filter((field): field is string => typeof field === 'string').map((field) => field.trim());
  return [...new Set(names.filter((name) => FIELD_NAME.test(name)))];
}

/**
 * One task per (system, action) for a ready case. Processor-role systems are never searched and get
 * nothing here: their forward to the controller was made at receipt (manual/forwarding-receipt.ts).
 * Manual systems get the same action, done by a person.
 */
export function planTasks(entity: PlanCase, systems: SystemEntry[], decision: ObjectionDecision | null): PlannedTask[] {
  const task = (system: SystemEntry, action: TaskAction, params: Record<string, unknown> = {}): PlannedTask => ({
    systemId: system.id,
    connectorType: system.connector,
    action,
    params,
  });
  const controllerSystems = systems.filter((system) => system.role === 'controller');

  switch (entity.type) {
    case 'access':
      return controllerSystems.map((system) => task(system, 'export'));
    case 'portability':
      return controllerSystems.filter((system) => system.portable).map((system) => task(system, 'export', { portable: true }));
    case 'rectification':
      return controllerSystems.map((system) => task(system, 'rectify', { changes: changesFrom(entity.details) }));
    case 'erasure':
      return controllerSystems.map((system) => task(system, 'erase', { legalHolds: system.legalHolds }));
    case 'restriction': {
      // Contested fields go with the task: a connector that can restrict one field does only that.
      const fields = contestedFields(entity.details);
      const params = { scope: 'processing' satisfies RestrictScope, ...(fields.length ? { fields } : {}) };
      return controllerSystems.map((system) => task(system, 'restrict', params));
    }
    case 'objection': {
      if (objectionKind(entity.details) === 'direct_marketing') {
        // Absolute: every system with an API, and any manual system used for marketing.
        const targets = controllerSystems.filter(
          (system) => system.connector !== 'manual' || system.marketingChannels || system.purposes.some((purpose) => MARKETING.test(purpose)),
        );
        // The companies that market for us with the system's data are told to stop too, one task per system.
        const instructions = controllerSystems
          .filter((system) => system.marketingProcessors.length > 0)
          .map((system) => task(system, 'instruct', { processors: system.marketingProcessors.map((processor) => processor.name) }));
        return [...targets.map((system) => task(system, 'restrict', { scope: 'marketing' satisfies RestrictScope })), ...instructions];
      }
      if (decision !== 'stop') return [];
      const targets = controllerSystems.filter((system) => LEGITIMATE_INTEREST.test(system.legalBasis));
      return targets.map((system) => task(system, 'restrict', { scope: 'processing' satisfies RestrictScope }));
    }
    default:
      return [];
  }
}
