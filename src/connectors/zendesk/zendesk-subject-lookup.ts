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
 *
 * Search is eventually consistent (a user created or changed in the last minutes may be missing
 * from `/users/search`, whose `query` runs on the search index). When the engine already knows
 * the user ids (`onlyRecords`, from an earlier find that staff confirmed), they are read by id
 * with `GET /users/show_many`, which reads the users themselves: a listed user is never missed
 * because the index lags.
 */
export async function findUsers(client: ZendeskClient, subject: Subject): Promise<MatchedUser[]> {
  const candidates = new Map<number, ZendeskUser>();
  if (subject.onlyRecords !== undefined) {
    for (const user of await usersById(client, subject.onlyRecords)) if (user.active !== false) candidates.set(user.id, user);
  } else {
    for (const query of searchQueries(subject)) {
      for (const user of await client.offsetList<ZendeskUser>(`/users/search?query=${encodeURIComponent(query)}`, 'users')) {
        if (!candidates.has(user.id)) candidates.set(user.id, user);
      }
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

/** Show Many Users takes at most 100 ids a call. */
const SHOW_MANY_LIMIT = 100;

/** The listed users, read by id (never through search); ids that are not numbers are no Zendesk user. */
async function usersById(client: ZendeskClient, externalIds: string[]): Promise<ZendeskUser[]> {
  const ids = [...new Set(externalIds.filter((id) => /^\d+$/.test(id)))];
  const users: ZendeskUser[] = [];
  for (let start = 0; start < ids.length; start += SHOW_MANY_LIMIT) {
    const chunk = ids.slice(start, start + SHOW_MANY_LIMIT).join(',');
    users.push(...(await client.get<{ users: ZendeskUser[] }>(`/users/show_many?ids=${chunk}`)).users);
  }
  return users;
}

/** Zendesk's name for a user whose data it has permanently deleted (List Deleted Users). */
export const PERMANENTLY_DELETED_NAME = 'Permanently Deleted User';

export interface DeletedUserLookup {
  /** Soft-deleted users that are the subject's: Zendesk still keeps them; the erasure finishes them. */
  softDeleted: MatchedUser[];
  /** Users already permanently deleted whose entry still carries the subject's address (Zendesk
   *  blanks it some time after the deletion): nothing is left to delete. */
  permanentlyDeleted: number[];
}

/**
 * Deleted users whose primary e-mail or phone is exactly the subject's. Search no longer shows
 * them, so an erasure that stopped between the soft and the permanent delete (a crashed worker, a
 * failed call) is found again here and finished — never reported as "not found" while Zendesk
 * still keeps the user for 30 days. The list holds every *permanently* deleted user too (as
 * "Permanently Deleted User" with no e-mail or phone, or, until Zendesk gets round to blanking
 * it, still with them), and is read with cursor pages: offset pages stop at page 100. Each match
 * is checked with `GET /deleted_users/{id}`, which shows only users not yet permanently deleted,
 * so a permanently deleted one is never deleted again. The same `onlyRecords` rule applies.
 */
export async function findDeletedUsers(client: ZendeskClient, subject: Subject): Promise<DeletedUserLookup> {
  const lookup: DeletedUserLookup = { softDeleted: [], permanentlyDeleted: [] };
  if (!searchQueries(subject).length) return lookup;
  const deleted = await client.cursorList<ZendeskUser>('/deleted_users', 'deleted_users');
  const candidates = deleted
    .filter((user) => user.name !== PERMANENTLY_DELETED_NAME || user.email || user.phone)
    .filter((user) => inScope(subject, String(user.id)))
    .filter((user) => sameEmail(user.email, subject.email) || samePhone(user.phone, subject.phone));
  for (const user of candidates) {
    try {
      const { deleted_user: current } = await client.get<{ deleted_user: ZendeskUser }>(`/deleted_users/${user.id}`);
      lookup.softDeleted.push({ user: { ...user, ...current, active: false }, identities: [] });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      lookup.permanentlyDeleted.push(user.id);
    }
  }
  return lookup;
}
