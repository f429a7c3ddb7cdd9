import type { ExportPart, Subject } from '../connector';
import type { HubSpotClient } from './hubspot-client';
import type { HubSpotConnection } from './hubspot-connection';
import { actsOnNothing, contactEmails, findContacts, normaliseEmail } from './hubspot-contact-search';
import type { HubSpotContact, HubSpotSubscriptionStatus } from './hubspot-types';
import { exportDispositions } from './hubspot-dispositions';
import { readEmailEvents } from './hubspot-email-events';
import { findFormSubmissions } from './hubspot-form-submissions';
import { type EarlierValue, earlierValues as earlierValuesOf, historyProperties } from './hubspot-property-history';
import { ASSOCIATED_TYPES, ENGAGEMENT_TYPES, type Engagement, findEngagements, idsByType, readRecords, type RelatedRecord } from './hubspot-related-records';

export const EXPORT_ASSOCIATIONS = ['companies', 'deals', 'tickets'];

/** Keeps each GET's query string well under common URL limits when a portal has hundreds of properties. */
const MAX_PROPERTY_LIST_CHARS = 6000;

type Row = Record<string, unknown>;

interface ExportedContact {
  id: string;
  createdAt: string;
  updatedAt: string;
  properties: Record<string, string>;
  associations: Record<string, string[]>;
}

interface ExportedPreferences {
  email: string;
  subscriptions: HubSpotSubscriptionStatus[];
}

interface ExportedSuppression {
  email: string;
  channel: string;
  status: string;
  since: string;
}

/** The subject's HubSpot contacts with every property HubSpot holds, their associations and e-mail
 *  subscription statuses, plus any "unsubscribed from all" entry left for an address without a contact. */
export async function exportSubject(client: HubSpotClient, connection: HubSpotConnection, systemId: string, subject: Subject): Promise<ExportPart> {
  const found = await findContacts(client, connection, subject);
  const labels = await propertyLabels(client, connection);
  const propertyChunks = chunkProperties([...labels.keys()]);

  const contacts: ExportedContact[] = [];
  const earlierValues: EarlierValue[] = [];
  for (const { contact } of found) {
    const full = await readWholeContact(client, contact.id, propertyChunks, historyProperties(connection));
    if (!full) continue;
    contacts.push(full.contact);
    earlierValues.push(...full.earlierValues);
  }

  // What the contacts' timelines and links hold: the engagements (with the other records each is
  // also on, which keep it after an erasure) and the content of the linked companies, deals, tickets.
  const engagements = await findEngagements(
    client,
    contacts.map((contact) => contact.id),
  );
  const engagementContent = await readRecords(client, idsByType(engagements), ENGAGEMENT_TYPES);
  const linked = contacts.flatMap((contact) => Object.entries(contact.associations).flatMap(([type, ids]) => ids.map((id) => ({ type, id }))));
  const associatedRecords = await readRecords(client, idsByType(uniqueRecords(linked)), ASSOCIATED_TYPES);

  const emails = new Set(contacts.flatMap((contact) => contactEmails(asContact(contact))));
  const preferences: ExportedPreferences[] = [];
  for (const email of emails) {
    const statuses = await client.getEmailSubscriptionStatuses(email);
    if (statuses) preferences.push({ email, subscriptions: statuses.subscriptionStatuses });
  }

  const suppressions: ExportedSuppression[] = [];
  const subjectEmail = normaliseEmail(subject.email);
  // An opt-out is kept by address, not on a contact: the subject's own (established) address is
  // read even when no contact holds it, unless the case says there is nothing of theirs here.
  const ownAddressWithoutContact = Boolean(subjectEmail && !emails.has(subjectEmail) && !actsOnNothing(subject));
  if (subjectEmail && ownAddressWithoutContact) {
    const wide = await client.getUnsubscribeAllStatus(subjectEmail, 'EMAIL');
    for (const status of wide.results) {
      suppressions.push({ email: subjectEmail, channel: status.channel, status: status.status, since: status.timestamp });
    }
  }

  // Marketing e-mail events are logged by address, like the opt-outs: the contacts' and the subject's own.
  const emailEvents = connection.emailEvents
    ? await readEmailEvents(client, [...emails, ...(subjectEmail && ownAddressWithoutContact ? [subjectEmail] : [])])
    : [];
  const contactIds = contacts.map((contact) => contact.id);
  const formSubmissions = connection.formSubmissions ? await findFormSubmissions(client, contactIds) : [];

  return {
    systemId,
    data: {
      contacts,
      marketingEmailEvents: emailEvents,
      formSubmissions,
      propertyHistory: earlierValues,
      engagements: engagementContent.map((record) => ({ ...record, alsoOnOtherRecords: alsoOnOf(engagements, record) })),
      associatedRecords,
      communicationPreferences: preferences,
      marketingSuppressions: suppressions,
    },
    tables: {
      ...tables(contacts, preferences, suppressions, labels),
      hubspot_engagements: engagementContent.map((record) => ({
        objectType: record.type,
        objectId: record.id,
        // Said in the export because an erasure cannot remove these from the other records' timelines.
        alsoOnOtherRecords: alsoOnOf(engagements, record).join('; '),
      })),
      hubspot_engagement_properties: propertyRows(engagementContent),
      hubspot_associated_record_properties: propertyRows(associatedRecords),
      hubspot_marketing_email_events: emailEvents.map((event) => ({ ...event })),
      hubspot_form_submissions: formSubmissions.map(({ values, ...submission }) => ({ ...submission, foundInForm: values !== null })),
      hubspot_form_submission_values: formSubmissions.flatMap(({ contactId, conversionId, formId, values }) =>
        (values ?? []).map(({ field, value }) => ({ contactId, formId, conversionId, field, value })),
      ),
      hubspot_property_history: earlierValues.map((entry) => ({ ...entry, label: labels.get(entry.property) ?? entry.property })),
    },
    recordCount:
      contacts.length +
      suppressions.length +
      engagementContent.length +
      associatedRecords.length +
      emailEvents.length +
      formSubmissions.length +
      earlierValues.length,
    dispositions: exportDispositions({
      engagements: countsByWord(engagementContent, ENGAGEMENT_TYPES),
      associatedRecords: associatedRecords.length,
      contacts: contacts.length,
      subscriptionStatuses: preferences.reduce((total, preference) => total + preference.subscriptions.length, 0),
      suppressions: suppressions.length,
      emailEvents: emailEvents.length,
      formSubmissions: formSubmissions.length,
      earlierValues: earlierValues.length,
    }),
  };
}

