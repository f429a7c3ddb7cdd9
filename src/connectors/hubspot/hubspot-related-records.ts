import type { HubSpotClient } from './hubspot-client';
import type { HubSpotObject } from './hubspot-types';

interface RelatedType {
  /** The letters' word for one record of this type (a RECORD_TYPES word, or plain words). */
  what: string;
  /** The properties read for the export: what the record says, not HubSpot's bookkeeping. */
  properties: string[];
}

/** Engagements on a contact's timeline, each with the properties that hold its content. */
export const ENGAGEMENT_TYPES: Record<string, RelatedType> = {
  notes: { what: 'note', properties: ['hs_timestamp', 'hs_note_body'] },
  emails: { what: 'e-mail', properties: ['hs_timestamp', 'hs_email_direction', 'hs_email_subject', 'hs_email_text'] },
  calls: { what: 'call-log-entry', properties: ['hs_timestamp', 'hs_call_direction', 'hs_call_title', 'hs_call_body', 'hs_call_duration'] },
  meetings: { what: 'meeting', properties: ['hs_timestamp', 'hs_meeting_title', 'hs_meeting_body', 'hs_meeting_start_time', 'hs_meeting_end_time'] },
  tasks: { what: 'task', properties: ['hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status'] },
};

/** Records a contact is linked to; their content is exported, not only their ids. */
export const ASSOCIATED_TYPES: Record<string, RelatedType> = {
  companies: { what: 'record', properties: ['name', 'domain', 'phone', 'city', 'country'] },
  deals: { what: 'record', properties: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate'] },
  tickets: { what: 'record', properties: ['subject', 'content', 'hs_pipeline_stage', 'hs_ticket_priority'] },
};

/** Records an engagement can also be associated with, which keep it on their timeline. */
const OTHER_RECORD_TYPES = ['contacts', 'companies', 'deals', 'tickets'];
const BATCH_READ_LIMIT = 100;

export interface Engagement {
  type: string;
  id: string;
  /** `"companies 9001"` for every record other than the subject's contacts it is associated with. */
  alsoOn: string[];
}

export interface RelatedRecord {
  type: string;
  id: string;
  properties: Record<string, string>;
}

/**
 * The engagements associated with the subject's contacts, each with the other records it is also
 * associated with (other contacts, companies, deals, tickets): HubSpot's GDPR delete removes an
 * engagement with the contact only when nothing else holds it, so those stay on other timelines.
 */
export async function findEngagements(client: HubSpotClient, contactIds: string[]): Promise<Engagement[]> {
  const own = new Set(contactIds);
  const engagements: Engagement[] = [];
  for (const type of Object.keys(ENGAGEMENT_TYPES)) {
    const ids = new Set<string>();
    for (const contactId of contactIds) for (const id of await client.contactAssociations(contactId, type)) ids.add(id);
    if (ids.size === 0) continue;
    const alsoOn = new Map<string, string[]>([...ids].map((id) => [id, []]));
    for (const otherType of OTHER_RECORD_TYPES) {
      const links = await client.batchAssociations(type, otherType, [...ids]);
      for (const [id, others] of links) {
        for (const other of others) if (!(otherType === 'contacts' && own.has(other))) alsoOn.get(id)?.push(`${otherType} ${other}`);
      }
    }
    for (const [id, others] of alsoOn) engagements.push({ type, id, alsoOn: others });
  }
  return engagements;
}

/** The content of records of these types: `ids` grouped by type, read 100 at a time. */
export async function readRecords(client: HubSpotClient, ids: Map<string, string[]>, types: Record<string, RelatedType>): Promise<RelatedRecord[]> {
  const records: RelatedRecord[] = [];
  for (const [type, list] of ids) {
    const spec = types[type];
    if (!spec) continue;
    for (let start = 0; start < list.length; start += BATCH_READ_LIMIT) {
      const batch = await client.batchRead(type, list.slice(start, start + BATCH_READ_LIMIT), spec.properties);
      records.push(...batch.map((record) => ({ type, id: record.id, properties: present(record) })));
    }
  }
  return records;
}

/** Ids by type, in the order given. */
export function idsByType(items: Array<{ type: string; id: string }>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const { type, id } of items) grouped.set(type, [...(grouped.get(type) ?? []), id]);
  return grouped;
}

function present(record: HubSpotObject): Record<string, string> {
  return Object.fromEntries(Object.entries(record.properties).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== ''));
}
