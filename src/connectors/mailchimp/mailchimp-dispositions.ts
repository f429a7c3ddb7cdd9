import type { Disposition } from '../../common/dispositions/disposition';

/** A Mailchimp member is a contact in one audience. */
export const MEMBER_NOT_FOUND: Disposition = { kind: 'not_held', reason: 'not_found', what: 'contact' };

/** What an export hands over: memberships, their notes and their logged activity; nothing → not found. */
export function exportDispositions(counts: { members: number; notes: number; activity: number }): Disposition[] {
  const list: Disposition[] = [];
  if (counts.members) list.push({ kind: 'disclosed', what: 'contact', count: counts.members });
  if (counts.notes) list.push({ kind: 'disclosed', what: 'note', count: counts.notes });
  if (counts.activity) list.push({ kind: 'disclosed', what: 'marketing-activity', count: counts.activity });
  return list.length ? list : [MEMBER_NOT_FOUND];
}

/**
 * Marketing e-mail stopped in one audience: the audience's own name is what the letter names
 * (shown as written, in either language), so the person reads exactly which lists they left.
 * The member stays in the audience as unsubscribed, so more than a suppression entry is kept.
 */
export function unsubscribedFrom(audience: string): Disposition {
  return { kind: 'suppressed', what: audience, channels: ['email'], minimalEntryOnly: false };
}

/** An archived member is hidden and never sent to, but Mailchimp keeps it whole and restorable. */
export const ARCHIVED_HOW = 'archived in Mailchimp: never sent anything again, but not erased (Mailchimp keeps it and it can be restored)';

export function taggedHow(tag: string): string {
  return `marked with the Mailchimp tag "${tag}", which campaigns and automations exclude`;
}
