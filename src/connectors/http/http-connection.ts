import { JSONPath } from 'jsonpath-plus';
import { z } from 'zod';
import { ConnectorError } from '../connector-errors';
import { connectionProblems } from '../connection-check';
import { IDENTIFIER_PLACEHOLDERS, placeholdersIn, type JsonTemplate } from './http-template';

/** `connection` of an `http` system in the data map (reference: README.md in this folder). */

const envName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must name an environment variable (upper case, digits, _)');

const jsonPath = z
  .string()
  .min(1)
  .refine((path) => path.startsWith('$'), 'must be a JSONPath starting with $')
  .refine((path) => {
    try {
      JSONPath.toPathArray(path);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid JSONPath');

const jsonTemplate: z.ZodType<JsonTemplate> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonTemplate), z.record(z.string(), jsonTemplate)]),
);

const request = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    path: z.string().regex(/^\/[^?#]*$/, 'must start with / and hold no query string (use query:)'),
    query: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).default({}),
    body: jsonTemplate.optional(),
  })
  .strict();

const paginationLimits = { maxPages: z.number().int().min(1).max(1000).default(50) };

const pagination = z.discriminatedUnion('style', [
  z
    .object({
      style: z.literal('cursor'),
      /** The query parameter that carries the cursor on the next request. */
      cursorParam: z.string().min(1),
      /** Where the next cursor is in the answer; null, empty or missing ends the list. */
      nextCursor: jsonPath,
      sizeParam: z.string().min(1).optional(),
      size: z.number().int().min(1).optional(),
      ...paginationLimits,
    })
    .strict(),
  z
    .object({
      style: z.literal('offset'),
      offsetParam: z.string().min(1).default('offset'),
      limitParam: z.string().min(1).default('limit'),
      limit: z.number().int().min(1),
      ...paginationLimits,
    })
    .strict(),
  z
    .object({
      style: z.literal('page'),
      pageParam: z.string().min(1).default('page'),
      sizeParam: z.string().min(1).default('per_page'),
      size: z.number().int().min(1),
      firstPage: z.number().int().min(0).default(1),
      ...paginationLimits,
    })
    .strict(),
  z.object({ style: z.literal('link'), ...paginationLimits }).strict(),
]);

const listRequest = request
  .extend({
    /** Where the records are in the answer: an array (or one object) must be there. */
    results: jsonPath,
    pagination: pagination.optional(),
  })
  .strict();

const auth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bearer'), tokenEnv: envName }).strict(),
  z.object({ type: z.literal('basic'), usernameEnv: envName, passwordEnv: envName }).strict(),
  z
    .object({
      type: z.literal('api-key'),
      header: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'),
      valueEnv: envName,
      /** Written before the value, e.g. "Token " (default none). */
      prefix: z.string().default(''),
    })
    .strict(),
  z
    .object({
      type: z.literal('oauth2-client-credentials'),
      /** Absolute, or a path on baseUrl. */
      tokenUrl: z.string().refine((value) => value.startsWith('/') || URL.canParse(value), 'must be a URL or a path starting with /'),
      clientIdEnv: envName,
      clientSecretEnv: envName,
      scope: z.string().min(1).optional(),
      /** How the client authenticates at the token endpoint (RFC 6749 § 2.3.1). */
      clientAuth: z.enum(['basic', 'body']).default('basic'),
    })
    .strict(),
]);

/** A field of the case (as rectification and identifiers name it) → where the record holds it. */
const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a case field name such as email, phone, name');

const recordKind = z
  .object({
    /** The kind's name in matches, exports and errors (lower case). */
    kind: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    /** The record type letters name (a word such as customer, order, contact); default `kind`. */
    what: z.string().min(1).optional(),
    /** Another kind declared before this one: its records are found once per record of that kind ({{parentId}}). */
    parent: z.string().optional(),
    /** One request or a list (each run when the subject's identifiers fill it); problems are named as in a list (find.0). */
    find: z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(listRequest).min(1, 'give at least one find request')),
    id: jsonPath,
    fields: z.record(fieldName, jsonPath).default({}),
    erase: request
      .extend({ outcome: z.enum(['erased', 'anonymised']).optional() })
      .strict()
      .optional(),
    rectify: z.record(fieldName, request).default({}),
    restrict: request
      .extend({ how: z.string().min(1).default('marked as restricted in the system') })
      .strict()
      .optional(),
    stopMarketing: request
      .extend({ channels: z.array(z.enum(['email', 'sms', 'phone', 'post', 'whatsapp'])).min(1) })
      .strict()
      .optional(),
  })
  .strict();

