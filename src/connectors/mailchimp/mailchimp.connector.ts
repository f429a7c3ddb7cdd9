import { inlineRetrySettings, type InlineRetryOptions } from '../json-api-call';
import { summarised } from '../outcome-summary';
import { MAILCHIMP_OUTCOMES, MAILCHIMP_SUMMARIES } from './mailchimp-summaries';
import {
  notePrevious,
  type Changes,
  type Connector,
  type ExportPart,
  type Match,
  type Outcome,
  type PreviousValues,
  type RestrictScope,
  type RetentionRules,
  type Subject,
  type SystemContext,
} from '../connector';
import { ConnectorAuthError } from '../connector-errors';
import { DispositionTally } from '../disposition-tally';
import { DsrConnector } from '../dsr-connector';
import { recordIdentifiers } from '../record-identifiers';
import { normaliseEmail } from '../../identity/email';
import { MailchimpClient } from './mailchimp-client';
import { apiRoot, checkMailchimpConnection, type MailchimpConnection, parseConnection } from './mailchimp-connection';
import { ARCHIVED_HOW, MEMBER_NOT_FOUND, taggedHow } from './mailchimp-dispositions';
import { exportSubject } from './mailchimp-export';
import { type FoundMember, findMembers, memberName, memberRef, subscriberHash } from './mailchimp-members';
import { unsubscribeEverywhere } from './mailchimp-objection';

export type MailchimpConnectorOptions = InlineRetryOptions;

/**
 * Mailchimp audiences (Marketing API v3). Settings and every call: README.md in this folder.
 * Mailchimp limits concurrency (10 connections per key), not a request rate: a task makes its calls
 * one after another, and 4 tasks at once per worker keep two workers under the cap.
 */
@DsrConnector('mailchimp', { rateLimit: { max: 5, durationMs: 1000 } })
export class MailchimpConnector implements Connector {
  readonly type = 'mailchimp';
  private readonly settings: Required<MailchimpConnectorOptions>;

  constructor(options: MailchimpConnectorOptions = {}) {
    this.settings = inlineRetrySettings(options);
  }

  checkConnection(connection: Record<string, unknown>): string[] {
    return checkMailchimpConnection(connection);
  }

  async find(ctx: SystemContext, subject: Subject): Promise<Match[]> {
    const { client, connection } = this.open(ctx);
    return (await findMembers(client, connection, subject)).map(({ list, hash, member }) => ({
      externalId: memberRef(list.id, hash),
      kind: 'member',
      label: `Mailchimp member of "${list.name}" (${member.status})`,
      holds: recordIdentifiers({ emails: [member.email_address], names: [memberName(member)] }),
    }));
  }

  async export(ctx: SystemContext, subject: Subject): Promise<ExportPart> {
    const { client, connection } = this.open(ctx);
    return exportSubject(client, connection, ctx.systemId, subject);
  }

  async rectify(ctx: SystemContext, subject: Subject, changes: Changes): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const { wanted, unmapped } = toMemberChanges(changes);
    if (Object.keys(wanted).length === 0) return { status: 'manual', ...summarised(MAILCHIMP_OUTCOMES.noFieldMapped(unmapped)) };

    let found = (await findMembers(client, connection, subject)).filter(({ member }) => member.status !== 'archived');
    if (found.length === 0 && wanted.email) {
      // A repeat after the address was changed finds the members only under the new address.
      found = await findMembers(client, connection, { email: wanted.email, onlyRecords: subject.onlyRecords?.map((ref) => movedRef(ref, wanted.email!)) });
      if (found.some(({ member }) => differences(member, wanted).length === 0)) {
        return { status: 'done', ...summarised(MAILCHIMP_OUTCOMES.upToDate(unmapped)), dispositions: [] };
      }
    }
    if (found.length === 0) return { status: 'not_found', ...summarised(MAILCHIMP_SUMMARIES.noMemberToRectify), dispositions: [MEMBER_NOT_FOUND] };

