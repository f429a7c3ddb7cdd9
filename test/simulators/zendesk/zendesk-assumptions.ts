/**
 * Everything the Zendesk simulator does that the public docs leave open, in one place.
 * Each item is (unverified): it is our best reading, not a confirmed behaviour of the real API.
 * The connector's README lists the same points.
 */

/** (unverified) Exact 422 body when a user who is requester on a not-closed ticket is deleted;
 *  the docs only say "RecordInvalid". The description names the user, so connectors must not
 *  copy it into logs or outcomes. */
export function openTicketsDeleteError(userName: string, openTicketCount: number) {
  return {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: {
      base: [
        {
          description: `${userName} is the requester on ${openTicketCount} ticket(s) that are not closed and cannot be deleted`,
          error: 'CannotDeleteUserWithOpenTickets',
        },
      ],
    },
  };
}

/** (unverified) Body of a 429. The docs say it is sometimes text/plain; we always send this. */
export const RATE_LIMITED_TEXT_BODY = 'Too Many Requests';

/** Body of the 400 for an offset page beyond page 100 or record 10,000 (Zendesk's limit since
 *  2023/2024, "New limits for offset-based pagination"). The code and title are as Zendesk sends
 *  them (seen in client logs); (unverified) the wording of `detail`. */
export const PAGE_LIMIT_ERROR = {
  errors: [
    {
      code: 'InvalidPaginationDepth',
      title: 'Pagination requests using Offset Pagination are limited to page 100 or up to 10000 records (page * per_page)',
      detail: 'There are limits to the depth of offset pagination. Use cursor pagination to go further.',
    },
  ],
};

/** (unverified) Body of the 400 for `page[size]` above 100 (the docs give the limit, not the error). */
export const PAGE_SIZE_ERROR = {
  error: 'InvalidPaginationParameter',
  description: 'page[size] must be less than or equal to 100',
};

/** (unverified) Body of the OAuth token endpoint for an unknown client or wrong secret (RFC 6749 §5.2 wording). */
export const INVALID_CLIENT_ERROR = {
  error: 'invalid_client',
  error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
};

/** (unverified) A comment redaction whose html_body, without the redact markup, differs from the
 *  stored html_body is refused with this 422 (the docs only say to wrap content in <redact>). */
export const REDACTION_MISMATCH_ERROR = {
  error: 'RecordInvalid',
  description: 'Record validation errors',
  details: { html_body: [{ description: 'html_body does not match the comment', error: 'InvalidValue' }] },
};

/** (unverified) Body of the 422 when an identity's value already belongs to another user. */
export const DUPLICATE_IDENTITY_ERROR = {
  error: 'RecordInvalid',
  description: 'Record validation errors',
  details: { value: [{ description: 'Value is already being used by another user', error: 'DuplicateValue' }] },
};

/** (unverified) Answer of DELETE /deleted_tickets/{id}; the simulator deletes at once and reports a completed job. */
export function ticketPermanentlyDeletedBody(ticketId: number) {
  return { job_status: { id: `delete-ticket-${ticketId}`, status: 'completed', total: 1, progress: 1 } };
}

/*
 * (unverified) An attachment's content_url answers 302 to a temporary link (documented); the
 * simulator's link is on its own host (standing in for *.zdusercontent.com) and refuses a request
 * that carries an Authorization header, as a pre-signed storage URL does. Downloads are not
 * counted against the API rate limit.
 * (unverified) Without the Collaboration add-on the side conversation endpoints answer the
 * generic 403 (FORBIDDEN_ERROR); the lists use offset pages as the reference's examples show.
 */

/** (unverified) A redacted attachment is replaced by an empty file with this name. */
export const REDACTED_ATTACHMENT_NAME = 'redacted.txt';

/*
 * (unverified) Behaviour of soft-deleted users:
 * - users/search leaves them out;
 * - GET /users/{id} still shows them with active:false, and their identities and tickets stay;
 * - a second DELETE /users/{id} answers 404; DELETE /deleted_users/{id} of a user that was not
 *   soft-deleted first answers 404.
 * (unverified) PUT /users/{id} with `phone` replaces the user's primary phone_number identity.
 * (unverified) Bearer tokens from client_credentials have no expiry unless `tokenTtlSeconds` is set.
 * (unverified) GET /users/{id}/compliance_deletion_statuses answers for a permanently deleted user
 * (the docs only say "404 if the user is not in the account"); the simulator lists
 * request_deletion (all), started (support) and, after `complianceCompletionDelayMs`, complete (support).
 * (unverified) /users/search runs on the search index like /search, so with `searchIndexDelayMs`
 * a created or changed user shows there only after the delay; show_many reads users at once.
 */

/** Zendesk's 403 body: the object envelope with a generic message (seen in client issue reports).
 *  It never says which permission is missing. (unverified) that a missing OAuth scope and a
 *  comment redaction without Agent Workspace answer with this same body. */
export const FORBIDDEN_ERROR = {
  error: { title: 'Forbidden', message: 'You do not have access to this page. Please contact the account owner of this help desk for further help.' },
};

/** The name List Deleted Users gives a permanently deleted user (email and phone null). */
export const PERMANENTLY_DELETED_NAME = 'Permanently Deleted User';

/** The OAuth scope a request needs: `users:`/`tickets:` + `read` (GET) or `write`, or the plain
 *  `read`/`write` for other resources. A token with `read`/`write` covers every resource.
 *  (unverified) which resource the deleted-users, redaction, compliance and suspended-ticket
 *  endpoints belong to: the simulator counts them under users and tickets. */
export function scopeNeeded(method: string, path: string): string {
  const access = method === 'GET' ? 'read' : 'write';
  const first = path.split('/')[1] ?? '';
  if (['users', 'deleted_users'].includes(first)) return `users:${access}`;
  if (['tickets', 'deleted_tickets', 'comment_redactions', 'suspended_tickets', 'satisfaction_ratings'].includes(first)) return `tickets:${access}`;
  return access;
}

/** (unverified) The user the API token/OAuth client acts as: the author of private notes it adds. */
export const API_AGENT_ID = 900_000_001;
