import { stageCondition } from '../case-stage';

/** SQL over `cases` aliased `c`, shared by the dashboard's figures and the CSV report. */

/** An answered case: completed, or refused with the Art 12(4) letter. A request closed because
 *  nobody confirmed it (`unverified`) and a withdrawn one were never answered. */
export const ANSWERED = `(c.status = 'completed' OR (c.status = 'rejected' AND c.rejection_code IS DISTINCT FROM 'unverified'))`;

/** The company day a case was closed (parameter `:tz`, the company's time zone), the day that
 *  counts against the deadline, which is a company day too. */
export const CLOSED_DAY = `(c.closed_at AT TIME ZONE :tz)::date`;

/** The case's stage (`caseStage` in case-stage.ts) as one SQL expression, built from the same
 *  conditions the queue filters on, so the dashboard and the queue count alike. */
export function stageExpression(approvalTypes: readonly string[]): { sql: string; params: Record<string, unknown> } {
  const paused = stageCondition('paused', approvalTypes);
  const approval = stageCondition('awaiting_approval', approvalTypes);
  const handled = stageCondition('being_handled', approvalTypes);
  return {
    sql: `CASE WHEN ${paused.sql} THEN 'paused' WHEN ${approval.sql} THEN 'awaiting_approval' WHEN ${handled.sql} THEN 'being_handled' ELSE c.status END`,
    params: { ...paused.params, ...approval.params, ...handled.params },
  };
}
