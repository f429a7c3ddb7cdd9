import type { SummaryText } from '../connector';

/** Zendesk outcome summaries staff read on the case page, in each staff language. */
export const ZENDESK_SUMMARIES = {
  noUser: { en: 'No Zendesk user matches the subject exactly', nb: 'Ingen Zendesk-bruker samsvarer nøyaktig med den registrerte' },
  planCorrectsNothing: { en: 'the plan corrects nothing in Zendesk', nb: 'planen retter ingenting i Zendesk' },
} satisfies Record<string, SummaryText>;
