import type { Outcome } from '../connector';
import { summarised } from '../outcome-summary';
import { MAILCHIMP_OUTCOMES, MAILCHIMP_SUMMARIES } from './mailchimp-summaries';
import type { Disposition } from '../../common/dispositions/disposition';
import type { MailchimpClient } from './mailchimp-client';
import { MEMBER_NOT_FOUND, unsubscribedFrom } from './mailchimp-dispositions';
import type { FoundMember } from './mailchimp-members';
import type { MailchimpStatus } from './mailchimp-types';

/** What the objection did in one audience; kept on the task row (`details.audiences`). */
export interface AudienceResult {
  listId: string;
  audience: string;
  before: MailchimpStatus;
  result: 'unsubscribed' | 'already unsubscribed' | 'not sent to';
}

/** Statuses Mailchimp may still send marketing (or, for pending, a confirmation that leads to it) to. */
const SENDABLE: readonly MailchimpStatus[] = ['subscribed', 'pending', 'transactional'];

/**
 * Objection to direct marketing is absolute (Art 21(3)): the member is set to `unsubscribed` in
 * every audience that holds the address (`PATCH … {"status":"unsubscribed"}`), and each audience is
 * recorded. An unsubscribed member is what stops Mailchimp sending and keeps a later import from
 * subscribing the address again. Cleaned (bounced) and archived members receive nothing already and
 * are left as they are: no disposition claims anything for them.
 */
export async function unsubscribeEverywhere(client: MailchimpClient, found: FoundMember[]): Promise<Outcome> {
  if (found.length === 0) {
    return { status: 'not_found', ...summarised(MAILCHIMP_SUMMARIES.noMemberToUnsubscribe), dispositions: [MEMBER_NOT_FOUND] };
  }
  const results: AudienceResult[] = [];
  // No count: the audience's name stands alone in the letter ("Nyhetsbrev: e-mail"), once per name.
  const stopped = new Map<string, Disposition>();
  for (const { list, hash, member } of found) {
    const entry = { listId: list.id, audience: list.name, before: member.status };
    if (SENDABLE.includes(member.status)) {
      await client.updateMember(list.id, hash, { status: 'unsubscribed' });
      results.push({ ...entry, result: 'unsubscribed' });
    } else if (member.status === 'unsubscribed') {
      results.push({ ...entry, result: 'already unsubscribed' });
    } else {
      results.push({ ...entry, result: 'not sent to' });
      continue;
    }
    // A repeat (or a retry after a crash) states the same: the member is unsubscribed there now.
    stopped.set(list.name, unsubscribedFrom(list.name));
  }
  const named = (result: AudienceResult['result']) => results.filter((entry) => entry.result === result).map((entry) => entry.audience);
  return {
    status: 'done',
    ...summarised(
      MAILCHIMP_OUTCOMES.unsubscribed({ unsubscribed: named('unsubscribed'), already: named('already unsubscribed'), notSentTo: named('not sent to') }),
    ),
    details: { audiences: results },
    dispositions: [...stopped.values()],
  };
}
