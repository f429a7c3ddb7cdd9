import type { Disposition } from '../../common/dispositions/disposition';
import type { HubSpotClient } from './hubspot-client';
import { ENGAGEMENT_TYPES, type Engagement, idsByType } from './hubspot-related-records';

const BATCH_READ_LIMIT = 100;

export interface EngagementsAfterErasure {
  erased: Engagement[];
  /** Still in HubSpot after the GDPR delete: on the timeline of another record they are associated with. */
  remaining: Engagement[];
}

/**
 * Which of the contacts' engagements the GDPR delete removed, read back rather than assumed:
 * HubSpot deletes an engagement with the contact only when no other record holds it.
 */
export async function engagementsAfterErasure(client: HubSpotClient, before: Engagement[]): Promise<EngagementsAfterErasure> {
  const stillThere = new Set<string>();
  for (const [type, ids] of idsByType(before)) {
    for (let start = 0; start < ids.length; start += BATCH_READ_LIMIT) {
      for (const record of await client.batchRead(type, ids.slice(start, start + BATCH_READ_LIMIT), [])) stillThere.add(`${type} ${record.id}`);
    }
  }
  const remaining = before.filter((engagement) => stillThere.has(`${engagement.type} ${engagement.id}`));
  return { erased: before.filter((engagement) => !remaining.includes(engagement)), remaining };
}

/** `erased` per kind of engagement read back as gone; `failed` per kind for those left on other records' timelines. */
export function engagementDispositions({ erased, remaining }: EngagementsAfterErasure): Disposition[] {
  const list: Disposition[] = [];
  for (const [type, spec] of Object.entries(ENGAGEMENT_TYPES)) {
    const gone = erased.filter((engagement) => engagement.type === type).length;
    if (gone) list.push({ kind: 'erased', what: spec.what, count: gone });
  }
  for (const [type, spec] of Object.entries(ENGAGEMENT_TYPES)) {
    const kept = remaining.filter((engagement) => engagement.type === type);
    if (!kept.length) continue;
    const where = [...new Set(kept.flatMap((engagement) => engagement.alsoOn.map((other) => other.split(' ')[0])))].join(', ');
    list.push({
      kind: 'failed',
      what: spec.what,
      reason:
        `${kept.length} ${spec.what} entr${kept.length === 1 ? 'y' : 'ies'} also associated with other HubSpot records (${where}) ` +
        "stay on those records' timelines: HubSpot's GDPR delete removed only the link to the person",
    });
  }
  return list;
}
