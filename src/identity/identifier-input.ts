import { normaliseEmail } from './email';
import type { IdentifierKind } from './identity-types';
import { toE164 } from './phone';

/** An identifier as typed, before it is stored. */
export interface GivenIdentifier {
  kind: IdentifierKind;
  given: string;
  systemId?: string;
}

/** The stored form of a typed identifier: its comparable value, and whether it may be searched. */
export function normalise(identifier: GivenIdentifier): { value: string; searchable: boolean } | null {
  const given = identifier.given.trim();
  if (!given) return null;
  switch (identifier.kind) {
    case 'email': {
      const email = normaliseEmail(given);
      return email ? { value: email, searchable: true } : null;
    }
    case 'phone': {
      // A number that does not parse is kept as the text typed, never searched as a number.
      const e164 = toE164(given);
      return e164 ? { value: e164, searchable: true } : { value: given, searchable: false };
    }
    case 'name':
    case 'address':
      return { value: given.replace(/\s+/g, ' '), searchable: true };
    default:
      return { value: given, searchable: true };
  }
}

/** The identifiers on a newly registered case's subject fields. */
export function identifiersOfSubject(subject: {
  email?: string | null;
  phone?: string | null;
  customerNumber?: string | null;
  name?: string | null;
  address?: string | null;
}): GivenIdentifier[] {
  const given: GivenIdentifier[] = [];
  if (subject.email) given.push({ kind: 'email', given: subject.email });
  if (subject.phone) given.push({ kind: 'phone', given: subject.phone });
  if (subject.customerNumber) given.push({ kind: 'customer_number', given: subject.customerNumber });
  if (subject.name) given.push({ kind: 'name', given: subject.name });
  if (subject.address) given.push({ kind: 'address', given: subject.address });
  return given;
}
