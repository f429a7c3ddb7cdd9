/** A reset link works once, for an hour. */
export const RESET_LINK_TTL_MINUTES = 60;
/** Reset e-mails one address can be sent in an hour: enough for a lost first one, too few to flood a mailbox. */
export const RESETS_PER_ADDRESS_PER_HOUR = 3;
