import { HubSpotMarketingState } from './hubspot-marketing-state';

/** In-memory portal: contacts, property catalogue, subscriptions, opt-outs and what was deleted. */

export type AssociationType = 'companies' | 'deals' | 'tickets';
export type SubscriptionState = 'SUBSCRIBED' | 'NOT_SUBSCRIBED';
export type Channel = 'EMAIL' | 'SMS' | 'WHATSAPP';

export interface SimulatedContact {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations: Record<AssociationType, string[]>;
  /** Property name → every value it has had, newest first (what `propertiesWithHistory` returns). */
  history: Record<string, PropertyVersion[]>;
}

/** One value a property had, as `propertiesWithHistory` lists it. */
export interface PropertyVersion {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

export interface ContactSeed {
  id?: string;
  properties: Record<string, string>;
  associations?: Partial<Record<AssociationType, string[]>>;
  /** Subscription id → status, recorded for the contact's primary e-mail. */
  subscriptions?: Record<string, SubscriptionState>;
  createdAt?: string;
  /** Earlier values of properties, oldest first, before the seeded (current) one. */
  earlierValues?: Record<string, Array<{ value: string; timestamp: string; sourceType?: string }>>;
}

export interface SubscriptionDefinition {
  id: string;
  name: string;
  description: string;
}

export interface SubscriptionRecord {
  status: SubscriptionState;
  legalBasis?: string;
  legalBasisExplanation?: string;
  timestamp: string;
}

export interface GdprDeletion {
  objectId: string;
  idProperty?: string;
  contactId?: string;
  at: string;
}

export interface SimulatedList {
  listId: string;
  name: string;
  /** "0-1" for contact lists. */
  objectTypeId: string;
  processingType: 'MANUAL' | 'SNAPSHOT' | 'DYNAMIC';
  members: Set<string>;
}

export interface ListSeed {
  listId: string;
  name: string;
  processingType?: SimulatedList['processingType'];
  members?: string[];
}

/** A record other than a contact: an engagement (notes, emails, calls, meetings, tasks) or a company, deal or ticket. */
export interface SimulatedObject {
  type: string;
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  /** Object type → ids of the records it is associated with (contacts included). */
  associations: Record<string, string[]>;
}

export interface ObjectSeed {
  type: string;
  id: string;
  properties?: Record<string, string>;
  associations?: Record<string, string[]>;
}

export const ENGAGEMENT_TYPES = ['notes', 'emails', 'calls', 'meetings', 'tasks'];

export const READ_ONLY_PROPERTIES = ['hs_object_id', 'createdate', 'lastmodifieddate'];
export const DEFAULT_RETURNED_PROPERTIES = ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'];

const STANDARD_PROPERTIES: Array<[string, string]> = [
  ['email', 'Email'],
  ['firstname', 'First Name'],
  ['lastname', 'Last Name'],
  ['phone', 'Phone Number'],
  ['mobilephone', 'Mobile Phone Number'],
  ['hs_additional_emails', 'Additional email addresses'],
  ['company', 'Company Name'],
  ['jobtitle', 'Job Title'],
  ['address', 'Street Address'],
  ['city', 'City'],
  ['zip', 'Postal Code'],
  ['country', 'Country/Region'],
  ['lifecyclestage', 'Lifecycle Stage'],
  ['hs_lead_status', 'Lead Status'],
  ['hs_object_id', 'Record ID'],
  ['createdate', 'Create Date'],
  ['lastmodifieddate', 'Last Modified Date'],
];

export class HubSpotSimulatorState {
  readonly contacts = new Map<string, SimulatedContact>();
  /** Property name → label; PATCH refuses names not listed here, as HubSpot does. */
  readonly propertyLabels = new Map<string, string>(STANDARD_PROPERTIES);
  readonly subscriptionDefinitions: SubscriptionDefinition[];
  /** Lower-cased e-mail → subscription id → status. */
  readonly subscriptions = new Map<string, Map<string, SubscriptionRecord>>();
  /** `${channel}:${subscriber}` → timestamp of the opt-out from everything on that channel. */
  readonly optedOutOfAll = new Map<string, string>();
  readonly gdprDeletions: GdprDeletion[] = [];
  readonly blocklistedEmails = new Set<string>();
  /** Object type → id → record, for everything that is not a contact. */
  readonly objects = new Map<string, Map<string, SimulatedObject>>();
  /** Contact lists by list id. */
  readonly lists = new Map<string, SimulatedList>();
  /** Marketing e-mail events and form submissions. */
  readonly marketing = new HubSpotMarketingState();
  /** False: a GDPR delete leaves the e-mail events and form submissions for a later purge
   *  (HubSpot says the purge completes within 30 days). */
  purgeMarketingAtOnce = true;
  private nextId = 101;

  constructor(definitions: SubscriptionDefinition[], customProperties: string[]) {
    this.subscriptionDefinitions = definitions;
    for (const name of customProperties) this.propertyLabels.set(name, name);
  }

