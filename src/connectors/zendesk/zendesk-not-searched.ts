/**
 * Personal data Zendesk may hold that this connector does not read. Each export lists them (table
 * `not_searched`), so the answer never implies they were searched and no letter sentence claims
 * them; src/connectors/zendesk/README.md says why each is left out.
 */
export const NOT_SEARCHED: ReadonlyArray<{ data: string; why: string }> = [
  { data: 'Messaging and Chat transcripts outside ticket comments', why: 'not read by this connector (Sunshine Conversations and Chat have their own APIs)' },
  { data: 'Talk call recordings and voicemails', why: 'not read by this connector' },
  { data: 'Help Center posts, comments and votes', why: 'not read by this connector (Help Center API)' },
];

/** Listed as well when the account answered that side conversations cannot be read (no Collaboration add-on, or no permission). */
export const SIDE_CONVERSATIONS_NOT_READ = {
  data: 'side conversations',
  why: 'Zendesk did not let this connector read them (they need the Collaboration add-on and an agent allowed to see them)',
} as const;
