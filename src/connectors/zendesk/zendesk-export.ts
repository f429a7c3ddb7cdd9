import type { ExportPart, Subject } from '../connector';
import { sameEmail } from '../../identity/email';
import { auditMetadataRows } from './zendesk-audits';
import { exportAttachments } from './zendesk-attachments';
import type { ZendeskClient } from './zendesk-client';
import type { ZendeskConnection } from './zendesk-connection';
import { exportDispositions } from './zendesk-dispositions';
import { NOT_SEARCHED, SIDE_CONVERSATIONS_NOT_READ } from './zendesk-not-searched';
import { isGivenRating, ratingRow, type ZendeskSatisfactionRating } from './zendesk-satisfaction';
import { readSideConversations, sideConversationRows, type ZendeskParticipant } from './zendesk-side-conversations';
import { findUsers } from './zendesk-subject-lookup';
import { findSuspendedTickets, suspendedTicketRow } from './zendesk-suspended-tickets';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from './zendesk-types';

type ExportedTicket = ZendeskTicket & { relation: 'requester' | 'cc'; comments: ZendeskComment[] };

/** The access export (README.md "export"): users, identities, tickets with comments, attachment
 *  files, side conversations, ratings, suspended tickets, audit metadata, and what is not searched. */
export async function exportZendesk(client: ZendeskClient, systemId: string, connection: ZendeskConnection, subject: Subject): Promise<ExportPart> {
  const matches = await findUsers(client, subject);
  const tickets = new Map<number, ExportedTicket>();
  for (const { user } of matches) {
    const requested = await client.cursorList<ZendeskTicket>(`/users/${user.id}/tickets/requested`, 'tickets');
    const ccd = await client.cursorList<ZendeskTicket>(`/users/${user.id}/tickets/ccd`, 'tickets');
    for (const [relation, list] of [
      ['requester', requested],
      ['cc', ccd],
    ] as const) {
      for (const ticket of list) {
        if (tickets.has(ticket.id)) continue;
        const comments = await client.cursorList<ZendeskComment>(`/tickets/${ticket.id}/comments`, 'comments');
        tickets.set(ticket.id, { ...ticket, relation, comments });
      }
    }
  }
  const suspended = await findSuspendedTickets(client, subject);
  const subjectIds = new Set(matches.map(({ user }) => user.id));
  const ticketList = [...tickets.values()];
  const auditRows: Array<Record<string, unknown>> = [];
  for (const ticketId of tickets.keys()) auditRows.push(...(await auditMetadataRows(client, ticketId, subjectIds, subject.email)));
  const attachments = await exportAttachments(client, systemId, ticketList, subjectIds, connection.attachmentLimits);
  const side = await sideConversationsOf(client, ticketList, subjectIds, subject.email);
  const identities = matches.flatMap((match) => match.identities);
  const commentRows = ticketList.flatMap((ticket) =>
    ticket.comments.map((comment) => ({
      ticket_id: ticket.id,
      comment_id: comment.id,
      written_by_you: subjectIds.has(comment.author_id),
      public: comment.public,
      created_at: comment.created_at,
      body: comment.plain_body ?? comment.body ?? '',
      attachments: (comment.attachments ?? []).map((attachment) => attachment.file_name).join(', '),
    })),
  );
  // A rating is the person's own words when they requested the ticket (CSAT goes to the requester).
  const ratings = ticketList.filter((ticket) => ticket.relation === 'requester' && isGivenRating(ticket.satisfaction_rating));
  const notSearched = [...NOT_SEARCHED, ...(side.unreadable ? [SIDE_CONVERSATIONS_NOT_READ] : [])];
  return {
    systemId,
    data: {
      users: matches.map(({ user }) => user),
      identities,
      tickets: ticketList,
      attachment_files: attachments.rows,
      side_conversations: side.conversations,
      suspended_tickets: suspended,
      ticket_audit_metadata: auditRows,
      not_searched: notSearched,
    },
    tables: {
      users: matches.map(({ user }) => userRow(user)),
      identities: identities.map((identity) => ({
        user_id: identity.user_id,
        type: identity.type,
        value: identity.value,
        primary: identity.primary,
        verified: identity.verified,
      })),
      tickets: ticketList.map((ticket) => ({
        ticket_id: ticket.id,
        relation: ticket.relation,
        subject: ticket.subject,
        status: ticket.status,
        created_at: ticket.created_at,
        updated_at: ticket.updated_at,
        comments: ticket.comments.length,
      })),
      comments: commentRows,
      attachment_files: attachments.rows,
      side_conversation_messages: side.rows,
      satisfaction_ratings: ratings.map((ticket) => ratingRow(ticket.id, ticket.satisfaction_rating as ZendeskSatisfactionRating)),
      suspended_tickets: suspended.map(suspendedTicketRow),
      ticket_audit_metadata: auditRows,
      not_searched: notSearched.map((entry) => ({ ...entry })),
    },
    recordCount:
      matches.length + identities.length + ticketList.length + commentRows.length + suspended.length + attachments.files.length + side.conversations.length,
    dispositions: exportDispositions({
      users: matches.length,
      tickets: ticketList.length,
      comments: commentRows.length,
      suspended: suspended.length,
      attachments: attachments.files.length,
      sideConversations: side.conversations.length,
    }),
    ...(attachments.files.length ? { files: attachments.files } : {}),
  };
}

/**
 * Side conversations about the person: every one on a ticket they requested (about their
 * request, like the internal notes), and on a ticket they were copied on those they take part in.
 */
async function sideConversationsOf(client: ZendeskClient, tickets: ExportedTicket[], subjectIds: Set<number>, email: string | null | undefined) {
  const isSubject = (participant: ZendeskParticipant | null | undefined) =>
    !!participant && ((participant.user_id != null && subjectIds.has(participant.user_id)) || (!!email && sameEmail(participant.email ?? '', email)));
  const conversations = [];
  const rows: Array<Record<string, unknown>> = [];
  let unreadable = false;
  for (const ticket of tickets) {
    const read = await readSideConversations(client, ticket.id);
    if (!read.available) {
      unreadable = true;
      continue;
    }
    for (const conversation of read.conversations) {
      const involved =
        (conversation.participants ?? []).some(isSubject) ||
        conversation.events.some((event) => isSubject(event.actor) || isSubject(event.message?.from) || (event.message?.to ?? []).some(isSubject));
      if (ticket.relation !== 'requester' && !involved) continue;
      conversations.push(conversation);
      rows.push(...sideConversationRows(ticket.id, conversation));
    }
  }
  return { conversations, rows, unreadable };
}

function userRow(user: ZendeskUser): Record<string, unknown> {
  return {
    user_id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    tags: (user.tags ?? []).join(' '),
    notes: user.notes,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}
