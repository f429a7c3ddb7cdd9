import type { SystemEntry } from './data-map.schema';
import { isOnRequest, recipientName } from './recipients.schema';

export { recipientName };

type RecipientsOf = Pick<SystemEntry, 'connector' | 'role' | 'recipients' | 'recipientContacts'>;

/**
 * The recipients of a system that no `recipientContacts` entry covers, so an Art 19 notice
 * cannot be e-mailed to them: staff tell them by other means. Not listed:
 *  - a public authority that receives data only on request (Art 4(9): not a recipient);
 *  - a processor of a system the engine changes through its own connector ("Zendesk Inc.
 *    (processor)" for connector zendesk): the connector's erasure or change through the
 *    processor's API is what reaches the processor's copy, so it needs no separate notice;
 *  - every recipient of a processor-role system: the request goes to the controller, whose
 *    recipients they are.
 */
export function uncontactedRecipients(system: RecipientsOf): string[] {
  if (system.role === 'processor') return [];
  const contacts = system.recipientContacts.map((contact) => contact.name.trim().toLowerCase());
  return system.recipients.filter((text) => {
    if (isOnRequest(text)) return false;
    if (system.connector !== 'manual' && /\(processor/i.test(text)) return false;
    const lower = text.toLowerCase();
    return !contacts.some((contact) => contact === recipientName(text).toLowerCase() || lower.includes(contact));
  });
}

/**
 * The e-mail contacts of a system that get its Art 19 notices, with the language each wants
 * (Norwegian when not given): every `recipientContacts` entry except an authority that receives data only on
 * request, and none for a processor-role system (its controller tells its own recipients).
 */
export function contactedRecipients(
  system: Pick<SystemEntry, 'role' | 'recipientContacts'> & Partial<Pick<SystemEntry, 'recipientList'>>,
): Array<{ name: string; email: string; language?: 'nb' | 'en' }> {
  if (system.role === 'processor') return [];
  const list = system.recipientList ?? [];
  const entryOf = (name: string) => list.find((recipient) => recipient.name.trim().toLowerCase() === name.trim().toLowerCase());
  return system.recipientContacts
    .filter((contact) => entryOf(contact.name)?.kind !== 'authority-on-request' && !isOnRequest(entryOf(contact.name)?.text ?? ''))
    .map((contact) => {
      const language = entryOf(contact.name)?.language;
      return { name: contact.name, email: contact.email, ...(language ? { language } : {}) };
    });
}
