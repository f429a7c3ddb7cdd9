import { createHash } from 'node:crypto';
import { normaliseEmail } from '../../identity/email';
import type { Subject } from '../connector';
import { ConnectorError } from '../connector-errors';
import { inScope } from '../record-identifiers';
import type { MailchimpClient } from './mailchimp-client';
import type { MailchimpConnection } from './mailchimp-connection';
import type { MailchimpList, MailchimpMember } from './mailchimp-types';

/** One membership of the subject: the same address is a separate member in each audience. */
export interface FoundMember {
  list: MailchimpList;
  hash: string;
  member: MailchimpMember;
}

/** Mailchimp's member id in every audience: the MD5 of the lower-cased e-mail address. */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/** A membership's `externalId`: audience and subscriber hash ("<list id>/<hash>"). */
export function memberRef(listId: string, hash: string): string {
  return `${listId}/${hash}`;
}

/** The audiences the connector acts in: the configured ones, or every audience of the account. */
export async function audiences(client: MailchimpClient, connection: MailchimpConnection): Promise<MailchimpList[]> {
  if (!connection.listIds) return client.lists();
  const lists: MailchimpList[] = [];
  for (const listId of connection.listIds) {
    const list = await client.list(listId);
    if (!list) throw new ConnectorError(`Mailchimp has no audience ${listId} (connection.listIds)`, false);
    lists.push({ id: list.id, name: list.name });
  }
  return lists;
}

/**
 * The subject's memberships. Mailchimp is keyed by address, so the search is exact: the subscriber
 * hash of the subject's e-mail read in each audience, and the member's address compared again.
 * Permanently deleted members answer 404 and are not found; archived ones are (Mailchimp still holds
 * them). `onlyRecords` is applied here and nowhere else, so every action starts from this list.
 */
export async function findMembers(client: MailchimpClient, connection: MailchimpConnection, subject: Subject): Promise<FoundMember[]> {
  if (subject.onlyRecords !== undefined && subject.onlyRecords.length === 0) return [];
  const email = normaliseEmail(subject.email);
  if (!email) throw new ConnectorError('Mailchimp members can only be found by e-mail address; the subject has none', false);
  const hash = subscriberHash(email);
  const found: FoundMember[] = [];
  for (const list of await audiences(client, connection)) {
    if (!inScope(subject, memberRef(list.id, hash))) continue;
    const member = await client.member(list.id, hash);
    if (member && normaliseEmail(member.email_address) === email) found.push({ list, hash, member });
  }
  return found;
}

/** The member's name as its FNAME and LNAME merge fields hold it. */
export function memberName(member: MailchimpMember): string {
  return [member.merge_fields?.FNAME, member.merge_fields?.LNAME]
    .map((part) => (typeof part === 'string' ? part.trim() : ''))
    .filter(Boolean)
    .join(' ');
}
