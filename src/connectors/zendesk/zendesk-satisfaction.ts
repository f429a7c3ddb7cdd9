/**
 * A ticket's satisfaction rating as the ticket shows it (`ticket.satisfaction_rating`): the
 * requester's score and, when they wrote one, their comment; `offered`/`unoffered` when no rating
 * was given, and null where the plan has no CSAT. Read from the tickets the person requested, so
 * the account's whole rating list (admins only) is never scanned.
 */
export interface ZendeskSatisfactionRating {
  id?: number;
  score: string;
  comment?: string | null;
  reason?: string | null;
}

export function isGivenRating(rating: unknown): rating is ZendeskSatisfactionRating {
  if (!rating || typeof rating !== 'object') return false;
  const score = (rating as { score?: unknown }).score;
  return typeof score === 'string' && score !== 'offered' && score !== 'unoffered';
}

/** A written comment that redaction cannot reach (Zendesk has no API to redact a rating). */
export const hasRatingComment = (rating: unknown) => isGivenRating(rating) && !!rating.comment?.trim();

export function ratingRow(ticketId: number, rating: ZendeskSatisfactionRating): Record<string, unknown> {
  return { ticket_id: ticketId, score: rating.score, comment: rating.comment ?? null, reason: rating.reason ?? null };
}
