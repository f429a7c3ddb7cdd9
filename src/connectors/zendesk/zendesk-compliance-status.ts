import type { SummaryText } from '../connector';
import type { ZendeskClient } from './zendesk-client';
import type { ZendeskComplianceDeletionStatus } from './zendesk-types';
import { ZENDESK_ERASURE } from './zendesk-summaries';

/**
 * What Zendesk itself reports about a user's GDPR deletion, read after the permanent delete with
 * `GET /users/{id}/compliance_deletion_statuses`: one entry per step and area of compliance
 * (`request_deletion` for `all`, then `started` and `complete` per product such as `support` or
 * `chat`). Zendesk finishes the deletion in the background, so right after the delete only the
 * request (and perhaps `started`) may be there; the outcome records exactly what was reported.
 */
export type ComplianceReport =
  { userId: number; statuses: Array<Pick<ZendeskComplianceDeletionStatus, 'action' | 'application' | 'created_at'>> } | { userId: number; unavailable: string };

export async function readComplianceStatus(client: ZendeskClient, userId: number): Promise<ComplianceReport> {
  try {
    const statuses = await client.cursorList<ZendeskComplianceDeletionStatus>(`/users/${userId}/compliance_deletion_statuses`, 'compliance_deletion_statuses');
    return { userId, statuses: statuses.map(({ action, application, created_at }) => ({ action, application, created_at })) };
  } catch (error) {
    // The deletion itself succeeded; a status Zendesk will not show is noted, not a failure of the erasure.
    return { userId, unavailable: error instanceof Error ? error.message : 'unknown error' };
  }
}

/** Whether Zendesk has the permanent deletion on record (a `request_deletion` entry). */
export const deletionRequested = (report: ComplianceReport) => 'statuses' in report && report.statuses.some((status) => status.action === 'request_deletion');

/** Areas Zendesk reports as complete, e.g. ["support"]. */
export const completedAreas = (report: ComplianceReport) =>
  'statuses' in report ? report.statuses.filter((status) => status.action === 'complete').map((status) => status.application) : [];

/** "request_deletion (all), started (support), complete (support)" for staff summaries. */
export function describeCompliance(report: ComplianceReport): SummaryText {
  if ('unavailable' in report) return ZENDESK_ERASURE.complianceUnavailable(report.unavailable);
  if (!report.statuses.length) return ZENDESK_ERASURE.complianceNone;
  return ZENDESK_ERASURE.compliance(report.statuses.map((status) => `${status.action} (${status.application})`).join(', '));
}