const connectionSchema = z
  .object({
    baseUrl: z.url(),
    auth,
    /** Plain headers sent on every request (e.g. an API version); never secrets. */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string()).default({}),
    records: z.array(recordKind).min(1, 'list at least one kind of record'),
  })
  .strict()
  .superRefine((connection, ctx) => {
    const seen: string[] = [];
    connection.records.forEach((kind, index) => {
      // zod runs this also when a part of the kind failed its own check: look only at what parsed.
      if (!Array.isArray(kind.find) || !kind.fields || !kind.rectify) return;
      const at = (...path: Array<string | number>) => ['records', index, ...path];
      const problem = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (seen.includes(kind.kind)) problem(at('kind'), `"${kind.kind}" is listed twice`);
      if (kind.parent !== undefined && !seen.includes(kind.parent)) problem(at('parent'), `must name a kind listed before this one`);
      seen.push(kind.kind);

      // Find: a top-level kind is searched with identifiers, each of which it must be able to read
      // back from the record (every hit is confirmed locally); a child kind with its parent's id.
      kind.find.forEach((find, findIndex) => {
        const allowed: readonly string[] = kind.parent ? [...IDENTIFIER_PLACEHOLDERS, 'parentId'] : IDENTIFIER_PLACEHOLDERS;
        for (const name of placeholdersIn([find.path, find.query, find.body])) {
          if (!allowed.includes(name)) problem(at('find', findIndex), `{{${name}}} is not available here (use ${allowed.map((n) => `{{${n}}}`).join(', ')})`);
          else if (!kind.parent && !kind.fields[name])
            problem(at('fields', name), `the find request uses {{${name}}}: say where the record holds it, so each hit can be confirmed`);
        }
        if (!kind.parent && placeholdersIn([find.path, find.query, find.body]).length === 0) {
          problem(
            at('find', findIndex),
            'a top-level find must use at least one of the subject identifiers {{email}}, {{phone}}, {{customerNumber}}, {{name}}',
          );
        }
      });
      const recordLevel = (template: unknown, path: Array<string | number>, extra: string[]) => {
        const allowed = ['id', 'parentId', ...extra];
        for (const name of placeholdersIn(template)) {
          if (!allowed.includes(name)) problem(path, `{{${name}}} is not available here (use ${allowed.map((n) => `{{${n}}}`).join(', ')})`);
          if (name === 'parentId' && !kind.parent) problem(path, '{{parentId}} needs a parent kind');
        }
      };
      if (kind.erase) recordLevel([kind.erase.path, kind.erase.query, kind.erase.body], at('erase'), []);
      if (kind.restrict) recordLevel([kind.restrict.path, kind.restrict.query, kind.restrict.body], at('restrict'), ['reference']);
      if (kind.stopMarketing) recordLevel([kind.stopMarketing.path, kind.stopMarketing.query, kind.stopMarketing.body], at('stopMarketing'), ['reference']);
      for (const [field, template] of Object.entries(kind.rectify)) {
        recordLevel([template.path, template.query, template.body], at('rectify', field), [
          'value',
          'reference',
          ...(field === 'name' ? ['givenNames', 'familyName'] : []),
        ]);
        if (!kind.fields[field]) problem(at('fields', field), `rectify changes ${field}: say where the record holds it, so the old value is known`);
      }
    });
  });

export type HttpConnection = z.infer<typeof connectionSchema>;
export type HttpAuth = HttpConnection['auth'];
export type RecordKind = HttpConnection['records'][number];
export type RequestTemplate = z.infer<typeof request>;
export type ListRequest = z.infer<typeof listRequest>;
export type Pagination = z.infer<typeof pagination>;

export function parseHttpConnection(systemId: string, connection: Record<string, unknown>): HttpConnection {
  const parsed = connectionSchema.safeParse(connection);
  if (parsed.success) return parsed.data;
  throw new ConnectorError(`http connection for system ${systemId} is invalid: ${connectionProblems(parsed).join('; ')}`, false);
}

/** The shape of the settings, checked at boot (secret values are read only when a task runs). */
export function checkHttpConnection(connection: Record<string, unknown>): string[] {
  return connectionProblems(connectionSchema.safeParse(connection));
}
