import type { CaseEntity } from './case.entity';
import type { CaseEventType } from './case-transitions';

/** Published after a case change has committed. Side effects (jobs, e-mails) listen to this;
 *  controllers never start them inline. If the process dies between commit and publish, the
 *  reconciliation pass rebuilds the deadline jobs from PostgreSQL. */
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
  /** Only on `case.registered`: the registration committed its own alert and verification jobs
   *  (and e-mail) in the job outbox, so the listeners that would queue them have nothing to do. */
  jobsStaged?: boolean;
}
