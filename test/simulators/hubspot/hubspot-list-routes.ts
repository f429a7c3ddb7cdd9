import { type Request, type Response, Router } from 'express';
import { sendError } from './hubspot-errors';
import { ASSUMPTIONS } from './hubspot-simulator-assumptions';
import type { HubSpotSimulatorState, SimulatedList } from './hubspot-simulator-state';

const CONTACT_OBJECT_TYPE = '0-1';

/** Lists v3: read a list by id or by name, and change the members of a MANUAL or SNAPSHOT list. */
export function listRoutes(state: HubSpotSimulatorState): Router {
  const router = Router();

  router.get('/crm/v3/lists/object-type-id/:objectTypeId/name/:listName', (req: Request, res: Response) => {
    const name = String(req.params.listName);
    const list = [...state.lists.values()].find((candidate) => candidate.objectTypeId === req.params.objectTypeId && candidate.name === name);
    if (!list) return sendError(res, 404, 'OBJECT_NOT_FOUND', `List with name ${name} does not exist`);
    res.json({ list: listView(list) });
  });

  router.get('/crm/v3/lists/:listId', (req: Request, res: Response) => {
    const list = state.lists.get(String(req.params.listId));
    if (!list) return sendError(res, 404, 'OBJECT_NOT_FOUND', `List ${String(req.params.listId)} does not exist`);
    res.json({ list: listView(list) });
  });

  router.put('/crm/v3/lists/:listId/memberships/:change', (req: Request, res: Response) => {
    const change = String(req.params.change);
    if (change !== 'add' && change !== 'remove') return sendError(res, 404, 'OBJECT_NOT_FOUND', 'Not found');
    const list = state.lists.get(String(req.params.listId));
    if (!list) return sendError(res, 404, 'OBJECT_NOT_FOUND', `List ${String(req.params.listId)} does not exist`);
    const ids: unknown = req.body;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
      return sendError(res, 400, 'VALIDATION_ERROR', 'The body must be a list of record ids');
    }
    if (list.processingType === 'DYNAMIC') {
      return sendError(
        res,
        ASSUMPTIONS.dynamicListMembershipStatus,
        'VALIDATION_ERROR',
        `List ${list.listId} is a DYNAMIC list; its memberships cannot be changed manually`,
      );
    }
    const recordIds = ids.map(String);
    const missing = recordIds.filter((id) => list.objectTypeId !== CONTACT_OBJECT_TYPE || !state.contacts.has(id));
    const present = recordIds.filter((id) => !missing.includes(id));
    if (change === 'add') {
      const added = present.filter((id) => !list.members.has(id));
      for (const id of added) list.members.add(id);
      return void res.json({ recordIdsAdded: added, recordIdsMissing: missing });
    }
    const removed = present.filter((id) => list.members.has(id));
    for (const id of removed) list.members.delete(id);
    res.json({ recordIdsRemoved: removed, recordIdsMissing: missing });
  });

  return router;
}

function listView(list: SimulatedList): Record<string, unknown> {
  return {
    listId: list.listId,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: 'COMPLETE',
    size: list.members.size,
  };
}
