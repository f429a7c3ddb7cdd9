import type { HubSpotConnection } from './hubspot-connection';
import type { HubSpotPropertyVersion } from './hubspot-types';

/** Contact properties that hold personal data whose earlier values are exported (HubSpot keeps every
 *  value a property has had; a correction adds a value, it does not remove the old one). */
export const PERSONAL_PROPERTIES = [
  'email',
  'hs_additional_emails',
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'address',
  'city',
  'zip',
  'state',
  'country',
  'company',
  'jobtitle',
];

/** An earlier value of a property: what it was, from when, set by what kind of source. */
export interface EarlierValue {
  contactId: string;
  property: string;
  value: string;
  setAt: string;
  source: string;
}

export function historyProperties(connection: HubSpotConnection): string[] {
  const configured = connection.historyProperties ?? PERSONAL_PROPERTIES;
  return [...new Set([...configured, ...(connection.customerNumberProperty && !connection.historyProperties ? [connection.customerNumberProperty] : [])])];
}

/**
 * The earlier values in a contact's `propertiesWithHistory`: every version but the current (newest)
 * one, leaving out blank ones (a cleared value holds nothing).
 */
export function earlierValues(contactId: string, history: Record<string, HubSpotPropertyVersion[]>): EarlierValue[] {
  return Object.entries(history).flatMap(([property, versions]) =>
    // The current value is the newest version; the order HubSpot lists them in is not relied on.
    [...versions]
      .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))
      .slice(1)
      .filter((version) => version.value !== '')
      .map((version) => ({ contactId, property, value: version.value, setAt: version.timestamp, source: version.sourceType ?? '' })),
  );
}
