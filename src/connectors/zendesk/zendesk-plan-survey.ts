import type { PlanAction, PlanRequest, RetentionRules, SurveyedRecord, Subject } from '../connector';
import { proposalFor } from '../plan/hold-prefill';
import { labelled, noted } from '../plan/plan-texts';
import { ZENDESK_PLAN } from './zendesk-plan-texts';
import type { ZendeskClient } from './zendesk-client';
import { findUsers } from './zendesk-subject-lookup';
import type { ZendeskTicket } from './zendesk-types';

/** A data-map hold covers Zendesk tickets when its records say so (support correspondence). */
const TICKET_HOLD = /ticket|correspondence|support|henvendels|korrespondanse/i;

export const USER_FIELDS = ['name', 'phone', 'notes', 'email'];

/**
 * The records a request would touch in Zendesk, changing nothing: each matched user and every
 * ticket the user requested (its comments and attachments go with it), labelled with its
 * subject and the day it was created. An erasure proposes erasing them, except where a legal
 * hold in the data map covers tickets (kept until the hold ends, or erased now when past it);
 * staff accounts are an administrator's to handle and are proposed left alone.
 */
export async function surveyZendesk(client: ZendeskClient, subject: Subject, request: PlanRequest, retention: RetentionRules): Promise<SurveyedRecord[]> {
  const records: SurveyedRecord[] = [];
  for (const { user } of await findUsers(client, subject)) {
    const staff = user.role !== 'end-user';
    const userRef = `user:${user.id}`;
    records.push({
      ref: userRef,
      recordType: 'user',
      ...labelled(ZENDESK_PLAN.user(user.role, user.id)),
      ...(typeof user.created_at === 'string' ? { date: user.created_at.slice(0, 10) } : {}),
      proposed: staff ? 'none' : request.action,
      ...(staff ? noted(ZENDESK_PLAN.staffAccount) : {}),
      fields: USER_FIELDS,
    });
    if (staff) continue;
    const tickets = await client.cursorList<ZendeskTicket>(`/users/${user.id}/tickets/requested`, 'tickets');
    for (const ticket of tickets.sort((a, b) => a.id - b.id)) {
      const date = ticket.created_at.slice(0, 10);
      const held = request.action === 'erase' ? proposalFor(retention.legalHolds, (hold) => TICKET_HOLD.test(hold.records), date, request.today) : null;
      records.push({
        ref: `ticket:${ticket.id}`,
        recordType: 'ticket',
        ...labelled(ZENDESK_PLAN.ticket(ticket.id, ticket.subject, date), `Ticket #${ticket.id} · ${ticket.subject ?? '(no subject)'} · ${date}`),
        date,
        parent: userRef,
        proposed: held?.proposed ?? ticketAction(request),
        ...(held?.keep ? { keep: held.keep } : {}),
        ...(held?.note ? { note: held.note, noteText: held.noteText } : request.action === 'restrict' ? noted(ZENDESK_PLAN.restrictedWithUser) : {}),
      });
    }
  }
  return records;
}

/** A rectification corrects the user; a restriction tags the user, which covers their tickets
 *  (a handler may restrict a ticket on its own); an erasure erases each ticket. */
function ticketAction(request: PlanRequest): PlanAction {
  return request.action === 'erase' ? 'erase' : 'none';
}
