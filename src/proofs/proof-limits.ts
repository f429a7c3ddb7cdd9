/** How long a proof code works. */
export const PROOF_CODE_TTL_MINUTES = 15;
/** Wrong entries a code survives; then it is void. */
export const MAX_WRONG_ENTRIES_PER_CODE = 5;
/** Code requests per claimed identifier of one case (ever). */
export const MAX_REQUESTS_PER_IDENTIFIER = 3;
/** Code requests per case in any 24 hours. */
export const MAX_REQUESTS_PER_CASE_PER_DAY = 10;
/** Codes one address or number receives in any hour, across all cases. */
export const MAX_SENDS_PER_DESTINATION_PER_HOUR = 3;
/** Digits in a code. */
export const PROOF_CODE_DIGITS = 8;
/** The kinds a requester can prove with a code to the contacts on file. */
export const PROVABLE_KINDS = ['phone', 'customer_number', 'email'] as const;
