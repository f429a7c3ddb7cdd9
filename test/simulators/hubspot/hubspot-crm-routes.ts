import { type Request, type Response, Router } from 'express';
import { EMAIL_PATTERN, sendError, sendNotFound } from './hubspot-errors';
import { contactView, SearchValidationError, searchContacts } from './hubspot-search';
import { ASSUMPTIONS } from './hubspot-simulator-assumptions';
import { type AssociationType, type HubSpotSimulatorState, READ_ONLY_PROPERTIES, type SimulatedContact } from './hubspot-simulator-state';

const ASSOCIATION_TYPES: Record<AssociationType, string> = {
  companies: 'contact_to_company',
  deals: 'contact_to_deal',
  tickets: 'contact_to_ticket',
};

/** CRM v3: contact search, read, update, archive, GDPR delete and the property catalogue. */
export function crmRoutes(state: HubSpotSimulatorState): Router {
  const router = Router();

  router.post('/crm/v3/objects/contacts/search', (req: Request, res: Response) => {
    try {
      res.json(searchContacts(state, (req.body ?? {}) as Record<string, unknown>));
    } catch (error) {
      if (!(error instanceof SearchValidationError)) throw error;
      sendError(res, 400, 'VALIDATION_ERROR', error.message);
    }
  });

  router.post('/crm/v3/objects/contacts/gdpr-delete', (req: Request, res: Response) => {
    const { objectId, idProperty } = (req.body ?? {}) as { objectId?: unknown; idProperty?: unknown };
    if (typeof objectId !== 'string' || !objectId) return sendError(res, 400, 'VALIDATION_ERROR', 'objectId is required');
    const at = new Date().toISOString();
    if (idProperty === 'email') {
      const contact = state.contactByEmail(objectId, true);
      if (contact) state.removeContact(contact.id);
      else state.blocklistedEmails.add(objectId.toLowerCase());
      state.gdprDeletions.push({ objectId, idProperty, contactId: contact?.id, at });
      return void res.status(204).end();
    }
    if (idProperty !== undefined && idProperty !== 'hs_object_id') {
      return sendError(res, 400, 'VALIDATION_ERROR', `Unsupported idProperty ${String(idProperty)}`);
    }
    if (!state.contacts.has(objectId)) {
      if (ASSUMPTIONS.gdprDeleteUnknownIdStatus === 404) return sendNotFound(res, objectId);
      return void res.status(ASSUMPTIONS.gdprDeleteUnknownIdStatus).end();
    }
    state.removeContact(objectId);
    state.gdprDeletions.push({ objectId, contactId: objectId, at });
    res.status(204).end();
  });

  router.get('/crm/v3/properties/contacts', (_req: Request, res: Response) => {
    res.json({
      results: [...state.propertyLabels].map(([name, label]) => ({
        name,
        label,
        type: READ_ONLY_PROPERTIES.includes(name) && name !== 'hs_object_id' ? 'datetime' : 'string',
        fieldType: 'text',
        groupName: 'contactinformation',
      })),
    });
  });

  router.get('/crm/v3/objects/contacts/:id', (req: Request, res: Response) => {
    const contact = lookUp(state, req);
    if (!contact) return sendNotFound(res, String(req.params.id));
    const view = contactView(state, contact, listParam(req.query.properties));
    const associations: Record<string, unknown> = {};
    for (const type of listParam(req.query.associations) ?? []) {
      const ids = contact.associations[type as AssociationType] ?? [];
      if (ids.length) associations[type] = { results: ids.map((id) => ({ id, type: ASSOCIATION_TYPES[type as AssociationType] })) };
    }
    const withHistory = listParam(req.query.propertiesWithHistory)?.filter((name) => state.propertyLabels.has(name));
    const history = withHistory?.length ? { propertiesWithHistory: Object.fromEntries(withHistory.map((name) => [name, contact.history[name] ?? []])) } : {};
    res.json({ ...view, ...history, ...(Object.keys(associations).length ? { associations } : {}) });
  });

  router.patch('/crm/v3/objects/contacts/:id', (req: Request, res: Response) => {
    const contact = lookUp(state, req);
    if (!contact) return sendNotFound(res, String(req.params.id));
    const properties = ((req.body ?? {}) as { properties?: Record<string, unknown> }).properties;
    if (!properties || typeof properties !== 'object') return sendError(res, 400, 'VALIDATION_ERROR', 'properties is required');
    const problems = propertyProblems(state, contact, properties);
    if (problems.conflict) {
      return sendError(res, 409, 'CONFLICT', `Contact already exists. Existing ID: ${problems.conflict}`);
    }
    if (problems.invalid.length) {
      return sendError(res, 400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems.invalid)}`, {
        errors: problems.invalid.map((problem) => ({ message: problem.message, code: problem.error, context: { propertyName: [problem.name] } })),
      });
    }
    const now = new Date().toISOString();
    for (const [name, raw] of Object.entries(properties)) {
      const value = raw === null ? '' : String(raw);
      if (value === '') delete contact.properties[name];
      else contact.properties[name] = name === 'email' ? value.toLowerCase() : value;
      state.recordPropertyChange(contact, name, contact.properties[name] ?? '', now);
    }
    contact.properties.lastmodifieddate = now;
    contact.updatedAt = now;
    res.json(contactView(state, contact, Object.keys(properties)));
  });

  router.delete('/crm/v3/objects/contacts/:id', (req: Request, res: Response) => {
    const contact = state.contacts.get(String(req.params.id));
    if (contact && !contact.archived) {
      contact.archived = true;
      contact.archivedAt = new Date().toISOString();
    }
    res.status(contact ? 204 : ASSUMPTIONS.archiveUnknownIdStatus).end();
  });

  return router;
}

function lookUp(state: HubSpotSimulatorState, req: Request): SimulatedContact | undefined {
  const id = String(req.params.id);
  const includeArchived = req.query.archived === 'true';
  const contact = req.query.idProperty === 'email' ? state.contactByEmail(id, includeArchived) : state.contacts.get(id);
  return contact && (includeArchived || !contact.archived) ? contact : undefined;
}

function listParam(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

function propertyProblems(
  state: HubSpotSimulatorState,
  contact: SimulatedContact,
  properties: Record<string, unknown>,
): { invalid: PropertyProblem[]; conflict?: string } {
  const invalid: PropertyProblem[] = [];
  let conflict: string | undefined;
  for (const [name, raw] of Object.entries(properties)) {
    const value = raw === null ? '' : String(raw);
    if (!state.propertyLabels.has(name)) {
      invalid.push({ isValid: false, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name });
    } else if (READ_ONLY_PROPERTIES.includes(name)) {
      invalid.push({ isValid: false, message: `"${name}" is a read only property; its value cannot be set.`, error: 'READ_ONLY_VALUE', name });
    } else if (name === 'email' && value && !EMAIL_PATTERN.test(value)) {
      invalid.push({ isValid: false, message: 'Email address is invalid', error: 'INVALID_EMAIL', name });
    } else if (name === 'email' && value) {
      const owner = state.contactByEmail(value, true);
      if (owner && owner.id !== contact.id) conflict = owner.id;
    }
  }
  return { invalid, conflict };
}
