/**
 * Behaviour of the Mailchimp Marketing API that its reference leaves open, in one place (the
 * connector's README lists the same points as unverified). Everything else the simulator does
 * follows the documented API.
 */
export const ASSUMPTIONS = {
  /** The `type` every problem body carries (Mailchimp links its error glossary). */
  problemType: 'https://mailchimp.com/developer/marketing/docs/errors/',
  /** Over the 10-connection cap: 429 with this problem, and no Retry-After or rate-limit headers. */
  tooManyRequestsDetail: 'You have exceeded the limit of 10 simultaneous connections.',
  /** A member read after archiving answers 200 with status "archived"; archiving it again answers 404. */
  archivedMemberReadable: true,
  /** `count` above 1000 is refused with 400 Invalid Resource rather than silently capped. */
  refusesCountAbove: 1000,
  /** The JSON-parse problem's title. */
  invalidJsonTitle: 'JSON Parse Exception',
} as const;
