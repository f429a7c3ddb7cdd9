import type { Disposition } from '../../common/dispositions/disposition';
import type { KeepDecision, Outcome, PlanItem, PlanRequest, Subject, SummaryText } from '../connector';
import { joinedTexts, summarised } from '../outcome-summary';
import { DispositionTally } from '../disposition-tally';
import type { ZendeskClient } from './zendesk-client';
import type { ZendeskConnection } from './zendesk-connection';
import { ZendeskEraser } from './zendesk-erasure';
import { isNotFound } from './zendesk-errors';
import { findDeletedUsers, findUsers, type MatchedUser } from './zendesk-subject-lookup';
import type { ZendeskTicket } from './zendesk-types';
import { ZENDESK_OUTCOMES } from './zendesk-summaries';

export const RESTRICTED_TAG = 'dsr-restricted';

/** The tag that ties a kept record to the request, e.g. `dsr-hold-dsr-2026-0001`. */
export function holdTag(reference: string): string {
  return `dsr-hold-${reference.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`;
}

const BASIS_WORDS: Record<KeepDecision['basis'], string> = {
  legal_obligation: 'Art 17(3)(b), a legal obligation',
  legal_claims: 'Art 17(3)(e), legal claims',
  public_interest: 'Art 17(3)(c)/(d), public interest',
  archiving_research: 'Art 17(3)(d), archiving or research',
  freedom_of_expression: 'Art 17(3)(a), freedom of expression',
};

