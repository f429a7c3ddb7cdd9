import type { Disposition } from '../../common/dispositions/disposition';
import type { Outcome, SummaryText } from '../connector';
import { joinedTexts, summarised } from '../outcome-summary';
import { ZENDESK_ERASURE, ZENDESK_OUTCOMES } from './zendesk-summaries';
import { ConnectorError } from '../connector-errors';
import { DispositionTally } from '../disposition-tally';
import type { ZendeskClient } from './zendesk-client';
import { describeCompliance, readComplianceStatus, type ComplianceReport } from './zendesk-compliance-status';
import type { ZendeskConnection } from './zendesk-connection';
import { isNotFound, isRecordInvalid } from './zendesk-errors';
import { fullRedactionRequest } from './zendesk-redaction';
import { hasRatingComment } from './zendesk-satisfaction';
import { hasSideConversations } from './zendesk-side-conversations';
import type { MatchedUser } from './zendesk-subject-lookup';
import type { ZendeskComment, ZendeskTicket } from './zendesk-types';

export type UserErasure =
  | { userId: number; result: 'erased'; redactedComments: number; deletedTickets: number; compliance: ComplianceReport }
  | { userId: number; result: 'blocked'; redactedComments: number; deletedTickets: number; openTicketIds: number[] }
  | { userId: number; result: 'soft_deleted_only'; redactedComments: number; deletedTickets: number; reason: string };

/**
 * Erasure in the order Zendesk requires: the person's closed tickets (redacted or deleted) and
 * their own comments on tickets they were copied on, then the user (soft delete), then the
 * deleted user (permanent). Every step is safe to repeat.
 */
export class ZendeskEraser {
  constructor(
    private readonly client: ZendeskClient,
    private readonly connection: ZendeskConnection,
  ) {}

  /** `alreadyDeleted`: users a previous run permanently deleted (only their compliance status is read). */
  async eraseAll(matches: MatchedUser[], alreadyDeleted: number[] = []): Promise<Outcome & { summaryText: SummaryText }> {
    const staff = matches.filter((match) => match.user.role !== 'end-user');
    const results: UserErasure[] = [];
    for (const match of matches) if (match.user.role === 'end-user') results.push(await this.eraseUser(match));
    for (const userId of alreadyDeleted) {
      results.push({ userId, result: 'erased', redactedComments: 0, deletedTickets: 0, compliance: await readComplianceStatus(this.client, userId) });
    }

    const parts = results.map(describe);
    if (staff.length) parts.push(ZENDESK_OUTCOMES.staffNotDeleted(staff.map(({ user }) => ({ id: user.id, role: String(user.role) }))));
    const summary = summarised(joinedTexts(parts, '; '));
    if (results.some((result) => result.result !== 'erased'))
      return { status: 'failed', ...summary, retryable: false, dispositions: erasureDispositions(results) };
    if (staff.length) return { status: 'manual', ...summary };
    return {
      status: 'done',
      ...summary,
      details: {
        userIds: results.map((result) => result.userId),
        redactedComments: sum(results, 'redactedComments'),
        deletedTickets: sum(results, 'deletedTickets'),
        closedTickets: this.connection.closedTickets,
        complianceDeletion: results.flatMap((result) => (result.result === 'erased' ? [result.compliance] : [])),
      },
      dispositions: erasureDispositions(results),
    };
  }

  private async eraseUser({ user }: MatchedUser): Promise<UserErasure> {
    let redactedComments = 0;
    let deletedTickets = 0;
    // An inactive user was soft-deleted earlier (by a previous run or by hand): finish the job.
    if (user.active !== false) {
      const requested = await this.requestedTickets(user.id);
      const ccd = await this.client.cursorList<ZendeskTicket>(`/users/${user.id}/tickets/ccd`, 'tickets');
      for (const ticket of requested.filter((candidate) => candidate.status === 'closed')) {
        if (await this.mustDeleteWhole(ticket)) deletedTickets += await this.deleteTicket(ticket.id);
        else redactedComments += await this.redactComments(ticket.id, () => true);
      }
      const requestedIds = new Set(requested.map((ticket) => ticket.id));
      for (const ticket of ccd.filter((candidate) => !requestedIds.has(candidate.id))) {
        redactedComments += await this.redactComments(ticket.id, (comment) => comment.author_id === user.id);
      }
      try {
        await this.client.delete(`/users/${user.id}`);
      } catch (error) {
        if (isRecordInvalid(error)) {
          // Zendesk's message names the person; the ids come from our own listing instead.
          const open = (await this.requestedTickets(user.id)).filter((ticket) => ticket.status !== 'closed').map((ticket) => ticket.id);
          return { userId: user.id, result: 'blocked', redactedComments, deletedTickets, openTicketIds: open };
        }
        if (!isNotFound(error)) throw error;
      }
    }
    try {
      await this.client.delete(`/deleted_users/${user.id}`);
    } catch (error) {
      // A rate limit or an outage is worth another try: a retry finds the soft-deleted user in
      // the deleted users list and finishes the permanent delete.
      if (error instanceof ConnectorError && error.retryable) throw error;
      if (!isNotFound(error)) {
        const reason = error instanceof Error ? error.message : 'unknown error';
        return { userId: user.id, result: 'soft_deleted_only', redactedComments, deletedTickets, reason };
      }
    }
    return { userId: user.id, result: 'erased', redactedComments, deletedTickets, compliance: await readComplianceStatus(this.client, user.id) };
  }