async function propertyLabels(client: HubSpotClient, connection: HubSpotConnection): Promise<Map<string, string>> {
  if (connection.exportProperties) return new Map(connection.exportProperties.map((name) => [name, name]));
  const definitions = await client.listContactProperties();
  return new Map(definitions.map((definition) => [definition.name, definition.label || definition.name]));
}

/** The contact with every property, its associations and (read with the first part) the earlier values of its personal properties. */
async function readWholeContact(
  client: HubSpotClient,
  id: string,
  chunks: string[][],
  historyOf: string[],
): Promise<{ contact: ExportedContact; earlierValues: EarlierValue[] } | null> {
  let merged: ExportedContact | null = null;
  let earlier: EarlierValue[] = [];
  for (const [index, properties] of chunks.entries()) {
    const part = await client.getContact(id, properties, index === 0 ? EXPORT_ASSOCIATIONS : [], index === 0 ? historyOf : []);
    if (!part) return null;
    if (index === 0) earlier = earlierValuesOf(part.id, part.propertiesWithHistory ?? {});
    merged ??= {
      id: part.id,
      createdAt: part.createdAt,
      updatedAt: part.updatedAt,
      properties: {},
      associations: Object.fromEntries(Object.entries(part.associations ?? {}).map(([type, list]) => [type, list.results.map((item) => item.id)])),
    };
    for (const [name, value] of Object.entries(part.properties)) {
      if (value !== null && value !== '') merged.properties[name] = value;
    }
  }
  return merged && { contact: merged, earlierValues: earlier };
}

function chunkProperties(names: string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    if (current.length > 0 && length + name.length + 1 > MAX_PROPERTY_LIST_CHARS) {
      chunks.push(current);
      current = [];
      length = 0;
    }
    current.push(name);
    length += name.length + 1;
  }
  chunks.push(current);
  return chunks;
}

function uniqueRecords(items: Array<{ type: string; id: string }>): Array<{ type: string; id: string }> {
  const seen = new Set<string>();
  return items.filter(({ type, id }) => !seen.has(`${type} ${id}`) && Boolean(seen.add(`${type} ${id}`)));
}

function alsoOnOf(engagements: Engagement[], record: RelatedRecord): string[] {
  return engagements.find((engagement) => engagement.type === record.type && engagement.id === record.id)?.alsoOn ?? [];
}

function propertyRows(records: RelatedRecord[]): Row[] {
  return records.flatMap((record) =>
    Object.entries(record.properties).map(([property, value]) => ({ objectType: record.type, objectId: record.id, property, value })),
  );
}

/** Records per letter word ("note" → 2), in the order of the types. */
function countsByWord(records: RelatedRecord[], types: Record<string, { what: string }>): Array<{ what: string; count: number }> {
  return Object.entries(types)
    .map(([type, spec]) => ({ what: spec.what, count: records.filter((record) => record.type === type).length }))
    .filter(({ count }) => count > 0);
}

function asContact(contact: ExportedContact): HubSpotContact {
  return { id: contact.id, createdAt: contact.createdAt, updatedAt: contact.updatedAt, archived: false, properties: contact.properties };
}

function tables(
  contacts: ExportedContact[],
  preferences: ExportedPreferences[],
  suppressions: ExportedSuppression[],
  labels: Map<string, string>,
): Record<string, Row[]> {
  return {
    hubspot_contacts: contacts.map((contact) => ({ contactId: contact.id, createdAt: contact.createdAt, updatedAt: contact.updatedAt })),
    hubspot_contact_properties: contacts.flatMap((contact) =>
      Object.entries(contact.properties).map(([property, value]) => ({
        contactId: contact.id,
        property,
        label: labels.get(property) ?? property,
        value,
      })),
    ),
    hubspot_contact_associations: contacts.flatMap((contact) =>
      Object.entries(contact.associations).flatMap(([objectType, ids]) => ids.map((objectId) => ({ contactId: contact.id, objectType, objectId }))),
    ),
    hubspot_email_subscriptions: preferences.flatMap(({ email, subscriptions }) =>
      subscriptions.map((subscription) => ({
        email,
        subscriptionId: subscription.id,
        subscription: subscription.name,
        status: subscription.status,
        source: subscription.sourceOfStatus,
        legalBasis: subscription.legalBasis ?? '',
        legalBasisExplanation: subscription.legalBasisExplanation ?? '',
      })),
    ),
    hubspot_marketing_suppressions: suppressions.map((suppression) => ({ ...suppression })),
  };
}
