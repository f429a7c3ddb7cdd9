import type { Disposition } from '../../common/dispositions/disposition';
import {
  notePrevious,
  type Changes,
  type Connector,
  type ExportPart,
  type Match,
  type Outcome,
  type PlanItem,
  type PlanRequest,
  type PreviousValues,
  type RestrictScope,
  type RetentionRules,
  type Subject,
  type SurveyedRecord,
  type SystemContext,
} from '../connector';
import { surveyZendesk } from './zendesk-plan-survey';
import { ZendeskPlanExecutor } from './zendesk-plan-execute';
import { ZendeskClient } from './zendesk-client';
import { checkZendeskConnection, resolveConnection, type ZendeskConnection } from './zendesk-connection';
import { ZendeskEraser } from './zendesk-erasure';
import { deletionRequested, type ComplianceReport } from './zendesk-compliance-status';
import { isRecordInvalid } from './zendesk-errors';
import { sameEmail } from '../../identity/email';
import { samePhone } from '../../identity/phone';
import { findDeletedUsers, findUsers, heldBy, type MatchedUser } from './zendesk-subject-lookup';
import type { ZendeskIdentity } from './zendesk-types';
import { DsrConnector } from '../dsr-connector';
import { DispositionTally } from '../disposition-tally';
import { restrictionHow } from './zendesk-dispositions';
import { deleteSuspendedTickets, findSuspendedTickets } from './zendesk-suspended-tickets';
import { exportZendesk } from './zendesk-export';
import { summariesJoined, summarised } from '../outcome-summary';
import { ZENDESK_OUTCOMES, ZENDESK_SUMMARIES } from './zendesk-summaries';

export interface ZendeskConnectorOptions {
  /** A 429 whose Retry-After is at most this long is waited out inline (default 5000 ms). */
  maxInlineRetryWaitMs?: number;
  /** How many 429s one request may wait out inline (default 3). */
  maxInlineRetries?: number;
  /** Per-request timeout (default 30000 ms). */
  requestTimeoutMs?: number;
}

/** Zendesk has no marketing or processing flag: a tag marks the user, a line in the notes tells agents why. */
const RESTRICTION_MARKERS: Record<RestrictScope, { tag: string; note: string }> = {
  marketing: { tag: 'gdpr-no-marketing', note: 'GDPR: objected to direct marketing (Art. 21). Do not use for marketing on any channel.' },
  processing: { tag: 'gdpr-restricted', note: 'GDPR: processing restricted (Art. 18). Store only; do not otherwise process without the data protection team.' },
};

const NOT_FOUND: Disposition = { kind: 'not_held', reason: 'not_found' };

const RECTIFIABLE_FIELDS = ['name', 'phone', 'notes', 'email'] as const;

/** The Zendesk Support connector (README.md beside this file). Holds no per-request state. */
@DsrConnector('zendesk', { rateLimit: { max: 20, durationMs: 60_000 } })
export class ZendeskConnector implements Connector {
  readonly type = 'zendesk';
  private readonly settings: Required<ZendeskConnectorOptions>;

  constructor(options: ZendeskConnectorOptions = {}) {
    this.settings = {
      maxInlineRetryWaitMs: options.maxInlineRetryWaitMs ?? 5000,
      maxInlineRetries: options.maxInlineRetries ?? 3,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    };
  }

  checkConnection(connection: Record<string, unknown>): string[] {
    return checkZendeskConnection(connection);
  }

  async find(ctx: SystemContext, subject: Subject): Promise<Match[]> {
    const { client } = this.open(ctx);
    return (await findUsers(client, subject)).map((match) => ({
      externalId: String(match.user.id),
      kind: 'user',
      label: `Zendesk ${match.user.role} #${match.user.id}`,
      holds: heldBy(match),
    }));
  }

  /** The access export (zendesk-export.ts), attachment files included. */
  async export(ctx: SystemContext, subject: Subject): Promise<ExportPart> {
    const { client, connection } = this.open(ctx);
    return exportZendesk(client, ctx.systemId, connection, subject);
  }