    if (wanted.email) {
      // Mailchimp refuses an address that is already another member of the audience ("Member Exists").
      const taken: string[] = [];
      for (const { list, member } of found) {
        if (normaliseEmail(member.email_address) !== wanted.email && (await client.member(list.id, subscriberHash(wanted.email)))) taken.push(list.name);
      }
      if (taken.length) {
        return { status: 'manual', ...summarised(MAILCHIMP_OUTCOMES.addressTaken(taken)) };
      }
    }

    const previous: PreviousValues = {};
    const corrected = new DispositionTally();
    const updated: string[] = [];
    for (const { list, hash, member } of found) {
      const changed = differences(member, wanted);
      if (changed.length === 0) continue;
      const body: Record<string, unknown> = {};
      if (changed.includes('email')) body.email_address = wanted.email;
      const mergeFields = Object.fromEntries(changed.filter((field) => field !== 'email').map((field) => [MERGE_TAGS[field], wanted[field]]));
      if (Object.keys(mergeFields).length) body.merge_fields = mergeFields;
      await client.updateMember(list.id, hash, body);
      updated.push(list.id);
      for (const field of Object.keys(changes)) {
        const before = currentOf(member, field);
        const after =
          field === 'email' ? wanted.email : field === 'name' ? [wanted.firstName, wanted.lastName].filter(Boolean).join(' ') : wanted[fieldKey(field)];
        if (after === undefined || before === after) continue;
        notePrevious(previous, field, before);
        corrected.corrected('contact', field, before, after);
      }
    }
    return updated.length
      ? {
          status: 'done',
          ...summarised(MAILCHIMP_OUTCOMES.updated(Object.keys(changes), updated.length, unmapped)),
          details: { listIds: updated, previous },
          dispositions: corrected.list(),
        }
      : { status: 'done', ...summarised(MAILCHIMP_OUTCOMES.upToDate(unmapped)), dispositions: [] };
  }

  async erase(ctx: SystemContext, subject: Subject, retention: RetentionRules): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    if (retention.legalHolds.length > 0) {
      return { status: 'manual', ...summarised(MAILCHIMP_OUTCOMES.legalHolds(retention.legalHolds.map((hold) => hold.records))) };
    }
    const found = await findMembers(client, connection, subject);
    if (found.length === 0) return { status: 'not_found', ...summarised(MAILCHIMP_SUMMARIES.noMemberToErase), dispositions: [MEMBER_NOT_FOUND] };
    return connection.erase === 'archive' ? archive(client, found) : deletePermanently(client, found);
  }

  async restrict(ctx: SystemContext, subject: Subject, scope: RestrictScope): Promise<Outcome> {
    const { client, connection } = this.open(ctx);
    const found = await findMembers(client, connection, subject);
    if (scope === 'marketing') return unsubscribeEverywhere(client, found);
    return this.tagRestricted(client, connection, found);
  }

  private async tagRestricted(client: MailchimpClient, connection: MailchimpConnection, found: FoundMember[]): Promise<Outcome> {
    // An archived member cannot be tagged and is never used; it is not part of the restriction.
    const members = found.filter(({ member }) => member.status !== 'archived');
    if (members.length === 0) return { status: 'not_found', ...summarised(MAILCHIMP_SUMMARIES.noMemberToRestrict), dispositions: [MEMBER_NOT_FOUND] };
    const tag = connection.restrictionTag;
    const tagged: string[] = [];
    for (const { list, hash, member } of members) {
      if ((member.tags ?? []).some((existing) => existing.name === tag)) continue;
      await client.setTags(list.id, hash, [{ name: tag, status: 'active' }]);
      tagged.push(list.id);
    }
    return {
      status: 'done',
      ...summarised(
        MAILCHIMP_OUTCOMES.restricted(
          this.settings.now(),
          tag,
          members.map(({ list }) => list.name),
          members.length - tagged.length,
        ),
      ),
      details: { tag, listIds: members.map(({ list }) => list.id), newlyTagged: tagged },
      dispositions: [{ kind: 'restricted', what: 'contact', count: members.length, how: taggedHow(tag) }],
    };
  }

  private open(ctx: SystemContext): { client: MailchimpClient; connection: MailchimpConnection } {
    const connection = parseConnection(ctx.systemId, ctx.connection);
    const apiKey = ctx.secret(connection.apiKeyEnv);
    if (!apiKey) throw new ConnectorAuthError(`Mailchimp API key variable ${connection.apiKeyEnv} is empty`, 401);
    const client = new MailchimpClient({
      apiRoot: apiRoot(connection, apiKey),
      apiKey,
      maxInlineRetryWaitMs: this.settings.maxInlineRetryWaitMs,
      maxInlineRetries: this.settings.maxInlineRetries,
      requestTimeoutMs: this.settings.requestTimeoutMs,
      sleep: this.settings.sleep,
    });
    return { client, connection };
  }
}

