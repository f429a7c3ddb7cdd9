/** The vocabulary of a case (request types, channels, statuses, languages). Arrays drive validation, OpenAPI and the DB checks. */
export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'objection', 'restriction', 'portability'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const CHANNELS = ['web', 'email', 'phone', 'letter', 'chat', 'api', 'sms', 'in_person'] as const;
export type Channel = (typeof CHANNELS)[number];

/** `merged`: closed because a handler merged it, as a duplicate, into another open case of the same
 *  person (`merged_into_id`); that case answers for both. */
export const CASE_STATUSES = ['awaiting_verification', 'in_progress', 'awaiting_review', 'completed', 'rejected', 'withdrawn', 'merged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_STATUSES: readonly CaseStatus[] = ['awaiting_verification', 'in_progress', 'awaiting_review'];
export const CLOSED_STATUSES: readonly CaseStatus[] = ['completed', 'rejected', 'withdrawn', 'merged'];

/** Who put the case in: the public intake (form or public API; the requester confirms by e-mail)
 *  or staff (who check identity themselves, whatever the channel). */
/** Which processing an objection is about (Art 21(2) direct marketing is absolute; 21(1) is weighed). */
export const OBJECTION_PROCESSINGS = ['direct_marketing', 'legitimate_interest'] as const;
export type ObjectionProcessing = (typeof OBJECTION_PROCESSINGS)[number];

/** Which processing an objection case is about, from its details (legitimate interest unless it says direct marketing). */
export function objectionKind(details: Record<string, unknown>): ObjectionProcessing {
  return details.processing === 'direct_marketing' ? 'direct_marketing' : 'legitimate_interest';
}

export const CASE_ORIGINS = ['intake', 'staff'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Why a request is refused (Art 12(4) letters explain them in plain words). */
export const REJECTION_CODES = [
  'identity_not_confirmed',
  'manifestly_unfounded',
  'excessive',
  'exception_applies',
  'not_a_data_subject_request',
  'unverified',
  /** A request on someone else's behalf whose authority staff did not accept. */
  'authority_not_accepted',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];
