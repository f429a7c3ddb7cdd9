import { type Request, type Response, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { sendError } from './hubspot-errors';
import type { HubSpotSimulatorState } from './hubspot-simulator-state';

/** Association type ids HubSpot defines from contacts (v4 `associationTypes[].typeId`). */
const CONTACT_TO: Record<string, number> = { companies: 279, deals: 4, tickets: 15, notes: 202, emails: 198, calls: 194, meetings: 200, tasks: 204 };

/**
 * Records other than contacts: engagements (notes, emails, calls, meetings, tasks) and companies,
 * deals and tickets. v4 associations of a contact or of a batch, and v3 batch read of their properties.
 */
export function objectRoutes(state: HubSpotSimulatorState): Router {
  const router = Router();

  router.get('/crm/v4/objects/contacts/:id/associations/:toType', (req: Request, res: Response) => {
    const ids = state.associatedIds('contacts', String(req.params.id), String(req.params.toType));
    res.json({ results: ids.map((id) => associationView(id, String(req.params.toType))) });
  });

  router.post('/crm/v4/associations/:fromType/:toType/batch/read', (req: Request, res: Response) => {
    const inputs = batchIds(req);
    if (!inputs) return sendError(res, 400, 'VALIDATION_ERROR', 'inputs must be a list of { id }');
    const fromType = String(req.params.fromType);
    const toType = String(req.params.toType);
    const results = inputs
      .filter((id) => state.objectExists(fromType, id))
      .map((id) => ({ from: { id }, to: state.associatedIds(fromType, id, toType).map((toId) => associationView(toId, toType)) }))
      .filter((result) => result.to.length > 0);
    res.json({ status: 'COMPLETE', results, startedAt: new Date().toISOString(), completedAt: new Date().toISOString() });
  });

  router.post('/crm/v3/objects/:type/batch/read', (req: Request, res: Response) => {
    const type = String(req.params.type);
    if (type === 'contacts') return sendError(res, 400, 'VALIDATION_ERROR', 'contacts batch read is not simulated');
    const inputs = batchIds(req);
    if (!inputs) return sendError(res, 400, 'VALIDATION_ERROR', 'inputs must be a list of { id }');
    if (inputs.length > 100) return sendError(res, 400, 'VALIDATION_ERROR', 'At most 100 inputs may be read at once');
    const requested = (req.body as { properties?: unknown }).properties;
    const names = Array.isArray(requested) ? requested.map(String) : [];
    const found = inputs.map((id) => state.objects.get(type)?.get(id)).filter((object) => object !== undefined);
    const missing = inputs.filter((id) => !state.objects.get(type)?.has(id));
    const now = new Date().toISOString();
    const body = {
      status: 'COMPLETE',
      results: found.map((object) => ({
        id: object.id,
        properties: Object.fromEntries(
          ['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate', ...names].map((name) => [name, object.properties[name] ?? null]),
        ),
        createdAt: object.createdAt,
        updatedAt: object.createdAt,
        archived: false,
      })),
      startedAt: now,
      completedAt: now,
      ...(missing.length
        ? {
            numErrors: 1,
            errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some records', context: { ids: missing }, id: randomUUID() }],
          }
        : {}),
    };
    res.status(missing.length ? 207 : 200).json(body);
  });

  return router;
}

function associationView(id: string, toType: string): Record<string, unknown> {
  return { toObjectId: Number(id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: CONTACT_TO[toType] ?? 1, label: null }] };
}

function batchIds(req: Request): string[] | undefined {
  const inputs = (req.body as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs)) return undefined;
  return inputs.map((input) => String((input as { id?: unknown }).id));
}
