import type { ZendeskClient } from './zendesk-client';
import { isNotFound, ZendeskPermissionError } from './zendesk-errors';

/** A side conversation participant (Side Conversations API): an agent, an e-mail address, a Slack or Teams channel. */
export interface ZendeskParticipant {
  user_id?: number | null;
  name?: string | null;
  email?: string | null;
  [field: string]: unknown;
}

/** A side conversation on a ticket (an e-mail, Slack, Teams or child-ticket thread); its id is a UUID. */
export interface ZendeskSideConversation {
  id: string;
  ticket_id: number;
  subject: string | null;
  state: string;
  created_at: string;
  participants?: ZendeskParticipant[];
  [field: string]: unknown;
}

/** One event of a side conversation; `create` and `reply` carry the message. */
export interface ZendeskSideConversationEvent {
  id: string;
  side_conversation_id: string;
  type: string;
  created_at: string;
  actor?: ZendeskParticipant | null;
  message?: { subject?: string | null; body?: string | null; from?: ZendeskParticipant | null; to?: ZendeskParticipant[] } | null;
  [field: string]: unknown;
}

export type SideConversationRead =
  { available: true; conversations: Array<ZendeskSideConversation & { events: ZendeskSideConversationEvent[] }> } | { available: false };

/**
 * A ticket's side conversations with their events (`GET /tickets/{id}/side_conversations` and
 * `…/{side_conversation_id}/events`, offset pages with `next_page`). They need the Collaboration
 * add-on: an account without it, or an API user not allowed to read them, is told apart from an
 * empty list (`available: false`), so the export lists them as not searched instead of claiming none.
 */
export async function readSideConversations(client: ZendeskClient, ticketId: number): Promise<SideConversationRead> {
  let conversations: ZendeskSideConversation[];
  try {
    conversations = await client.offsetList<ZendeskSideConversation>(`/tickets/${ticketId}/side_conversations`, 'side_conversations');
  } catch (error) {
    // The ticket was just listed, so a 404 here is the endpoint missing (no add-on), not the ticket.
    if (error instanceof ZendeskPermissionError || isNotFound(error)) return { available: false };
    throw error;
  }
  const withEvents = [];
  for (const conversation of conversations) {
    const events = await client.offsetList<ZendeskSideConversationEvent>(
      `/tickets/${ticketId}/side_conversations/${encodeURIComponent(conversation.id)}/events`,
      'events',
    );
    withEvents.push({ ...conversation, events });
  }
  return { available: true, conversations: withEvents };
}

/** Whether a ticket has side conversations (erasure: redaction cannot reach them, so such a ticket is deleted whole). */
export async function hasSideConversations(client: ZendeskClient, ticketId: number): Promise<boolean> {
  try {
    return (await client.offsetList(`/tickets/${ticketId}/side_conversations`, 'side_conversations')).length > 0;
  } catch (error) {
    if (error instanceof ZendeskPermissionError || isNotFound(error)) return false;
    throw error;
  }
}

const who = (participant: ZendeskParticipant | null | undefined) =>
  participant ? [participant.name, participant.email].filter(Boolean).join(' ') || (participant.user_id ? `user #${participant.user_id}` : '') : '';

/** One row per message (create/reply) of the conversation, for the answer's table. */
export function sideConversationRows(ticketId: number, conversation: ZendeskSideConversation & { events: ZendeskSideConversationEvent[] }) {
  return conversation.events
    .filter((event) => event.message)
    .map((event) => ({
      ticket_id: ticketId,
      side_conversation: conversation.subject ?? '',
      created_at: event.created_at,
      from: who(event.message?.from ?? event.actor),
      to: (event.message?.to ?? []).map(who).filter(Boolean).join(', '),
      body: event.message?.body ?? '',
    }));
}