  async rectify(ctx: SystemContext, subject: Subject, changes: Changes): Promise<Outcome> {
    const { client } = this.open(ctx);
    let matches = await findUsers(client, subject);
    // A repeated run after the e-mail was corrected finds the person under the new address
    // (the same users only: the case's record list still applies).
    if (!matches.length && changes.email) matches = await findUsers(client, { email: changes.email, onlyRecords: subject.onlyRecords });
    if (!matches.length) return { status: 'not_found', ...summarised(ZENDESK_SUMMARIES.noUser), dispositions: [NOT_FOUND] };

    const unsupported = Object.keys(changes).filter((field) => !(RECTIFIABLE_FIELDS as readonly string[]).includes(field));
    const applied = new Set<string>();
    const previous: PreviousValues = {};
    const corrected = new DispositionTally();
    for (const match of matches) {
      try {
        for (const field of await this.rectifyUser(client, match, subject, changes, previous, corrected)) applied.add(field);
      } catch (error) {
        if (isRecordInvalid(error)) {
          return {
            status: 'failed',
            retryable: false,
            ...summarised(ZENDESK_OUTCOMES.updateRefused(match.user.id, error.code ?? 'RecordInvalid', Object.keys(error.detailCodes))),
            // What an earlier user of the same person already had corrected stays true.
            dispositions: [...corrected.list(), { kind: 'failed', what: 'user', reason: 'Zendesk refused the correction' }],
          };
        }
        throw error;
      }
    }
    const users = matches.map(({ user }) => user.id);
    const done = applied.size ? ZENDESK_OUTCOMES.userUpdated([...applied], users) : ZENDESK_OUTCOMES.userUpToDate(users);
    if (unsupported.length) return { status: 'manual', ...summarised(ZENDESK_OUTCOMES.cannotChange(done, unsupported)) };
    return { status: 'done', ...summarised(done), details: { previous }, dispositions: corrected.list() };
  }

