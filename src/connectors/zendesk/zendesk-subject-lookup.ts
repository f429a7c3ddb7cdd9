import type { Subject } from '../connector';
import type { ZendeskClient } from './zendesk-client';
import { isNotFound } from './zendesk-errors';
import type { ZendeskIdentity, ZendeskUser } from './zendesk-types';

export interface MatchedUser {
  user: ZendeskUser;
  identities: ZendeskIdentity[];
}

/** Digits only, an international "00" read as "+": "+47 912 34 567" and "0047 91234567" compare equal. */
export function normalizePhone(phone: string | undefined): string {
  return (phone ?? '').replace(/\D/g, '').replace(/^00/, '');
}

/** Fewer digits than this could match many people; such a phone number is not used to search. */
const MIN_PHONE_DIGITS = 6;

/**
 * The Zendesk users whose identities match the subject exactly. Zendesk's search matches
 * partially (kari@example.no also finds akari@example.no), so every hit is confirmed
 * against its identities, case-insensitively for e-mail, digit by digit for phone.
 * E-mail is used when given, phone only without e-mail; a name alone identifies no one.
 */
export async function findUsers(client: ZendeskClient, subject: Subject): Promise<MatchedUser[]> {
  const email = subject.email?.trim().toLowerCase();
  const phone = normalizePhone(subject.phone);
  let query: string;
  let exact: (identity: ZendeskIdentity) => boolean;
  if (email) {
    query = `email:${email}`;
    exact = (identity) => identity.type === 'email' && identity.value.trim().toLowerCase() === email;
  } else if (phone.length >= MIN_PHONE_DIGITS) {
    query = `phone:${phone}`;
    exact = (identity) => identity.type === 'phone_number' && normalizePhone(identity.value) === phone;
  } else {
    return [];
  }

  const candidates = await client.offsetList<ZendeskUser>(`/users/search?query=${encodeURIComponent(query)}`, 'users');
  const unique = [...new Map(candidates.map((user) => [user.id, user])).values()];
  const matches: MatchedUser[] = [];
  for (const user of unique) {
    let identities: ZendeskIdentity[];
    try {
      identities = await client.cursorList<ZendeskIdentity>(`/users/${user.id}/identities`, 'identities');
    } catch (error) {
      if (isNotFound(error)) continue; // deleted between search and lookup
      throw error;
    }
    if (identities.some(exact)) matches.push({ user, identities });
  }
  return matches;
}

/**
 * Users soft-deleted earlier whose primary e-mail or phone is exactly the subject's. Search no
 * longer shows them, so an erasure that stopped between the soft and the permanent delete (a
 * crashed worker, a failed call) is found again here and finished — never reported as "not found"
 * while Zendesk still keeps the user for 30 days.
 */
export async function findSoftDeletedUsers(client: ZendeskClient, subject: Subject): Promise<MatchedUser[]> {
  const email = subject.email?.trim().toLowerCase();
  const phone = normalizePhone(subject.phone);
  if (!email && phone.length < MIN_PHONE_DIGITS) return [];
  const deleted = await client.offsetList<ZendeskUser>('/deleted_users', 'deleted_users');
  return deleted
    .filter((user) =>
      email ? (user.email ?? '').trim().toLowerCase() === email : normalizePhone(user.phone ?? undefined) === phone,
    )
    .map((user) => ({ user: { ...user, active: false }, identities: [] }));
}
