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

/** (unverified) Body of the 400 for a page beyond the offset-pagination limit (100 pages). */
export const PAGE_LIMIT_ERROR = {
  error: 'InvalidPaginationParameter',
  description: 'Offset pagination is limited to the first 100 pages; use cursor pagination',
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
 * (unverified) OAuth scopes are not enforced by the simulator.
 */

/** (unverified) The user the API token/OAuth client acts as: the author of private notes it adds. */
export const API_AGENT_ID = 900_000_001;