  /** One ticket of an approved plan: a closed one as `closedTickets` says (redacted or deleted);
   *  any other is deleted, the only way to erase it (and to let Zendesk delete its requester). */
  async eraseTicket(ticketId: number): Promise<{ deleted: number; redactedComments: number }> {
    let ticket: ZendeskTicket;
    try {
      ticket = (await this.client.get<{ ticket: ZendeskTicket }>(`/tickets/${ticketId}`)).ticket;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      // Already deleted (an earlier run): finish the permanent delete.
      return { deleted: await this.deleteTicket(ticketId), redactedComments: 0 };
    }
    if (ticket.status === 'closed' && !(await this.mustDeleteWhole(ticket)))
      return { deleted: 0, redactedComments: await this.redactComments(ticketId, () => true) };
    return { deleted: await this.deleteTicket(ticketId), redactedComments: 0 };
  }

  /**
   * A closed ticket is redacted unless `closedTickets: delete`, or it holds what redaction cannot
   * reach: a satisfaction-rating comment, or side conversations (Zendesk has no API to redact or
   * delete one) — then it is deleted whole, taking them with it.
   */
  private async mustDeleteWhole(ticket: ZendeskTicket): Promise<boolean> {
    if (this.connection.closedTickets === 'delete' || hasRatingComment(ticket.satisfaction_rating)) return true;
    return hasSideConversations(this.client, ticket.id);
  }

  private requestedTickets(userId: number): Promise<ZendeskTicket[]> {
    return this.client.cursorList<ZendeskTicket>(`/users/${userId}/tickets/requested`, 'tickets');
  }

  private async redactComments(ticketId: number, whose: (comment: ZendeskComment) => boolean): Promise<number> {
    let count = 0;
    for (const comment of await this.client.cursorList<ZendeskComment>(`/tickets/${ticketId}/comments`, 'comments')) {
      const request = whose(comment) ? fullRedactionRequest(ticketId, comment) : null;
      if (!request) continue;
      await this.client.put(`/comment_redactions/${comment.id}`, request);
      count += 1;
    }
    return count;
  }

  /** Soft, then permanent: a ticket deleted only softly would stay recoverable for 30 days. */
  private async deleteTicket(ticketId: number): Promise<number> {
    try {
      await this.client.delete(`/tickets/${ticketId}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      await this.client.delete(`/deleted_tickets/${ticketId}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    return 1;
  }
}

/**
 * What the erasure did, per record type: deleted users and tickets are erased; redacted comments
 * stay on their tickets with their content removed, so they are anonymised. A user Zendesk would
 * not delete is a failure, stated after what was done before it stopped.
 */
export function erasureDispositions(results: UserErasure[]): Disposition[] {
  const tally = new DispositionTally();
  for (const result of results) {
    if (result.result === 'erased') tally.add({ kind: 'erased', what: 'user' });
    tally.add({ kind: 'erased', what: 'ticket' }, result.deletedTickets);
    tally.add({ kind: 'anonymised', what: 'ticket-comment' }, result.redactedComments);
  }
  for (const result of results) {
    if (result.result === 'blocked')
      tally.add({ kind: 'failed', what: 'user', reason: 'Zendesk does not delete a user who still has tickets that are not closed' });
    if (result.result === 'soft_deleted_only')
      tally.add({ kind: 'failed', what: 'user', reason: 'the user was deactivated, but Zendesk did not complete the permanent deletion' });
  }
  return tally.list();
}

function sum(results: UserErasure[], field: 'redactedComments' | 'deletedTickets'): number {
  return results.reduce((total, result) => total + result[field], 0);
}

function describe(result: UserErasure): SummaryText {
  const work = ZENDESK_ERASURE.work(result.deletedTickets, result.redactedComments);
  switch (result.result) {
    case 'erased':
      return ZENDESK_ERASURE.erased(result.userId, work, result.redactedComments > 0, describeCompliance(result.compliance));
    case 'blocked':
      return ZENDESK_ERASURE.blocked(result.userId, result.openTicketIds, work);
    case 'soft_deleted_only':
      return ZENDESK_ERASURE.softDeletedOnly(result.userId, work, result.reason);
  }
}
