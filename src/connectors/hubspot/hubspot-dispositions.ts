import type { Channel, Disposition } from '../../common/dispositions/disposition';
import type { HubSpotChannel } from './hubspot-types';

/** HubSpot channels as the letters name them. */
const CHANNEL_WORDS: Partial<Record<HubSpotChannel, Channel>> = { EMAIL: 'email', SMS: 'sms', WHATSAPP: 'whatsapp' };

export const CONTACT_NOT_FOUND: Disposition = { kind: 'not_held', reason: 'not_found', what: 'contact' };

/**
 * What an export hands over: the contacts (every property, with the ids of the companies, deals
 * and tickets they are linked to), the engagements on their timelines (notes, e-mails, calls,
 * meetings, tasks), the content of the linked companies, deals and tickets, and the e-mail subscription statuses and opt-outs HubSpot keeps
 * by address, the marketing e-mail events of their addresses (sent, opened, clicked…), their form
 * submissions and the earlier values of their personal properties. Nothing at all → searched, not found.
 */
export function exportDispositions(counts: {
  contacts: number;
  subscriptionStatuses: number;
  suppressions: number;
  engagements?: Array<{ what: string; count: number }>;
  associatedRecords?: number;
  emailEvents?: number;
  formSubmissions?: number;
  earlierValues?: number;
}): Disposition[] {
  const list: Disposition[] = [];
  if (counts.contacts) list.push({ kind: 'disclosed', what: 'contact', count: counts.contacts });
  for (const { what, count } of counts.engagements ?? []) list.push({ kind: 'disclosed', what, count });
  if (counts.associatedRecords) list.push({ kind: 'disclosed', what: 'record', count: counts.associatedRecords });
  const subscriptions = counts.subscriptionStatuses + counts.suppressions;
  if (subscriptions) list.push({ kind: 'disclosed', what: 'marketing-subscription', count: subscriptions });
  if (counts.emailEvents) list.push({ kind: 'disclosed', what: 'marketing-activity', count: counts.emailEvents });
  if (counts.formSubmissions) list.push({ kind: 'disclosed', what: 'form-submission', count: counts.formSubmissions });
  if (counts.earlierValues) list.push({ kind: 'disclosed', what: 'earlier-value', count: counts.earlierValues });
  return list.length ? list : [{ kind: 'not_held', reason: 'not_found' }];
}

/**
 * An objection to direct marketing: marketing suppressed on exactly the channels HubSpot opted out,
 * and phone or post where every matched contact carries the do-not-call or do-not-mail flag.
 * The contact itself stays in the CRM, so more than a suppression entry is kept
 * (`minimalEntryOnly: false`); no contact found is said as such, beside an opt-out kept by address.
 */
export function objectionDispositions(optedOut: Iterable<HubSpotChannel>, contactsFound: number, flagged: Channel[] = []): Disposition[] {
  const channels = [...new Set([...[...optedOut].map((channel) => CHANNEL_WORDS[channel]).filter((channel): channel is Channel => !!channel), ...flagged])];
  const list: Disposition[] = contactsFound ? [] : [CONTACT_NOT_FOUND];
  if (channels.length) list.push({ kind: 'suppressed', what: 'marketing-subscription', channels, minimalEntryOnly: false });
  return list;
}

/** How a processing restriction is carried out, in plain words. */
export function restrictionHow(property: string): string {
  return `marked with the HubSpot property "${property}" set to true`;
}

/** Something HubSpot still returned right after a GDPR delete: not erased (yet), said as such.
 *  `what` is the record word, `description` says how many and where, never whose. */
export function stillThereAfterDelete(what: string, description: string): Disposition {
  return {
    kind: 'failed',
    what,
    reason: `${description} right after the GDPR delete; HubSpot says its purge completes within 30 days: check again and follow up with HubSpot if they stay`,
  };
}
