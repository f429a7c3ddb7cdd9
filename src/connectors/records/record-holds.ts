import type { CaseIdentifierEntity } from '../../identity/case-identifier.entity';
import { sameEmail } from '../../identity/email';
import type { IdentifierKind } from '../../identity/identity-types';
import { samePhone, toE164 } from '../../identity/phone';
import type { Match, RecordIdentifiers, Subject } from '../connector';
import { maskIdentifier } from './masking';

/** Kinds a claimed identifier may be searched by on its own to find candidates (a name or an
 *  address alone names too many people). */
export const CANDIDATE_SEARCH_KINDS: readonly IdentifierKind[] = ['email', 'phone', 'customer_number'];

/** Kinds a record can lend to the case: a claimed one the subject's own record also holds. */
const PROMOTABLE_KINDS: readonly IdentifierKind[] = ['email', 'phone', 'customer_number'];

type Identifier = Pick<CaseIdentifierEntity, 'id' | 'kind' | 'value' | 'given'>;

/** True when the record holds this identifier: e-mail case-insensitively, phone as one E.164
 *  number, customer number exactly, name ignoring case and spacing. */
export function recordHolds(holds: RecordIdentifiers | undefined, identifier: Pick<Identifier, 'kind' | 'value'>): boolean {
  if (!holds) return false;
  switch (identifier.kind) {
    case 'email':
      return (holds.emails ?? []).some((email) => sameEmail(email, identifier.value));
    case 'phone':
      return (holds.phones ?? []).some((phone) => samePhone(phone, identifier.value));
    case 'customer_number':
      return (holds.customerNumbers ?? []).some((number) => number.trim() === identifier.value.trim());
    case 'name':
      return (holds.names ?? []).some((name) => simplified(name) === simplified(identifier.value));
    default:
      return false;
  }
}

/** The claimed identifiers a matched record also holds: they become established `from_record`. */
export function promotable(match: Match, claimed: Identifier[]): string[] {
  return claimed.filter((identifier) => PROMOTABLE_KINDS.includes(identifier.kind) && recordHolds(match.holds, identifier)).map((identifier) => identifier.id);
}

/** What the record holds, masked, for the evidence column. */
export function heldEvidence(holds: RecordIdentifiers | undefined): Array<{ kind: string; value: string }> {
  if (!holds) return [];
  const list: Array<[IdentifierKind, string[] | undefined]> = [
    ['email', holds.emails],
    ['phone', holds.phones],
    ['customer_number', holds.customerNumbers],
    ['name', holds.names],
    ['address', holds.addresses],
  ];
  return list.flatMap(([kind, values]) => unique(values ?? []).map((value) => ({ kind, value: maskIdentifier(kind, value) })));
}

/** What the requester gave (as typed), masked. */
export function givenEvidence(identifiers: Identifier[]): Array<{ kind: string; value: string }> {
  return identifiers.map((identifier) => ({ kind: identifier.kind, value: maskIdentifier(identifier.kind, identifier.given) }));
}

/** The record's own contact details: where a proof code may be sent. Never shown. */
export function contactsOf(holds: RecordIdentifiers | undefined): { emails: string[]; phones: string[] } {
  return {
    emails: unique((holds?.emails ?? []).map((email) => email.trim().toLowerCase()).filter(Boolean)),
    phones: unique((holds?.phones ?? []).map((phone) => toE164(phone)).filter((phone): phone is string => phone !== null)),
  };
}

/** A connector subject from identifiers (the first of each kind); empty when none is searchable. */
export function subjectFrom(identifiers: Array<Pick<Identifier, 'kind' | 'value'>>): Subject {
  const subject: Subject = {};
  for (const identifier of identifiers) {
    if (identifier.kind === 'email' && !subject.email) subject.email = identifier.value;
    if (identifier.kind === 'phone' && !subject.phone) subject.phone = identifier.value;
    if (identifier.kind === 'customer_number' && !subject.customerNumber) subject.customerNumber = identifier.value;
    if (identifier.kind === 'name' && !subject.name) subject.name = identifier.value;
  }
  return subject;
}

export function isEmptySubject(subject: Subject): boolean {
  return !subject.email && !subject.phone && !subject.customerNumber && !subject.name;
}

function simplified(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
