/** What an identifier names: a way to find the person in a system. */
export const IDENTIFIER_KINDS = ['email', 'phone', 'customer_number', 'name', 'address', 'system_id'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/**
 * How the engine came to believe an identifier is the requester's:
 * - `proven`: the requester answered a link or code sent to it (or to the contact on file for it);
 * - `from_record`: a record that matched a proven identifier also holds it;
 * - `staff_confirmed`: a staff member checked it (who, when, how and why are kept);
 * - `claimed`: only typed by the requester. Connectors never act on a claimed identifier.
 */
export type IdentifierBasis = 'proven' | 'from_record' | 'staff_confirmed' | 'claimed';

export const ESTABLISHED_BASES: readonly IdentifierBasis[] = ['proven', 'from_record', 'staff_confirmed'];

export function isEstablished(basis: IdentifierBasis): boolean {
  return ESTABLISHED_BASES.includes(basis);
}

/**
 * A record a connector found for the case:
 * - `matched`: it carries an established identifier: the subject's record;
 * - `candidate`: found only through a claimed identifier: "possible match — needs confirmation";
 * - `confirmed`: a staff member confirmed a candidate with a reason;
 * - `rejected`: a staff member said it is not the requester's. Nothing is ever done with it.
 */
export type RecordMatchStatus = 'matched' | 'candidate' | 'confirmed' | 'rejected';

/** Records the connectors may act on for the case. */
export const ACTIONABLE_RECORD_STATUSES: readonly RecordMatchStatus[] = ['matched', 'confirmed'];

export type DiscoveryStatus = 'pending' | 'done' | 'failed';
