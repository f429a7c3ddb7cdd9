import type { Disposition } from '../../common/dispositions/disposition';
import type { HubSpotClient } from './hubspot-client';
import { stillThereAfterDelete } from './hubspot-dispositions';
import type { HubSpotEmailEvent } from './hubspot-types';

/** One marketing e-mail event as the export shows it: what happened to which message, when, where. */
export interface ExportedEmailEvent {
  recipient: string;
  eventId: string;
  event: string;
  at: string;
  campaignId: string;
  emailSubject: string;
  link: string;
  browser: string;
  location: string;
}

/**
 * Every marketing e-mail event HubSpot logged for these addresses (sent, delivered, opened,
 * clicked, bounced, …). The Email Events API is keyed by recipient address, not by contact.
 */
export async function readEmailEvents(client: HubSpotClient, addresses: Iterable<string>): Promise<ExportedEmailEvent[]> {
  const events: ExportedEmailEvent[] = [];
  for (const address of new Set(addresses)) {
    for (const event of await client.emailEvents(address)) events.push(exported(address, event));
  }
  return events;
}

export interface EmailEventsAfterErasure {
  gone: number;
  remaining: number;
}

/** Which of the events read before the GDPR delete the API still returns afterwards: read back, not assumed
 *  (HubSpot says its purge of a deleted contact's e-mail tracking completes within 30 days). */
export async function emailEventsAfterErasure(client: HubSpotClient, before: ExportedEmailEvent[]): Promise<EmailEventsAfterErasure> {
  if (!before.length) return { gone: 0, remaining: 0 };
  const addresses = before.map((event) => event.recipient);
  const after = new Set((await readEmailEvents(client, addresses)).map((event) => event.eventId));
  const remaining = before.filter((event) => after.has(event.eventId)).length;
  return { gone: before.length - remaining, remaining };
}

/** `erased` for the events read back as gone; `failed` for those HubSpot still returns. */
export function emailEventDispositions({ gone, remaining }: EmailEventsAfterErasure): Disposition[] {
  const list: Disposition[] = [];
  if (gone) list.push({ kind: 'erased', what: 'marketing-activity', count: gone });
  if (remaining)
    list.push(stillThereAfterDelete('marketing-activity', `${remaining} marketing e-mail event(s) were still returned by HubSpot's Email Events API`));
  return list;
}

function exported(address: string, event: HubSpotEmailEvent): ExportedEmailEvent {
  const location = event.location ? [event.location.city, event.location.state, event.location.country].filter(Boolean).join(', ') : '';
  return {
    recipient: address,
    eventId: event.id,
    event: event.type,
    at: new Date(event.created).toISOString(),
    campaignId: event.emailCampaignId === undefined ? '' : String(event.emailCampaignId),
    emailSubject: event.subject ?? '',
    link: event.url ?? '',
    browser: event.browser?.name ?? '',
    location,
  };
}
