/**
 * Personal data Zendesk may hold that this connector does not read. Each export lists them (table
 * `not_searched`), so the answer never implies they were searched and no letter sentence claims
 * them; src/connectors/zendesk/README.md says why each is left out.
 */
export const NOT_SEARCHED: ReadonlyArray<{ data: string; why: string }> = [
  { data: 'attachment contents', why: 'file names, types and sizes are listed with each comment; the files themselves are not downloaded into the answer' },
  { data: 'side conversations', why: 'not read by this connector (they need the Collaboration add-on and their own API)' },
  { data: 'Messaging and Chat transcripts outside ticket comments', why: 'not read by this connector (Sunshine Conversations and Chat have their own APIs)' },
  { data: 'Talk call recordings and voicemails', why: 'not read by this connector' },
  { data: 'Help Center posts, comments and votes', why: 'not read by this connector (Help Center API)' },
];
