import { sameEmail } from '../../identity/email';
import type { ZendeskClient } from './zendesk-client';

/**
 * A ticket audit's personal metadata: where a change came from (IP address, location, client)
 * and, for e-mail, the sender's address and name from the headers. Read with cursor pages from
 * `GET /tickets/{id}/audits`. Comment redaction does not reach audits: only deleting the ticket
 * removes them.
 */
export interface ZendeskAudit {
  id: number;
  ticket_id: number;
  author_id: number;
  created_at: string;
  metadata?: { system?: { client?: string | null; ip_address?: string | null; location?: string | null } };
  via?: { channel?: string; source?: { from?: { address?: string | null; name?: string | null } } };
}

/** The metadata of the audits the person caused (authored, or sent from their address), one row each. */
export async function auditMetadataRows(
  client: ZendeskClient,
  ticketId: number,
  userIds: Set<number>,
  email: string | null | undefined,
): Promise<Array<Record<string, unknown>>> {
  const audits = await client.cursorList<ZendeskAudit>(`/tickets/${ticketId}/audits`, 'audits');
  return audits
    .filter((audit) => userIds.has(audit.author_id) || (!!email && sameEmail(audit.via?.source?.from?.address, email)))
    .map((audit) => ({
      ticket_id: ticketId,
      audit_id: audit.id,
      created_at: audit.created_at,
      channel: audit.via?.channel ?? null,
      ip_address: audit.metadata?.system?.ip_address ?? null,
      location: audit.metadata?.system?.location ?? null,
      client: audit.metadata?.system?.client ?? null,
      email_from_address: audit.via?.source?.from?.address ?? null,
      email_from_name: audit.via?.source?.from?.name ?? null,
    }))
    .filter((row) => row.ip_address || row.location || row.email_from_address);
}
