import { normaliseEmail, sameEmail } from '../../identity/email';
import { phoneSpellings, samePhone, toE164 } from '../../identity/phone';
import type { RecordIdentifiers, Subject } from '../connector';
import { inScope, recordIdentifiers } from '../record-identifiers';
import type { ZendeskClient } from './zendesk-client';
import { isNotFound } from './zendesk-errors';
import type { ZendeskIdentity, ZendeskUser } from './zendesk-types';

export interface MatchedUser {
  user: ZendeskUser;
  identities: ZendeskIdentity[];
}

/** The user's own identifiers: every e-mail and phone identity, the profile's phone and name. */
export function heldBy({ user, identities }: MatchedUser): RecordIdentifiers {
  return recordIdentifiers({
    emails: [user.email, ...identities.filter((identity) => identity.type === 'email').map((identity) => identity.value)],
    phones: [user.phone, ...identities.filter((identity) => identity.type === 'phone_number').map((identity) => identity.value)],
    names: [user.name],
  });
}

/**
 * Search terms for the subject: the e-mail, and the phone written as E.164 and as people at home
 * write it (Zendesk keeps the number as typed; whether its search normalises is not documented).
 * A phone that is not a valid number, and a name, are never searched.
 */
function searchQueries(subject: Subject): string[] {
  const queries: string[] = [];
  const email = normaliseEmail(subject.email);
  if (email) queries.push(`email:${email}`);
  const e164 = toE164(subject.phone);
  if (e164) {
    const domestic = phoneSpellings(e164)
      .filter((spelling) => !/^(\+|00)/.test(spelling))
      .slice(0, 2);
    for (const spelling of [e164, ...domestic]) queries.push(`phone:"${spelling}"`);
  }
  return queries;
}

/** An identity that is exactly one of the subject's: the same address ignoring case, the same
 *  number in E.164 ("+47 912 34 567" is "0047 91234567"; a longer number is another number). */
function isSubjects(identity: ZendeskIdentity, subject: Subject): boolean {
  if (identity.type === 'email') return sameEmail(identity.value, subject.email);
  if (identity.type === 'phone_number') return samePhone(identity.value, subject.phone);
  return false;
}

/**
 * The subject's Zendesk users: every user one of the subject's identities finds. This is where
 * the connector decides whose data it touches, so `onlyRecords` is applied here and nowhere else:
 * an unlisted user is dropped before even its identities are read, and so are its tickets.
 * Zendesk's search matches partially (kari@example.no also finds akari@example.no), so every hit
 * is confirmed against its identities.
 */
export async function findUsers(client: ZendeskClient, subject: Subject): Promise<MatchedUser[]> {
  const candidates = new Map<number, ZendeskUser>();
  for (const query of searchQueries(subject)) {
    for (const user of await client.offsetList<ZendeskUser>(`/users/search?query=${encodeURIComponent(query)}`, 'users')) {
      if (!candidates.has(user.id) && inScope(subject, String(user.id))) candidates.set(user.id, user);
    }
  }
  const matches: MatchedUser[] = [];
  for (const user of [...candidates.values()].sort((a, b) => a.id - b.id)) {
    let identities: ZendeskIdentity[];
    try {
      identities = await client.cursorList<ZendeskIdentity>(`/users/${user.id}/identities`, 'identities');
    } catch (error) {
      if (isNotFound(error)) continue; // deleted between search and lookup
      throw error;
    }
    if (identities.some((identity) => isSubjects(identity, subject))) matches.push({ user, identities });
  }
  return matches;
}

/**
 * Users soft-deleted earlier whose primary e-mail or phone is exactly the subject's. Search no
 * longer shows them, so an erasure that stopped between the soft and the permanent delete (a
 * crashed worker, a failed call) is found again here and finished — never reported as "not found"
 * while Zendesk still keeps the user for 30 days. The same `onlyRecords` rule applies.
 */
export async function findSoftDeletedUsers(client: ZendeskClient, subject: Subject): Promise<MatchedUser[]> {
  if (!searchQueries(subject).length) return [];
  const deleted = await client.offsetList<ZendeskUser>('/deleted_users', 'deleted_users');
  return deleted
    .filter((user) => inScope(subject, String(user.id)))
    .filter((user) => sameEmail(user.email, subject.email) || samePhone(user.phone, subject.phone))
    .map((user) => ({ user: { ...user, active: false }, identities: [] }));
}
