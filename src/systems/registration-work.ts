import type { CaseStatus, RequestType } from '../common/case-types';
import type { SystemEntry } from './data-map.schema';

/**
 * What the data map makes a newly registered case need from the worker's `case.registered`
 * listeners, in one place: the listeners use these to act, and the public intake to decide whether
 * to stage a `case-registered` job at all (a data map with none of them gives that job nothing to
 * do, and skipping it saves the worker a job, two case reads and its Redis calls per request).
 */

/** Erasure needs no preservation (routine deletion does what was asked, and harms no one); every
 *  other request needs the records as they were when it came. */
export function preservesFor(type: RequestType): boolean {
  return type !== 'erasure';
}

/** The systems whose owner keeps records by hand and whose data map names a routine deletion
 *  period: preservation at receipt checks each of them. */
export function systemsAtRiskOfRoutineDeletion(systems: readonly SystemEntry[]): SystemEntry[] {
  return systems.filter((system) => system.connector === 'manual' && system.retention.period);
}

/** Processor-role systems: each gets its `forward` task as soon as a case is registered. */
export function processorSystems(systems: readonly SystemEntry[]): SystemEntry[] {
  return systems.filter((system) => system.role === 'processor');
}

/** True when a case registered as `registered` gives some `case.registered` listener work:
 *  preservation at receipt, processor forwards, or fan-out of a case ready at once. */
export function registrationNeedsListeners(systems: readonly SystemEntry[], registered: { type: RequestType; status: CaseStatus }): boolean {
  return (
    (preservesFor(registered.type) && systemsAtRiskOfRoutineDeletion(systems).length > 0) ||
    processorSystems(systems).length > 0 ||
    registered.status === 'in_progress'
  );
}
