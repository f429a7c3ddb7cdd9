import type { ConversationEntry } from '../../replies/conversation.service';
import { fill, type StaffCopy } from './pages/staff-copy';
import { shownInstant, type DateStyle } from './shown-date';

/** The case page's "Conversation": our e-mails to the requester and their replies, oldest first;
 *  a reply from an unknown sender is flagged, each attachment a download or the reason it was not kept. */
export function conversationView(input: { entries: ConversationEntry[]; reference: string; copy: StaffCopy; dates: DateStyle }) {
  const words = input.copy.conversation;
  return input.entries.map((entry) => {
    const common = { iso: entry.at.toISOString(), at: String(shownInstant(entry.at, input.dates)), subject: entry.subject, text: entry.text };
    if (entry.direction === 'out') {
      return { ...common, direction: 'out', who: fill(words.out, { to: entry.to }), state: words.status[entry.status] ?? entry.status };
    }
    return {
      ...common,
      direction: 'in',
      who: fill(words.in, { from: entry.from || '?' }),
      flagged: !entry.senderKnown,
      resumed: entry.resumedClock,
      attachments: entry.attachments.map((note) => ({
        name: note.name,
        size: note.sizeBytes < 1024 ? `${note.sizeBytes} B` : `${Math.round(note.sizeBytes / 1024)} KB`,
        href: note.fileId ? `/staff/cases/${encodeURIComponent(input.reference)}/replies/files/${note.fileId}` : null,
        note: note.skipped ? (words.skipped[note.skipped] ?? note.skipped) : note.fileId ? '' : words.deleted,
      })),
    };
  });
}