/** Permanent deletion: the member, its activity and notes are gone, and the address cannot be imported again. */
async function deletePermanently(client: MailchimpClient, found: FoundMember[]): Promise<Outcome> {
  const deleted: string[] = [];
  for (const { list, hash } of found) if (await client.deleteMemberPermanently(list.id, hash)) deleted.push(list.id);
  return {
    status: 'done',
    ...summarised(MAILCHIMP_OUTCOMES.deleted(deleted.length, found.length - deleted.length)),
    details: { method: 'delete-permanent', deletedFromListIds: deleted },
    // A member gone between the read and the delete was not erased by this request.
    dispositions: deleted.length ? [{ kind: 'erased', what: 'contact', count: deleted.length }] : [MEMBER_NOT_FOUND],
  };
}

/** Archiving (the data map chose it): hidden and never sent to, but kept, so never called erased. */
async function archive(client: MailchimpClient, found: FoundMember[]): Promise<Outcome> {
  const archived: string[] = [];
  for (const { list, hash, member } of found) {
    if (member.status === 'archived' || (await client.archiveMember(list.id, hash))) archived.push(list.id);
  }
  return {
    status: 'done',
    ...summarised(MAILCHIMP_OUTCOMES.archived(archived.length)),
    details: { method: 'archive', archivedInListIds: archived },
    dispositions: archived.length ? [{ kind: 'restricted', what: 'contact', count: archived.length, how: ARCHIVED_HOW }] : [MEMBER_NOT_FOUND],
  };
}

/** Case fields a member holds: the address, and the FNAME/LNAME merge fields every audience has. */
const MERGE_TAGS: Record<string, string> = { firstName: 'FNAME', lastName: 'LNAME' };

interface MemberChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** A full name splits at its last space: the last word is the family name (LNAME), the rest FNAME. */
function toMemberChanges(changes: Changes): { wanted: MemberChanges; unmapped: string[] } {
  const wanted: MemberChanges = {};
  const unmapped: string[] = [];
  for (const [field, raw] of Object.entries(changes)) {
    const value = raw.trim();
    if (field === 'name') {
      const words = value.split(/\s+/).filter(Boolean);
      wanted.firstName = (words.length > 1 ? words.slice(0, -1) : words).join(' ');
      wanted.lastName = words.length > 1 ? words[words.length - 1] : '';
    } else if (field === 'firstName' || field === 'lastName') wanted[field] = value;
    else if (field === 'email') wanted.email = normaliseEmail(value) ?? undefined;
    else unmapped.push(field);
  }
  return { wanted, unmapped };
}

function differences(member: FoundMember['member'], wanted: MemberChanges): Array<keyof MemberChanges> {
  return (Object.keys(wanted) as Array<keyof MemberChanges>).filter((field) => {
    if (field === 'email') return normaliseEmail(member.email_address) !== wanted.email;
    const held = member.merge_fields?.[MERGE_TAGS[field]];
    return (typeof held === 'string' ? held : '') !== wanted[field];
  });
}

function fieldKey(field: string): keyof MemberChanges {
  return field as keyof MemberChanges;
}

/** The member's value of a case field before the change. */
function currentOf(member: FoundMember['member'], field: string): string {
  if (field === 'email') return normaliseEmail(member.email_address) ?? '';
  if (field === 'name') return memberName(member);
  const held = member.merge_fields?.[MERGE_TAGS[field] ?? ''];
  return typeof held === 'string' ? held : '';
}

/** The externalId a membership has once its address changed (the hash follows the address). */
function movedRef(ref: string, email: string): string {
  const listId = ref.split('/')[0];
  return memberRef(listId, subscriberHash(email));
}
