import { ConnectorError } from '../connector-errors';
import type { HubSpotClient } from './hubspot-client';
import type { HubSpotConnection, HubSpotListReference } from './hubspot-connection';
import type { HubSpotList } from './hubspot-types';

export interface ListChanges {
  /** Names of the suppression lists the contacts are now on. */
  addedTo: string[];
  /** Names of the marketing lists the contacts are no longer on. */
  removedFrom: string[];
  /** `listId:contactId` for each membership actually changed (a repeat changes none). */
  changed: string[];
}

/**
 * The list part of an objection to direct marketing, as the data map's `objectionLists` says: the
 * matched contacts are added to the company's suppression lists and taken off its static marketing
 * lists. A list that does not exist, or is an active (DYNAMIC) list whose members HubSpot computes,
 * is a configuration error: it fails without retry, naming the list, before any list is changed.
 */
export async function applyObjectionLists(client: HubSpotClient, connection: HubSpotConnection, contactIds: string[]): Promise<ListChanges> {
  const { addTo, removeFrom } = connection.objectionLists;
  const changes: ListChanges = { addedTo: [], removedFrom: [], changed: [] };
  if (contactIds.length === 0 || addTo.length + removeFrom.length === 0) return changes;
  const additions = await Promise.all(addTo.map((reference) => manualList(client, reference)));
  const removals = await Promise.all(removeFrom.map((reference) => manualList(client, reference)));
  for (const list of additions) {
    const answer = await client.changeListMembers(list.listId, 'add', contactIds);
    changes.addedTo.push(list.name);
    changes.changed.push(...(answer.recordIdsAdded ?? []).map((id) => `${list.listId}:${id}`));
  }
  for (const list of removals) {
    const answer = await client.changeListMembers(list.listId, 'remove', contactIds);
    changes.removedFrom.push(list.name);
    changes.changed.push(...(answer.recordIdsRemoved ?? []).map((id) => `${list.listId}:${id}`));
  }
  return changes;
}

async function manualList(client: HubSpotClient, reference: HubSpotListReference): Promise<HubSpotList> {
  const named = 'id' in reference ? `list id ${reference.id}` : `list "${reference.name}"`;
  const list = await client.getList(reference);
  if (!list) throw new ConnectorError(`HubSpot has no contact ${named} (objectionLists in the data map)`, false);
  if (list.processingType === 'DYNAMIC') {
    throw new ConnectorError(`HubSpot ${named} is an active list whose members HubSpot computes; objectionLists must name MANUAL or SNAPSHOT lists`, false);
  }
  return list;
}