  addContact(seed: ContactSeed): SimulatedContact {
    const id = seed.id ?? String(this.nextId++);
    const createdAt = seed.createdAt ?? new Date().toISOString();
    for (const name of Object.keys(seed.properties)) {
      if (!this.propertyLabels.has(name)) this.propertyLabels.set(name, name);
    }
    const contact: SimulatedContact = {
      id,
      properties: { ...seed.properties, hs_object_id: id, createdate: createdAt, lastmodifieddate: createdAt },
      createdAt,
      updatedAt: createdAt,
      archived: false,
      associations: { companies: [], deals: [], tickets: [], ...seed.associations },
      history: {},
    };
    if (contact.properties.email) contact.properties.email = contact.properties.email.toLowerCase();
    for (const [name, value] of Object.entries(contact.properties)) {
      const earlier = (seed.earlierValues?.[name] ?? []).map((version) => ({ sourceType: 'CRM_UI', ...version }));
      contact.history[name] = [{ value, timestamp: createdAt, sourceType: 'CRM_UI' }, ...earlier.reverse()];
    }
    this.contacts.set(id, contact);
    const email = contact.properties.email;
    for (const [subscriptionId, status] of Object.entries(seed.subscriptions ?? {})) {
      if (email) this.setSubscription(email, subscriptionId, { status, timestamp: createdAt });
    }
    return contact;
  }

  addList(seed: ListSeed): SimulatedList {
    const list: SimulatedList = {
      listId: seed.listId,
      name: seed.name,
      objectTypeId: '0-1',
      processingType: seed.processingType ?? 'MANUAL',
      members: new Set(seed.members ?? []),
    };
    this.lists.set(list.listId, list);
    return list;
  }

  addObject(seed: ObjectSeed): SimulatedObject {
    const object: SimulatedObject = {
      type: seed.type,
      id: seed.id,
      properties: { ...seed.properties, hs_object_id: seed.id },
      createdAt: new Date().toISOString(),
      associations: { ...seed.associations },
    };
    const ofType = this.objects.get(seed.type) ?? new Map<string, SimulatedObject>();
    ofType.set(seed.id, object);
    this.objects.set(seed.type, ofType);
    return object;
  }

  objectExists(type: string, id: string): boolean {
    return type === 'contacts' ? this.contacts.has(id) : Boolean(this.objects.get(type)?.has(id));
  }

  /** Ids `toType` records associated with the record, whichever side the association was seeded on. */
  associatedIds(fromType: string, id: string, toType: string): string[] {
    const ids = new Set<string>();
    if (fromType === 'contacts') for (const other of this.contacts.get(id)?.associations[toType as AssociationType] ?? []) ids.add(other);
    if (toType === 'contacts') {
      for (const contact of this.contacts.values()) if ((contact.associations[fromType as AssociationType] ?? []).includes(id)) ids.add(contact.id);
    }
    for (const other of this.objects.get(fromType)?.get(id)?.associations[toType] ?? []) ids.add(other);
    for (const other of this.objects.get(toType)?.values() ?? []) if ((other.associations[fromType] ?? []).includes(id)) ids.add(other.id);
    return [...ids];
  }

  /** A GDPR delete takes the contact out of every list; its engagements go with it unless they are
   *  also associated with another record, where they stay (no longer linked to the contact). */
  removeContact(id: string): void {
    const contact = this.contacts.get(id);
    const addresses = [contact?.properties.email, ...(contact?.properties.hs_additional_emails ?? '').split(';')].filter((email): email is string =>
      Boolean(email),
    );
    if (this.purgeMarketingAtOnce) this.marketing.purge(id, addresses);
    this.contacts.delete(id);
    for (const list of this.lists.values()) list.members.delete(id);
    for (const type of ENGAGEMENT_TYPES) {
      for (const engagement of [...(this.objects.get(type)?.values() ?? [])]) {
        const contacts = engagement.associations.contacts ?? [];
        if (!contacts.includes(id)) continue;
        engagement.associations.contacts = contacts.filter((other) => other !== id);
        const elsewhere = Object.values(engagement.associations).some((ids) => ids.length > 0);
        if (!elsewhere) this.objects.get(type)!.delete(engagement.id);
      }
    }
  }

  /** A property set through the API: the new value heads its history, the old ones stay. */
  recordPropertyChange(contact: SimulatedContact, name: string, value: string, at: string): void {
    contact.history[name] = [{ value, timestamp: at, sourceType: 'INTEGRATION', sourceId: 'private-app' }, ...(contact.history[name] ?? [])];
  }

  contactByEmail(email: string, includeArchived = false): SimulatedContact | undefined {
    const wanted = email.toLowerCase();
    return [...this.contacts.values()].find((contact) => contact.properties.email === wanted && (includeArchived || !contact.archived));
  }

  setSubscription(email: string, subscriptionId: string, record: SubscriptionRecord): void {
    const key = email.toLowerCase();
    const forEmail = this.subscriptions.get(key) ?? new Map<string, SubscriptionRecord>();
    forEmail.set(subscriptionId, record);
    this.subscriptions.set(key, forEmail);
  }

  subscription(email: string, subscriptionId: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(email.toLowerCase())?.get(subscriptionId);
  }

  optOutOfAllSince(subscriber: string, channel: Channel): string | undefined {
    return this.optedOutOfAll.get(optOutKey(subscriber, channel));
  }

  recordOptOutOfAll(subscriber: string, channel: Channel, at: string): string {
    const key = optOutKey(subscriber, channel);
    const since = this.optedOutOfAll.get(key) ?? at;
    this.optedOutOfAll.set(key, since);
    return since;
  }
}

function optOutKey(subscriber: string, channel: Channel): string {
  return `${channel}:${subscriber.trim().toLowerCase()}`;
}