/** The private note agents see on a kept record: why it is kept, for what, until when. */
export function keepNote(reference: string, keep: KeepDecision): string {
  const named = keep.law ?? keep.claim;
  return [
    `GDPR request ${reference}: this ticket is kept despite the erasure, under ${BASIS_WORDS[keep.basis]}${named ? `: ${named}` : ''}.`,
    `Kept ${keep.until ? `until ${keep.until}` : keep.criterion}; use only for: ${keep.allowedUse}.`,
    keep.restrict ? 'Processing is restricted (Art 18): store it only; do not otherwise use it without the data protection team.' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const RESTRICTED_TICKET_HOW = `tagged "${RESTRICTED_TAG}" in Zendesk, with an internal note telling agents to store it only and not otherwise use it`;
const RESTRICTED_USER_HOW = `tagged "${RESTRICTED_TAG}" in Zendesk, with a note telling agents to store it only and not otherwise use it`;
const MINIMAL_USER_HOW = `reduced to the name and e-mail address the kept ticket needs, phone and notes removed, tagged "${RESTRICTED_TAG}" in Zendesk`;

/**
 * Does exactly the approved plan in Zendesk. Tickets first: erased ones are deleted (soft, then
 * permanently: a deleted ticket takes its comments and attachments with it), except closed ones
 * under `closedTickets: redact`, whose comments are redacted as the plain erasure does; kept ones get the
 * request's hold tag, `dsr-restricted` when restricted, and a private note naming the basis, and
 * stay. Then each user: while a kept ticket is theirs, the user stays as a minimal restricted
 * record (Zendesk keeps a ticket's requester); otherwise it is erased as the plain erasure does.
 * Every step is safe to repeat: a ticket already tagged for this request is not noted twice.
 */
export class ZendeskPlanExecutor {
  private readonly tally = new DispositionTally();

  constructor(
    private readonly client: ZendeskClient,
    private readonly connection: ZendeskConnection,
  ) {}

  async execute(subject: Subject, request: PlanRequest, items: PlanItem[]): Promise<Outcome> {
    const tag = holdTag(request.reference);
    const keptBy = new Map<string, KeepDecision>();
    const eraser = new ZendeskEraser(this.client, this.connection);
    let deleted = 0;
    let redacted = 0;
    for (const item of items.filter((candidate) => candidate.recordType === 'ticket')) {
      const id = Number(item.ref.replace(/^ticket:/, ''));
      if (item.action === 'erase') {
        const erased = await eraser.eraseTicket(id);
        deleted += erased.deleted;
        redacted += erased.redactedComments;
      } else if (item.action === 'keep' && item.keep) {
        await this.markTicket(id, [tag, ...(item.keep.restrict ? [RESTRICTED_TAG] : [])], keepNote(request.reference, item.keep));
        this.kept('ticket', item.keep);
        if (item.keep.restrict) this.tally.add({ kind: 'restricted', what: 'ticket', how: RESTRICTED_TICKET_HOW });
        if (item.parent && !keptBy.has(item.parent)) keptBy.set(item.parent, item.keep);
      } else if (item.action === 'restrict') {
        await this.markTicket(
          id,
          [tag, RESTRICTED_TAG],
          `GDPR request ${request.reference}: processing restricted (Art 18). Store only; do not otherwise use it.`,
        );
        this.tally.add({ kind: 'restricted', what: 'ticket', how: RESTRICTED_TICKET_HOW });
      }
    }
    this.tally.add({ kind: 'erased', what: 'ticket' }, deleted);
    this.tally.add({ kind: 'anonymised', what: 'ticket-comment' }, redacted);

    const users = await findUsers(this.client, subject);
    const userItems = items.filter((candidate) => candidate.recordType === 'user');
    if (userItems.some((item) => item.action === 'erase' && !users.some(({ user }) => `user:${user.id}` === item.ref))) {
      // A user soft-deleted by an earlier, interrupted run is still held by Zendesk: find it there and finish it.
      users.push(...(await findDeletedUsers(this.client, subject)).softDeleted.filter(({ user }) => !users.some((known) => known.user.id === user.id)));
    }
    const summary: SummaryText[] = [ZENDESK_OUTCOMES.ticketsWork(deleted, redacted)];
    let failed = false;
    for (const item of userItems) {
      const match = users.find(({ user }) => `user:${user.id}` === item.ref);
      if (!match) continue;
      const keep = keptBy.get(item.ref) ?? (item.action === 'keep' ? item.keep : undefined);
      if (keep) {
        await this.keepMinimal(match, tag);
        this.kept('user', keep);
        this.tally.add({ kind: 'restricted', what: 'user', how: MINIMAL_USER_HOW });
        summary.push(ZENDESK_OUTCOMES.keptMinimal(match.user.id));
      } else if (item.action === 'erase') {
        const outcome = await eraser.eraseAll([match]);
        const done = 'dispositions' in outcome ? (outcome.dispositions ?? []) : [];
        for (const disposition of done) this.tally.add(disposition, (disposition as { count?: number }).count ?? 1);
        summary.push(outcome.summaryText);
        failed = failed || outcome.status === 'failed';
      } else if (item.action === 'restrict') {
        await this.restrictUser(match, tag);
        this.tally.add({ kind: 'restricted', what: 'user', how: RESTRICTED_USER_HOW });
        summary.push(ZENDESK_OUTCOMES.userTagged(match.user.id, RESTRICTED_TAG));
      }
    }
    const dispositions: Disposition[] = this.tally.list();
    if (failed) return { status: 'failed', retryable: false, ...summarised(joinedTexts(summary, '; ')), dispositions };
    return { status: 'done', ...summarised(ZENDESK_OUTCOMES.planExecuted(summary)), details: { deletedTickets: deleted }, dispositions };
  }

  private kept(what: 'ticket' | 'user', keep: KeepDecision): void {
    this.tally.add({
      kind: 'kept',
      what,
      basis: keep.basis,
      ...(keep.law ? { law: keep.law } : {}),
      ...(keep.claim ? { claim: keep.claim } : {}),
      ...(keep.until ? { until: keep.until } : { criterion: keep.criterion }),
      allowedUse: keep.allowedUse,
    });
  }

  /** Tags (Zendesk's add-tags call keeps the ticket's other tags) and one private note. */
  private async markTicket(id: number, tags: string[], note: string): Promise<void> {
    const { ticket } = await this.client.get<{ ticket: ZendeskTicket & { tags?: string[] } }>(`/tickets/${id}`);
    if ((ticket.tags ?? []).includes(tags[0])) return;
    await this.client.put(`/tickets/${id}`, { ticket: { comment: { body: note, public: false } } });
    await this.client.put(`/tickets/${id}/tags`, { tags });
  }

  private async restrictUser({ user }: MatchedUser, tag: string): Promise<void> {
    const tags = user.tags ?? [];
    if (tags.includes(RESTRICTED_TAG)) return;
    const note = 'GDPR: processing restricted (Art 18). Store only; do not otherwise process without the data protection team.';
    await this.client.put(`/users/${user.id}`, { user: { tags: [...tags, RESTRICTED_TAG, tag], notes: [user.notes ?? '', note].filter(Boolean).join('\n') } });
  }

  /** Removes what the kept ticket does not need: phone (profile and identities), notes, details. */
  private async keepMinimal({ user, identities }: MatchedUser, tag: string): Promise<void> {
    for (const identity of identities.filter((candidate) => candidate.type === 'phone_number')) {
      try {
        await this.client.delete(`/users/${user.id}/identities/${identity.id}`);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    const tags = [...new Set([...(user.tags ?? []), RESTRICTED_TAG, tag])];
    const note = 'GDPR: kept only because a ticket of this user is kept under a legal basis; processing restricted (Art 18). Store only.';
    await this.client.put(`/users/${user.id}`, { user: { phone: null, notes: note, details: '', tags } });
  }
}
