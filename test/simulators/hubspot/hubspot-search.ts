import { ASSUMPTIONS } from './hubspot-simulator-assumptions';
import { DEFAULT_RETURNED_PROPERTIES, type HubSpotSimulatorState, type SimulatedContact } from './hubspot-simulator-state';

export interface SearchFilter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  values?: unknown;
}

export class SearchValidationError extends Error {}

const OPERATORS = ['EQ', 'NEQ', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'];

/** `POST /crm/v3/objects/contacts/search`: filter groups OR-ed, filters within a group AND-ed. */
export function searchContacts(state: HubSpotSimulatorState, body: Record<string, unknown>): Record<string, unknown> {
  const groups = validateGroups(body.filterGroups);
  const limit = body.limit === undefined ? ASSUMPTIONS.defaultSearchLimit : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new SearchValidationError('limit must be a positive integer');
  if (limit > 200) throw new SearchValidationError('limit must be less than or equal to 200');
  const offset = body.after === undefined ? 0 : Number(body.after);
  if (!Number.isInteger(offset) || offset < 0) throw new SearchValidationError('after must be a non-negative integer offset');
  if (offset + limit > ASSUMPTIONS.searchResultCap) {
    throw new SearchValidationError(`Search can page through at most ${ASSUMPTIONS.searchResultCap} results`);
  }
  const requested = Array.isArray(body.properties) ? body.properties.map(String) : undefined;

  const matching = [...state.contacts.values()]
    .filter((contact) => !contact.archived)
    .filter((contact) => groups.length === 0 || groups.some((filters) => filters.every((filter) => matches(contact, filter))))
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = matching.slice(offset, offset + limit);
  const nextOffset = offset + page.length;
  const hasMore = nextOffset < matching.length && nextOffset < ASSUMPTIONS.searchResultCap;
  return {
    total: matching.length,
    results: page.map((contact) => contactView(state, contact, requested)),
    ...(hasMore ? { paging: { next: { after: String(nextOffset) } } } : {}),
  };
}

/** A contact as the v3 API returns it, with the requested (or default) properties. */
export function contactView(state: HubSpotSimulatorState, contact: SimulatedContact, requested: string[] | undefined): Record<string, unknown> {
  const names = new Set([...(requested ?? DEFAULT_RETURNED_PROPERTIES), 'hs_object_id', 'createdate', 'lastmodifieddate']);
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    if (!state.propertyLabels.has(name)) continue;
    properties[name] = contact.properties[name] ?? ASSUMPTIONS.unsetPropertyValue;
  }
  return {
    id: contact.id,
    properties,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    archived: contact.archived,
    ...(contact.archived ? { archivedAt: contact.archivedAt } : {}),
  };
}

function validateGroups(raw: unknown): SearchFilter[][] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new SearchValidationError('filterGroups must be an array');
  if (raw.length > ASSUMPTIONS.maxFilterGroups) {
    throw new SearchValidationError(`filterGroups may contain at most ${ASSUMPTIONS.maxFilterGroups} groups`);
  }
  const groups = raw.map((group: { filters?: unknown }) => {
    if (!group || !Array.isArray(group.filters)) throw new SearchValidationError('each filter group needs a filters array');
    if (group.filters.length > ASSUMPTIONS.maxFiltersPerGroup) {
      throw new SearchValidationError(`a filter group may contain at most ${ASSUMPTIONS.maxFiltersPerGroup} filters`);
    }
    return group.filters as SearchFilter[];
  });
  if (groups.flat().length > ASSUMPTIONS.maxFiltersTotal) {
    throw new SearchValidationError(`a search may contain at most ${ASSUMPTIONS.maxFiltersTotal} filters`);
  }
  for (const filter of groups.flat()) {
    if (typeof filter.propertyName !== 'string' || !filter.propertyName) throw new SearchValidationError('filter.propertyName is required');
    if (typeof filter.operator !== 'string' || !OPERATORS.includes(filter.operator)) {
      throw new SearchValidationError(`Unsupported operator ${String(filter.operator)}`);
    }
  }
  return groups;
}

function matches(contact: SimulatedContact, filter: SearchFilter): boolean {
  const stored = contact.properties[filter.propertyName as string];
  const has = stored !== undefined && stored !== '';
  const value = filter.value === undefined ? '' : String(filter.value);
  const values = Array.isArray(filter.values) ? filter.values.map(String) : [];
  switch (filter.operator) {
    case 'EQ':
      return has && equal(stored, value);
    case 'NEQ':
      return !has || !equal(stored, value);
    case 'CONTAINS_TOKEN':
      return has && containsToken(stored, value);
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(stored, value);
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'IN':
      return has && values.some((candidate) => equal(stored, candidate));
    case 'NOT_IN':
      return !has || !values.some((candidate) => equal(stored, candidate));
    default:
      return false;
  }
}

function equal(stored: string, value: string): boolean {
  return ASSUMPTIONS.eqIgnoresCase ? stored.toLowerCase() === value.toLowerCase() : stored === value;
}

function containsToken(stored: string, value: string): boolean {
  const pattern = new RegExp(`^${value.split('*').map(escapeRegExp).join('.*')}$`, 'i');
  return stored.split(ASSUMPTIONS.tokenSeparators).some((token) => token && pattern.test(token));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
