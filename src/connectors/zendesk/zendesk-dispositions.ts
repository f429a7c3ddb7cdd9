import type { Disposition } from '../../common/dispositions/disposition';
import type { RestrictScope } from '../connector';
import { DispositionTally } from '../disposition-tally';

/** What an export hands over, per record type. A user's e-mail and phone identities are part of
 *  the user's profile, not records of their own; satisfaction ratings are part of their ticket;
 *  suspended tickets are e-mails that never became tickets; `attachments` counts the files in the
 *  package (one left out is listed in the export, never claimed). Nothing at all → searched, not found. */
export function exportDispositions(counts: {
  users: number;
  tickets: number;
  comments: number;
  suspended?: number;
  attachments?: number;
  sideConversations?: number;
}): Disposition[] {
  if (!counts.users && !counts.suspended) return [{ kind: 'not_held', reason: 'not_found' }];
  return new DispositionTally()
    .add({ kind: 'disclosed', what: 'user' }, counts.users)
    .add({ kind: 'disclosed', what: 'ticket' }, counts.tickets)
    .add({ kind: 'disclosed', what: 'ticket-comment' }, counts.comments)
    .add({ kind: 'disclosed', what: 'attachment' }, counts.attachments ?? 0)
    .add({ kind: 'disclosed', what: 'side-conversation' }, counts.sideConversations ?? 0)
    .add({ kind: 'disclosed', what: 'e-mail' }, counts.suspended ?? 0)
    .list();
}

/** How a restriction is carried out in Zendesk, in plain words for the person (the tag is what agents and triggers see). */
export function restrictionHow(scope: RestrictScope, tag: string): string {
  return scope === 'marketing'
    ? `tagged "${tag}" in Zendesk, with a note telling agents not to use it for marketing`
    : `tagged "${tag}" in Zendesk, with a note telling agents to store it only and not otherwise use it`;
}