  async erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    const { client } = this.open(ctx);
    if (retention.legalHolds.length) return this.eraseUsers(ctx, subject, retention);
    // Suspended tickets are e-mails held back before they became tickets, often with no user: by address.
    const suspended = await deleteSuspendedTickets(client, await findSuspendedTickets(client, subject));
    const users = await this.eraseUsers(ctx, subject, retention);
    if (!suspended) return users;
    const erasedSuspended: Disposition = { kind: 'erased', what: 'e-mail', count: suspended };
    const note = summarised(ZENDESK_OUTCOMES.suspendedDeleted(suspended));
    if (users.status === 'not_found') return { status: 'done', ...note, details: { suspendedTickets: suspended }, dispositions: [erasedSuspended] };
    const summary = summariesJoined(note, users, '; ');
    if (users.status === 'manual') return { ...users, ...summary };
    return { ...users, ...summary, dispositions: [erasedSuspended, ...(users.dispositions ?? [])] };
  }

  /** The users' part of an erasure: tickets, then soft and permanent delete (zendesk-erasure.ts). */
  private async eraseUsers(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const active = await findUsers(client, subject);
    // A user soft-deleted by an earlier, interrupted run is still held by Zendesk: finish it. One
    // that run already permanently deleted is not deleted again; Zendesk's status is read instead.
    const deleted = active.length ? { softDeleted: [], permanentlyDeleted: [] } : await findDeletedUsers(client, subject);
    const matches = active.length ? active : deleted.softDeleted;
    if (!matches.length && deleted.permanentlyDeleted.length && !retention.legalHolds.length) {
      const outcome = await new ZendeskEraser(client, connection).eraseAll([], deleted.permanentlyDeleted);
      const recorded = outcome.status === 'done' && (outcome.details?.complianceDeletion as ComplianceReport[]).some(deletionRequested);
      if (recorded) return outcome;
    }
    if (!matches.length) {
      return { status: 'not_found', ...summarised(ZENDESK_SUMMARIES.noUserToErase), dispositions: [NOT_FOUND] };
    }
    if (retention.legalHolds.length) {
      // Which tickets carry records under a hold (e.g. correspondence on a booked entry) needs a person.
      const held = retention.legalHolds.map((hold) => hold.records);
      return {
        status: 'manual',
        ...summarised(
          ZENDESK_OUTCOMES.legalHolds(
            held,
            matches.map(({ user }) => user.id),
          ),
        ),
      };
    }
    return new ZendeskEraser(client, connection).eraseAll(matches);
  }

  async restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope): Promise<Outcome> {
    const { client } = this.open(ctx);
    const matches = await findUsers(client, subject);
    if (!matches.length) return { status: 'not_found', ...summarised(ZENDESK_SUMMARIES.noUser), dispositions: [NOT_FOUND] };
    const { tag, note } = RESTRICTION_MARKERS[scope];
    for (const { user } of matches) {
      const tags = user.tags ?? [];
      const notes = user.notes ?? '';
      if (tags.includes(tag) && notes.includes(note)) continue;
      await client.put(`/users/${user.id}`, {
        user: { tags: tags.includes(tag) ? tags : [...tags, tag], notes: notes.includes(note) ? notes : [notes, note].filter(Boolean).join('\n') },
      });
    }
    return {
      status: 'done',
      ...summarised(
        ZENDESK_OUTCOMES.tagged(
          matches.map(({ user }) => user.id),
          tag,
        ),
      ),
      details: { tag, scope, userIds: matches.map(({ user }) => user.id) },
      dispositions: [{ kind: 'restricted', what: 'user', count: matches.length, how: restrictionHow(scope, tag) }],
    };
  }

  /** Each user and every ticket they requested, with a proposal per record (zendesk-plan-survey.ts). */
  async survey(ctx: SystemContext, subject: Subject, request: PlanRequest, retention: RetentionRules): Promise<SurveyedRecord[]> {
    return surveyZendesk(this.open(ctx).client, subject, request, retention);
  }

  /** Exactly the approved plan (zendesk-plan-execute.ts); a rectification is the user's correction. */
  async execute(ctx: SystemContext, subject: Subject, request: PlanRequest, items: PlanItem[]): Promise<Outcome> {
    if (request.action === 'rectify') {
      const user = items.some((item) => item.recordType === 'user' && item.action === 'rectify');
      return user
        ? this.rectify(ctx, subject, request.changes ?? {})
        : { status: 'done', ...summarised(ZENDESK_SUMMARIES.planCorrectsNothing), dispositions: [] };
    }
    // A restriction of the user alone is the plain restriction (the user's tag covers their tickets).
    const tickets = items.filter((item) => item.recordType === 'ticket' && item.action !== 'none');
    if (request.action === 'restrict' && !tickets.length && items.some((item) => item.recordType === 'user' && item.action === 'restrict')) {
      return this.restrict(ctx, subject, 'processing');
    }
    const { client, connection } = this.open(ctx);
    return new ZendeskPlanExecutor(client, connection).execute(subject, request, items);
  }

  private open(ctx: SystemContext): { client: ZendeskClient; connection: ZendeskConnection } {
    const connection = resolveConnection(ctx);
    return { connection, client: new ZendeskClient({ systemId: ctx.systemId, connection, ...this.settings }) };
  }

  /** Applies the supported changes to one user, noting in `previous` what it held before the
   *  change (from the user read); returns the fields it changed. Safe to repeat. */
  private async rectifyUser(
    client: ZendeskClient,
    { user, identities }: MatchedUser,
    subject: Subject,
    changes: Changes,
    previous: PreviousValues,
    corrected: DispositionTally,
  ): Promise<string[]> {
    const applied: string[] = [];
    const update: Record<string, string> = {};
    if (changes.name !== undefined && changes.name !== user.name) update.name = changes.name;
    if (changes.phone !== undefined && changes.phone !== (user.phone ?? '') && !samePhone(changes.phone, user.phone)) update.phone = changes.phone;
    if (changes.notes !== undefined && changes.notes !== (user.notes ?? '')) update.notes = changes.notes;
    if (Object.keys(update).length) {
      await client.put(`/users/${user.id}`, { user: update });
      applied.push(...Object.keys(update));
      for (const field of Object.keys(update) as Array<'name' | 'phone' | 'notes'>) {
        notePrevious(previous, field, user[field]);
        corrected.corrected('user', field, user[field], update[field]);
      }
    }
    const primaryBefore = identities.find((candidate) => candidate.type === 'email' && candidate.primary)?.value ?? user.email;
    if (changes.email) {
      const wanted = changes.email.trim();
      let identity = identities.find((candidate) => isEmail(candidate, wanted));
      if (!identity) {
        identity = (await client.post<{ identity: ZendeskIdentity }>(`/users/${user.id}/identities`, { identity: { type: 'email', value: wanted } })).identity;
        applied.push('email');
      }
      if (!identity.primary) {
        await client.put(`/users/${user.id}/identities/${identity.id}/make_primary`, {});
        if (!applied.includes('email')) applied.push('email');
      }
      // The corrected address replaces the wrong one; it is not kept as a second identity.
      const old = subject.email ? identities.find((candidate) => isEmail(candidate, subject.email!) && !isEmail(candidate, wanted)) : undefined;
      if (old) {
        await client.delete(`/users/${user.id}/identities/${old.id}`);
        if (!applied.includes('email')) applied.push('email');
      }
      if (applied.includes('email')) {
        notePrevious(previous, 'email', primaryBefore);
        // Making an address the user already had primary again is no change of its value.
        if (!sameEmail(primaryBefore ?? '', wanted)) corrected.corrected('user', 'email', primaryBefore, wanted);
      }
    }
    return applied;
  }
}

function isEmail(identity: ZendeskIdentity, email: string): boolean {
  return identity.type === 'email' && sameEmail(identity.value, email);
}
