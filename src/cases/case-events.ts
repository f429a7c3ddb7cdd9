import type { CaseEntity } from './case.entity';
import type { CaseEventType } from './case-transitions';

/** Published after a case change has committed. Side effects (jobs, e-mails) listen to this;
 *  controllers never start them inline. If the process dies between commit and publish, the
 *  reconciliation pass rebuilds the deadline jobs from PostgreSQL. `case.registered` is the
 *  exception: every registration stages its jobs with the case (`@RegistrationJobs()`, among them
 *  the deadline alert and the requester's verification or receipt) and the worker's
 *  `case-registered` job publishes it for the rest, so no listener queues those jobs again. */
export const CASE_CHANGED = 'case.changed';

export interface CaseChangedEvent {
  /** e.g. `case.registered`, `case.extended`, `case.completed` (the list: CASE_EVENT_TYPES). */
  type: CaseEventType;
  caseId: string;
  /** The case as committed. */
  snapshot: CaseEntity;
  deadlinesChanged: boolean;
  data: Record<string, unknown>;
  actor: string;
}
