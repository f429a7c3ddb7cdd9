import type { SystemEntry } from './data-map.schema';

/** A recipient's name as the data map writes it, without its role ("Revisor AS (auditor)" → "Revisor AS"). */
export function recipientName(text: string): string {
  return text.replace(/\s*\(.*$/, '').trim() || text.trim();
}

/**
 * The recipients of a system that no `recipientContacts` entry covers, so an Art 19 notice
 * cannot be e-mailed to them. Not listed:
 *  - a processor of a system the engine changes through its own connector ("Zendesk Inc.
 *    (processor)" for connector zendesk): the connector's erasure or change through the
 *    processor's API is what reaches the processor's copy, so it needs no separate notice;
 *  - every recipient of a processor-role system: the request goes to the controller, whose
 *    recipients they are.
 */
export function uncontactedRecipients(system: Pick<SystemEntry, 'connector' | 'role' | 'recipients' | 'recipientContacts'>): string[] {
  if (system.role === 'processor') return [];
  const contacts = system.recipientContacts.map((contact) => contact.name.trim().toLowerCase());
  return system.recipients.filter((text) => {
    if (system.connector !== 'manual' && /\(processor/i.test(text)) return false;
    const lower = text.toLowerCase();
    return !contacts.some((contact) => contact === recipientName(text).toLowerCase() || lower.includes(contact));
  });
}
