/**
 * Request templates of the `http` connector: `{{name}}` placeholders in a path, a query value or a
 * JSON body string. Only the names below exist, so a template can carry nothing but the subject's
 * established identifiers and the ids and values the connector itself hands in.
 */

/** The subject's established identifiers (src/connectors/connector.ts `Subject`). */
export const IDENTIFIER_PLACEHOLDERS = ['email', 'phone', 'customerNumber', 'name'] as const;
export type IdentifierPlaceholder = (typeof IDENTIFIER_PLACEHOLDERS)[number];

/**
 * `id`: the record's id (from the record's `id` JSONPath); `parentId`: the id of the record it was
 * found under; `value`: a rectification's new value; `reference`: the case reference. A new
 * name also comes split at its last space: `givenNames` (the words before) and `familyName`.
 */
export const RECORD_PLACEHOLDERS = ['id', 'parentId', 'value', 'givenNames', 'familyName', 'reference'] as const;
export type PlaceholderName = IdentifierPlaceholder | (typeof RECORD_PLACEHOLDERS)[number];

export type TemplateValues = Partial<Record<PlaceholderName, string>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** JSON as a data map may write it in a body template. */
export type JsonTemplate = string | number | boolean | null | JsonTemplate[] | { [key: string]: JsonTemplate };

/** Every placeholder name a string, query or body uses (in order, once each). */
export function placeholdersIn(template: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') for (const match of value.matchAll(PLACEHOLDER)) found.add(match[1]);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(template);
  return [...found];
}

/** A path with each placeholder replaced by its URL-encoded value (a value cannot add a path segment). */
export function renderPath(path: string, values: TemplateValues): string {
  return path.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(valueOf(values, name)));
}

/** A query value or a body string: the value as it is (the URL API encodes query values). */
export function renderText(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) => valueOf(values, name));
}

/** A JSON body template: strings rendered, everything else kept as written. */
export function renderBody(template: JsonTemplate, values: TemplateValues): JsonTemplate {
  if (typeof template === 'string') return renderText(template, values);
  if (Array.isArray(template)) return template.map((item) => renderBody(item, values));
  if (template && typeof template === 'object') return Object.fromEntries(Object.entries(template).map(([key, item]) => [key, renderBody(item, values)]));
  return template;
}

/** Whether every placeholder the template uses has a value (a find request the subject's
 *  identifiers cannot fill is skipped). */
export function canRender(template: unknown, values: TemplateValues): boolean {
  return placeholdersIn(template).every((name) => values[name as PlaceholderName] !== undefined && values[name as PlaceholderName] !== '');
}

/** A full name split at its last space, the way most systems store it in two fields (a single
 *  word is the given name and leaves the family name empty). */
export function splitName(name: string): { givenNames: string; familyName: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words.length > 1 ? { givenNames: words.slice(0, -1).join(' '), familyName: words[words.length - 1] } : { givenNames: words.join(' '), familyName: '' };
}

function valueOf(values: TemplateValues, name: string): string {
  const value = values[name as PlaceholderName];
  // The connection check allows only known names and the caller checks canRender first.
  if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value here`);
  return value;
}
