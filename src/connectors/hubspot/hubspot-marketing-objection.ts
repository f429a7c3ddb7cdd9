import type { Channel } from '../../common/dispositions/disposition';
import { toE164 } from '../../identity/phone';
import type { Outcome, Subject } from '../connector';
import type { HubSpotClient } from './hubspot-client';
import type { HubSpotConnection } from './hubspot-connection';
import { actsOnNothing, contactEmails, contactPhones, type FoundContact, normaliseEmail } from './hubspot-contact-search';
import type { HubSpotChannel, HubSpotV4ActionResponse } from './hubspot-types';
import { CONTACT_NOT_FOUND, objectionDispositions } from './hubspot-dispositions';
import { applyObjectionLists } from './hubspot-objection-lists';
import { summarised } from '../outcome-summary';
import { HUBSPOT_OUTCOMES, HUBSPOT_SUMMARIES } from './hubspot-summaries';

/**
 * Objection to direct marketing is absolute (Art 21(3)): every address the subject or their contacts
 * have is unsubscribed from everything on every configured channel. It works without a contact record:
 * HubSpot keeps the opt-out keyed by the address, and that suppression entry is what stops marketing.
 */
export async function stopMarketing(
  client: HubSpotClient,
  connection: HubSpotConnection,
  subject: Subject,
  found: FoundContact[],
  now: () => Date,
): Promise<Outcome> {
  if (actsOnNothing(subject)) {
    return { status: 'not_found', ...summarised(HUBSPOT_SUMMARIES.noRecordToUnsubscribe), dispositions: [CONTACT_NOT_FOUND] };
  }
  // The subject's own address and phone are established identifiers: their opt-out is kept by
  // address, so it is set even without a contact. Other addresses come only from listed contacts.
  const emails = unique([normaliseEmail(subject.email), ...found.flatMap(({ contact }) => contactEmails(contact))]);
  const phoneChannels = connection.channels.filter((channel) => channel !== 'EMAIL');
  // Phone subscribers are numbers in E.164, however the contact's field was typed; text that is
  // not a valid number cannot receive SMS and is left out.
  const phones = phoneChannels.length
    ? unique([
        toE164(subject.phone, connection.defaultRegion) ?? undefined,
        ...found.flatMap(({ contact }) => contactPhones(contact).map((phone) => toE164(phone, connection.defaultRegion) ?? undefined)),
      ])
    : [];
  const flags = flagProperties(connection);
  if (emails.length === 0 && phones.length === 0 && (found.length === 0 || flags.length === 0)) {
    return {
      status: 'not_found',
      ...summarised(HUBSPOT_SUMMARIES.noAddressToUnsubscribe),
      dispositions: [CONTACT_NOT_FOUND],
    };
  }

  const unsubscribedFrom = new Set<string>();
  /** Channels HubSpot opted out for every marketing message (what the letter may name). */
  const optedOut = new Set<HubSpotChannel>();
  const timestamps: string[] = [];
  for (const email of emails) {
    for (const subscriptionId of await subscribedIds(client, connection, email)) {
      await client.unsubscribe({
        emailAddress: email,
        subscriptionId,
        legalBasis: connection.unsubscribeLegalBasis,
        legalBasisExplanation: connection.unsubscribeLegalBasisExplanation,
      });
      unsubscribedFrom.add(subscriptionId);
    }
    if (connection.channels.includes('EMAIL')) {
      timestamps.push(...stamps(await client.unsubscribeAll(email, 'EMAIL')));
      optedOut.add('EMAIL');
    }
  }
  for (const phone of phones) {
    for (const channel of phoneChannels) {
      timestamps.push(...stamps(await client.unsubscribeAll(phone, channel)));
      optedOut.add(channel);
    }
  }

  // Calls and post are not HubSpot subscriptions: the contact carries the flag the company's call
  // and mail lists exclude. Claimed only when every matched contact carries it.
  const flagged: Channel[] = [];
  const newlyFlagged: string[] = [];
  for (const { channel, property } of flags) {
    for (const { contact } of found) {
      if (contact.properties[property] === 'true') continue;
      await client.updateContact(contact.id, { [property]: 'true' });
      newlyFlagged.push(`${contact.id}:${property}`);
    }
    if (found.length) flagged.push(channel);
  }

  const lists = await applyObjectionLists(
    client,
    connection,
    found.map(({ contact }) => contact.id),
  );

  const since = earliest(timestamps) ?? now().toISOString();
  const channels = [...connection.channels, ...flags.map(({ property }) => property)].join(', ');
  return {
    status: 'done',
    ...summarised(
      HUBSPOT_OUTCOMES.marketingStopped({
        since,
        emails: emails.length,
        phones: phones.length,
        channels,
        contacts: found.length,
        flags: flagged.length ? flags.map(({ property }) => property) : [],
        addedTo: lists.addedTo,
        removedFrom: lists.removedFrom,
        allFlagged: flags.length >= 2,
      }),
    ),
    details: {
      since,
      channels: connection.channels,
      emailAddresses: emails.length,
      phoneNumbers: phones.length,
      contactIds: found.map(({ contact }) => contact.id),
      subscriptionsUnsubscribed: [...unsubscribedFrom],
      flagsSet: newlyFlagged,
      listsAddedTo: lists.addedTo,
      listsRemovedFrom: lists.removedFrom,
      listMembershipsChanged: lists.changed,
    },
    dispositions: objectionDispositions(optedOut, found.length, flagged),
  };
}

/** The do-not-call / do-not-mail properties the data map names, with the channel each stops. */
function flagProperties(connection: HubSpotConnection): Array<{ channel: Channel; property: string }> {
  const flags: Array<{ channel: Channel; property: string }> = [];
  if (connection.doNotCallProperty) flags.push({ channel: 'phone', property: connection.doNotCallProperty });
  if (connection.doNotMailProperty) flags.push({ channel: 'post', property: connection.doNotMailProperty });
  return flags;
}

/** Configured subscription types the address is still subscribed to; the rest are left alone so a
 *  repeat objection does not re-send unsubscribes HubSpot would refuse. */
async function subscribedIds(client: HubSpotClient, connection: HubSpotConnection, email: string): Promise<string[]> {
  if (connection.subscriptionIds.length === 0) return [];
  const statuses = await client.getEmailSubscriptionStatuses(email);
  const subscribed = new Set((statuses?.subscriptionStatuses ?? []).filter((status) => status.status === 'SUBSCRIBED').map((status) => status.id));
  return connection.subscriptionIds.filter((id) => subscribed.has(id));
}

function stamps(response: HubSpotV4ActionResponse): string[] {
  const fromResults = response.results.map((result) => result.timestamp).filter(Boolean);
  return fromResults.length ? fromResults : [response.completedAt].filter((stamp): stamp is string => Boolean(stamp));
}

function earliest(timestamps: string[]): string | undefined {
  const times = timestamps.map((stamp) => Date.parse(stamp)).filter((time) => !Number.isNaN(time));
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}
