/**
 * Every place where HubSpot's documentation leaves the behaviour open and the simulator had to pick
 * one. Each is marked (unverified); README.md lists them too. Change them here, not in the routes.
 */
export const ASSUMPTIONS = {
  /** (unverified) Search limits: 5 filterGroups, 6 filters per group, 18 filters in total. */
  maxFilterGroups: 5,
  maxFiltersPerGroup: 6,
  maxFiltersTotal: 18,
  /** (unverified) `after` is a numeric offset; a page reaching past 10,000 is refused with 400. */
  searchResultCap: 10_000,
  /** (unverified) Search without `limit` returns 10 results. */
  defaultSearchLimit: 10,
  /** (unverified) Search results are ordered by numeric id, ascending, when no sort is given. */
  searchOrder: 'id-ascending',
  /** (unverified) EQ on string properties ignores case; `email` EQ matches the primary address only
   *  (a community report says real HubSpot also matches hs_additional_emails; the simulator does not,
   *  so the connector must ask for secondary addresses explicitly). */
  eqIgnoresCase: true,
  /** (unverified) IN on a string property (e.g. phone) matches a stored value equal to one of `values`, like EQ. */
  inComparesLikeEq: true,
  emailEqMatchesSecondary: false,
  /** (unverified) CONTAINS_TOKEN splits the stored value on ';', ',' and whitespace, compares tokens
   *  ignoring case and supports '*' wildcards. */
  tokenSeparators: /[;,\s]+/,
  /** (unverified) Requested properties that exist but have no value come back as null; unknown names are dropped. */
  unsetPropertyValue: null,
  /** (unverified) A missing or archived contact answers 404 with a HubSpot error body (category OBJECT_NOT_FOUND). */
  notFoundHasBody: true,
  /** (unverified) gdpr-delete by numeric id of an unknown contact answers 404; by email (idProperty=email)
   *  of an unknown address answers 204 and block-lists the address (the latter is documented). */
  gdprDeleteUnknownIdStatus: 404,
  /** (unverified) Archive (DELETE) of an unknown id still answers 204. */
  archiveUnknownIdStatus: 204,
  /** (unverified) Subscription statuses survive a GDPR delete of the contact, keyed by address. */
  subscriptionsSurviveGdprDelete: true,
  /** (unverified) An address without any recorded status reads NOT_SUBSCRIBED / SUBSCRIPTION_STATUS. */
  defaultSubscriptionStatus: 'NOT_SUBSCRIBED',
  /** (unverified) v3 unsubscribe of an address already unsubscribed (or opted out of all) answers 400. */
  unsubscribeTwiceStatus: 400,
  /** (unverified) v4 unsubscribe-all works for addresses without a contact, keeps the first opt-out's
   *  timestamp on repeats, answers every EMAIL subscription as NOT_SUBSCRIBED (no `verbose` needed) and
   *  accepts SMS and WHATSAPP with an empty result list. GET reads the wide status back. */
  unsubscribeAllChannels: ['EMAIL', 'SMS', 'WHATSAPP'],
  /** (unverified) SMS and WHATSAPP subscribers are phone numbers in E.164 ("+4791234567"); anything
   *  else (spaces, a national number) answers 400 VALIDATION_ERROR, as an e-mail channel refuses a non-address. */
  phoneSubscriberPattern: /^\+[1-9]\d{6,14}$/,
  /** (unverified) A wrong or missing token gets the same 401 body (category INVALID_AUTHENTICATION). */
  authFailureCategory: 'INVALID_AUTHENTICATION',
  /** (unverified) Rejected (401/429) requests do not count against the limits. */
  rejectedRequestsCount: false,
  /** (unverified) Every endpoint, search included, returns the X-HubSpot-RateLimit-* headers and counts
   *  against the 10-second window; search also has its own per-second limit answered with policyName SECONDLY. */
  searchPolicyName: 'SECONDLY',
  /** (unverified) GET /account-info/v3/details needs no particular scope and counts against the limits like any call. */
  accountDetailsCounts: true,
  /** (unverified) Adding to or removing from a DYNAMIC (active) list answers 400; only MANUAL and SNAPSHOT lists take manual changes. */
  dynamicListMembershipStatus: 400,
  /** (unverified) E-mail events come newest first (-1); the docs do not say. */
  emailEventsOrder: -1,
  /** (unverified) The v1 contact profile returns every form submission when formSubmissionMode is not given
   *  (the connector always sends formSubmissionMode=all). */
  profileFormSubmissionMode: 'all',
  /** (unverified) A profile's `form-submissions[].title` is the form's name (`page-title` the page's). */
  profileSubmissionTitleIsFormName: true,
  /** (unverified) A deleted form's submissions are still listed in the contact's profile; its Forms API read answers 404. */
  deletedFormProfileKeepsSubmissions: true,
  /** (unverified) A GDPR delete takes the contact's e-mail events (by its addresses) and form submissions
   *  out of the APIs at once. HubSpot says its purge completes within 30 days; the simulator's
   *  `purgeMarketingAtOnce: false` models the lag, and the connector reads back rather than assumes. */
  gdprDeletePurgesMarketingAtOnce: true,
  /** (unverified) A GDPR delete keeps nothing of the contact's property history (it goes with the record). */
  propertyHistoryGoesWithContact: true,
  /** (unverified) A body that is not JSON answers 400 VALIDATION_ERROR. */
  invalidJsonCategory: 'VALIDATION_ERROR',
} as const;
