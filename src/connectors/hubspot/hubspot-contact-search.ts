import { phoneSpellings, samePhone, toE164 } from '../../identity/phone';
import type { RecordIdentifiers, Subject } from '../connector';
import { ConnectorError } from '../connector-errors';
import { inScope, recordIdentifiers } from '../record-identifiers';
import type { HubSpotClient } from './hubspot-client';
import type { HubSpotConnection } from './hubspot-connection';
import type { HubSpotContact, HubSpotFilter } from './hubspot-types';

/** HubSpot's search endpoint pages at most 200 results at a time and stops at 10,000 in total. */
export const SEARCH_PAGE_LIMIT = 200;
export const SEARCH_RESULT_CAP = 10_000;

export type MatchedOn = 'email' | 'secondary email' | 'phone' | 'customer number';

export interface FoundContact {
  contact: HubSpotContact;
  matchedOn: MatchedOn[];
}

/** The properties every search returns, so later steps need no extra read. */
export function searchProperties(connection: HubSpotConnection): string[] {
  const properties = ['email', 'hs_additional_emails', 'firstname', 'lastname', 'phone', 'mobilephone'];
  if (connection.customerNumberProperty) properties.push(connection.customerNumberProperty);
  properties.push(connection.restrictionProperty);
  for (const flag of [connection.doNotCallProperty, connection.doNotMailProperty]) if (flag) properties.push(flag);
  return properties;
}

/** One filter group per identifier: groups are OR-ed, so any identifier finds the contact.
 *  HubSpot stores `phone` and `mobilephone` as typed and compares text exactly, so a number is
 *  searched in every form it may be held in — E.164, international, national (numbers read in the
 *  connection's `defaultRegion`), and as the subject typed it — with IN taking them all in one
 *  filter; only a valid number is searched, and every hit is confirmed on the normalised number. */
export function searchFilterGroups(subject: Subject, connection: HubSpotConnection): Array<{ filters: HubSpotFilter[] }> {
  const groups: Array<{ filters: HubSpotFilter[] }> = [];
  const email = normaliseEmail(subject.email);
  if (email) {
    groups.push({ filters: [{ propertyName: 'email', operator: 'EQ', value: email }] });
    // Secondary addresses sit in one ';'-separated property, so match the address as a token.
    groups.push({ filters: [{ propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: email }] });
  }
  const spellings = phoneSpellings(subject.phone, connection.defaultRegion);
  const phones = spellings.length ? [...new Set([...spellings, subject.phone!.trim()])] : [];
  if (phones.length) {
    groups.push({ filters: [{ propertyName: 'phone', operator: 'IN', values: phones }] });
    groups.push({ filters: [{ propertyName: 'mobilephone', operator: 'IN', values: phones }] });
  }
  const customerNumber = subject.customerNumber?.trim();
  if (customerNumber && connection.customerNumberProperty) {
    groups.push({ filters: [{ propertyName: connection.customerNumberProperty, operator: 'EQ', value: customerNumber }] });
  }
  return groups;
}

/** What the contact holds, as the engine compares identifiers. */
export function heldByContact(contact: HubSpotContact, connection: HubSpotConnection): RecordIdentifiers {
  const property = connection.customerNumberProperty;
  return recordIdentifiers({
    emails: contactEmails(contact),
    phones: contactPhones(contact).map((phone) => toE164(phone, connection.defaultRegion)),
    customerNumbers: property ? [contact.properties[property]] : [],
    names: [
      [contact.properties.firstname, contact.properties.lastname]
        .map((part) => part?.trim())
        .filter(Boolean)
        .join(' '),
    ],
  });
}

/**
 * The subject's contacts: every contact one of the subject's identifiers finds, each checked again
 * locally so a broad token match (CONTAINS_TOKEN), a longer address or another number never counts
 * as the subject's record. This is where the connector decides whose data it touches, so
 * `onlyRecords` is applied here and nowhere else: export, rectify, erase and restrict, and what
 * they read along (associations, subscriptions of the contact's addresses), start from this.
 */
export async function findContacts(client: HubSpotClient, connection: HubSpotConnection, subject: Subject): Promise<FoundContact[]> {
  const filterGroups = searchFilterGroups(subject, connection);
  if (filterGroups.length === 0) {
    throw new ConnectorError(
      'HubSpot can only be searched by e-mail, phone or customer number (the phone a valid number, and a customer-number property configured); the subject has none of these',
      false,
    );
  }
  const properties = searchProperties(connection);
  const found = new Map<string, FoundContact>();
  let after: string | undefined;
  let seen = 0;
  do {
    const page = await client.searchContacts({ filterGroups, properties, limit: SEARCH_PAGE_LIMIT, after });
    seen += page.results.length;
    for (const contact of page.results) {
      if (!inScope(subject, contact.id)) continue;
      const matchedOn = matchReasons(contact, subject, connection);
      if (matchedOn.length > 0) found.set(contact.id, { contact, matchedOn });
    }
    after = page.paging?.next?.after;
    if (after && seen >= SEARCH_RESULT_CAP) {
      throw new ConnectorError(`More than ${SEARCH_RESULT_CAP} HubSpot contacts match the subject's identifiers; HubSpot search cannot page further`, false);
    }
  } while (after);
  return [...found.values()];
}

/** An empty `onlyRecords`: nothing in this system is the subject's, so nothing is read or changed,
 *  not even what HubSpot keeps by the subject's address without a contact (opt-outs). */
export function actsOnNothing(subject: Subject): boolean {
  return subject.onlyRecords !== undefined && subject.onlyRecords.length === 0;
}

export function contactEmails(contact: HubSpotContact): string[] {
  const primary = normaliseEmail(contact.properties.email ?? undefined);
  const secondary = splitAdditionalEmails(contact.properties.hs_additional_emails);
  return [...new Set([primary, ...secondary].filter((email): email is string => Boolean(email)))];
}

export function contactPhones(contact: HubSpotContact): string[] {
  const phones = [contact.properties.phone, contact.properties.mobilephone].map((phone) => phone?.trim());
  return [...new Set(phones.filter((phone): phone is string => Boolean(phone)))];
}

export function normaliseEmail(email: string | undefined): string | undefined {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : undefined;
}

function matchReasons(contact: HubSpotContact, subject: Subject, connection: HubSpotConnection): MatchedOn[] {
  const reasons: MatchedOn[] = [];
  const email = normaliseEmail(subject.email);
  if (email && normaliseEmail(contact.properties.email ?? undefined) === email) reasons.push('email');
  if (email && splitAdditionalEmails(contact.properties.hs_additional_emails).includes(email)) reasons.push('secondary email');
  if (contactPhones(contact).some((candidate) => samePhone(candidate, subject.phone, connection.defaultRegion))) reasons.push('phone');
  const customerNumber = subject.customerNumber?.trim();
  const property = connection.customerNumberProperty;
  if (customerNumber && property && contact.properties[property]?.trim() === customerNumber) reasons.push('customer number');
  return reasons;
}

function splitAdditionalEmails(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((email) => normaliseEmail(email))
    .filter((email): email is string => Boolean(email));
}
