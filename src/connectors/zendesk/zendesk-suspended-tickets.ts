import { sameEmail } from '../../identity/email';
import type { Subject } from '../connector';
import type { ZendeskClient } from './zendesk-client';
import { isNotFound } from './zendesk-errors';

/**
 * Suspended tickets: incoming e-mails Zendesk held back (spam, an unverified sender, …). They
 * never became tickets and often belong to no user, so they are matched by the author's e-mail,
 * exactly (ignoring case), and read with cursor pages (the only pagination the list offers).
 */
export interface ZendeskSuspendedTicket {
  id: number;
  author: { id: number | null; name: string | null; email: string | null };
  subject: string | null;
  content: string | null;
  cause: string | null;
  recipient?: string | null;
  ticket_id?: number | null;
  created_at: string;
  [field: string]: unknown;
}

export async function findSuspendedTickets(client: ZendeskClient, subject: Subject): Promise<ZendeskSuspendedTicket[]> {
  if (!subject.email?.trim()) return [];
  const all = await client.cursorList<ZendeskSuspendedTicket>('/suspended_tickets', 'suspended_tickets');
  return all.filter((ticket) => sameEmail(ticket.author?.email, subject.email));
}

/** Deletes them (Delete Suspended Ticket, 204); one already gone counts as deleted. Returns how many. */
export async function deleteSuspendedTickets(client: ZendeskClient, tickets: ZendeskSuspendedTicket[]): Promise<number> {
  for (const ticket of tickets) {
    try {
      await client.delete(`/suspended_tickets/${ticket.id}`);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return tickets.length;
}

export function suspendedTicketRow(ticket: ZendeskSuspendedTicket): Record<string, unknown> {
  return {
    suspended_ticket_id: ticket.id,
    from_name: ticket.author?.name ?? null,
    from_email: ticket.author?.email ?? null,
    subject: ticket.subject,
    content: ticket.content,
    cause: ticket.cause,
    received_at: ticket.created_at,
  };
}
