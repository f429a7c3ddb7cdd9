import { z } from 'zod';
import { RECORD_TYPES, type RecordType } from '../../common/dispositions/disposition';
import type { SystemContext } from '../connector';
import { connectionProblems } from '../connection-check';
import { ConnectorError } from '../connector-errors';

/** The database engines the connector speaks to, each through its own driver (README.md). */
export const SQL_DIALECTS = ['postgres', 'mysql', 'mssql'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** The case identifiers a table can be searched by (Subject fields). */
export const MATCH_FIELDS = ['email', 'phone', 'customerNumber', 'name'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/**
 * A table or column name. The pattern is a first guard only: every name is also looked up in the
 * database's own catalogue before any statement runs, and always quoted by the dialect.
 */
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a table or column name (letters, digits, _; at most 63)');

/** A value written by an anonymising update or a restriction: plain scalars only, bound as parameters. */
const columnValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const tableSchema = z
  .object({
    name: identifier,
    schema: identifier.optional(),
    /** Shown to staff in plans and summaries ("Customer", "Order"); defaults to the table name. */
    label: z.string().min(1).max(60).optional(),
    /** What a row is, in the letters' words (RECORD_TYPES); `record` when none fits. */
    recordType: z.enum(RECORD_TYPES).default('record'),
    /** The primary key column: a row's identity in plans, holds and retries. */
    keyColumn: identifier,
    /** Columns holding the person's identifiers: the rows found directly. */
    match: z.partialRecord(z.enum(MATCH_FIELDS), identifier).optional(),
    /** Or: rows that belong to a row found in another table of this system (orders of a customer). */
    belongsTo: z.object({ table: identifier, column: identifier }).strict().optional(),
    erase: z.enum(['delete', 'anonymise', 'keep']),
    /** erase: anonymise — column → the value it gets (null empties it). */
    anonymise: z.record(identifier, columnValue).optional(),
    /** erase: keep — the data map legal hold (its `records` text) the rows are kept under, and the
     *  column with the row's date the hold counts from. */
    keep: z
      .object({ hold: z.string().min(1), dateColumn: identifier.optional() })
      .strict()
      .optional(),
    /** Rectification: case field (email, phone, name, address…) → the column that holds it. */
    rectify: z.record(z.string().regex(/^[a-zA-Z]+$/, 'a case field such as email, phone, name'), identifier).optional(),
    /** Restriction: column → the value that marks the row restricted (e.g. processing_restricted: true). */
    restrict: z.record(identifier, columnValue).optional(),
    /** The columns handed to the person in an access answer, or `all`. */
    export: z.union([z.literal('all'), z.array(identifier).min(1)]).default('all'),
  })
  .strict()
  .superRefine((table, ctx) => {
    const matched = table.match && Object.keys(table.match).length > 0;
    if (!matched === !table.belongsTo) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: 'give either match (identifier → column) or belongsTo (a found table), exactly one' });
    }
    if (table.erase === 'anonymise' && !Object.keys(table.anonymise ?? {}).length) {
      ctx.addIssue({ code: 'custom', path: ['anonymise'], message: 'erase: anonymise needs anonymise: { column: value } for at least one column' });
    }
    if (table.erase === 'keep' && !table.keep) {
      ctx.addIssue({ code: 'custom', path: ['keep'], message: 'erase: keep needs keep: { hold: <a legal hold of this system>, dateColumn? }' });
    }
  });

const connectionSchema = z
  .object({
    dialect: z.enum(SQL_DIALECTS),
    /** The env var holding the connection URL (a secret: it carries the password). */
    urlEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'name the env var holding the connection URL (upper-case letters, digits, _)'),
    tables: z.array(tableSchema).min(1, 'list at least one table'),
  })
  .strict()
  .superRefine((connection, ctx) => {
    const ids = connection.tables.map(tableId);
    connection.tables.forEach((table, index) => {
      if (ids.indexOf(tableId(table)) !== index)
        ctx.addIssue({ code: 'custom', path: ['tables', index, 'name'], message: `"${tableId(table)}" is listed twice` });
      if (!table.belongsTo) return;
      const parent = connection.tables.findIndex((candidate) => tableId(candidate) === table.belongsTo!.table);
      if (parent < 0 || parent >= index || !connection.tables[parent].match) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', index, 'belongsTo', 'table'],
          message: `"${table.belongsTo.table}" must be a table listed earlier with match columns`,
        });
      }
    });
  });

export type SqlTable = z.infer<typeof tableSchema>;

export interface SqlSettings {
  systemId: string;
  dialect: SqlDialect;
  url: string;
  tables: SqlTable[];
}

/** The name a table goes by within the system: `schema.name` or `name` (belongsTo and refs use it). */
export function tableId(table: Pick<SqlTable, 'name' | 'schema'>): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

export function tableLabel(table: SqlTable): string {
  return table.label ?? table.name;
}

export function recordTypeOf(table: SqlTable): RecordType {
  return table.recordType;
}

/** The shape of the settings, checked at boot; names are checked against the live catalogue per task. */
export function checkSqlConnection(connection: Record<string, unknown>): string[] {
  return connectionProblems(connectionSchema.safeParse(connection));
}

/** Reads `ctx.connection` and the URL secret; a broken entry is a permanent failure. */
export function readSqlSettings(ctx: SystemContext): SqlSettings {
  const parsed = connectionSchema.safeParse(ctx.connection ?? {});
  if (!parsed.success) throw new ConnectorError(`SQL connection settings: ${connectionProblems(parsed).join('; ')}`, false);
  return { systemId: ctx.systemId, dialect: parsed.data.dialect, url: ctx.secret(parsed.data.urlEnv), tables: parsed.data.tables };
}
