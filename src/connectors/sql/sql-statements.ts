import type { SqlDialect } from './sql-settings';

/** A statement and its bound values: values never enter the text. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/**
 * Builds parameterised statements in one dialect. Table and column names come from the data map,
 * are checked against the database catalogue first (sql-catalogue.ts), and are still quoted with
 * the dialect's identifier quoting; every value is a bound parameter ($1 / ? / @p1).
 */
export class SqlBuilder {
  private values: unknown[] = [];

  constructor(readonly dialect: SqlDialect) {}

  /** `"name"` (PostgreSQL), `` `name` `` (MySQL/MariaDB), `[name]` (SQL Server), with the quote doubled inside. */
  quote(name: string): string {
    if (this.dialect === 'mysql') return `\`${name.replace(/`/g, '``')}\``;
    if (this.dialect === 'mssql') return `[${name.replace(/]/g, ']]')}]`;
    return `"${name.replace(/"/g, '""')}"`;
  }

  table(name: string, schema?: string): string {
    return schema ? `${this.quote(schema)}.${this.quote(name)}` : this.quote(name);
  }

  /** Binds a value and answers its placeholder. */
  param(value: unknown): string {
    this.values.push(value);
    const n = this.values.length;
    if (this.dialect === 'mysql') return '?';
    if (this.dialect === 'mssql') return `@p${n}`;
    return `$${n}`;
  }

  /** The column as text, so a customer number is compared as written whatever the column's type. */
  asText(column: string): string {
    if (this.dialect === 'mysql') return `CAST(${column} AS CHAR)`;
    if (this.dialect === 'mssql') return `CAST(${column} AS NVARCHAR(400))`;
    return `CAST(${column} AS TEXT)`;
  }

  done(text: string): SqlStatement {
    const statement = { text, values: this.values };
    this.values = [];
    return statement;
  }
}

/** One search condition of a table: a column compared with one or more values. */
export type Condition =
  | { column: string; kind: 'lower-equals'; value: string }
  | { column: string; kind: 'text-equals'; value: string }
  | { column: string; kind: 'in'; values: unknown[] };

interface Target {
  dialect: SqlDialect;
  name: string;
  schema?: string;
}

function where(builder: SqlBuilder, conditions: Condition[]): string {
  return conditions
    .map((condition) => {
      const column = builder.quote(condition.column);
      if (condition.kind === 'lower-equals') return `LOWER(${column}) = ${builder.param(condition.value.toLowerCase())}`;
      if (condition.kind === 'text-equals') return `${builder.asText(column)} = ${builder.param(condition.value)}`;
      return `${column} IN (${condition.values.map((value) => builder.param(value)).join(', ')})`;
    })
    .join(' OR ');
}

/** SELECT * of the rows meeting any of the conditions (an OR of them), in key order. */
export function selectRows(target: Target, key: string, conditions: Condition[]): SqlStatement {
  if (!conditions.length) throw new Error('selectRows needs at least one condition');
  const builder = new SqlBuilder(target.dialect);
  const text = `SELECT * FROM ${builder.table(target.name, target.schema)} WHERE ${where(builder, conditions)} ORDER BY ${builder.quote(key)}`;
  return builder.done(text);
}

/** DELETE of one row by its key. */
export function deleteRow(target: Target, key: string, keyValue: unknown): SqlStatement {
  const builder = new SqlBuilder(target.dialect);
  return builder.done(`DELETE FROM ${builder.table(target.name, target.schema)} WHERE ${builder.quote(key)} = ${builder.param(keyValue)}`);
}

/** UPDATE of one row by its key: column → new value, each bound. */
export function updateRow(target: Target, key: string, keyValue: unknown, values: Record<string, unknown>): SqlStatement {
  const columns = Object.keys(values);
  if (!columns.length) throw new Error('updateRow needs at least one column');
  const builder = new SqlBuilder(target.dialect);
  const set = columns.map((column) => `${builder.quote(column)} = ${builder.param(values[column])}`).join(', ');
  return builder.done(`UPDATE ${builder.table(target.name, target.schema)} SET ${set} WHERE ${builder.quote(key)} = ${builder.param(keyValue)}`);
}

/** The catalogue's columns of the named tables (information_schema, standard in all three). */
export function catalogueColumns(dialect: SqlDialect, tables: Array<{ name: string; schema?: string }>): SqlStatement {
  const builder = new SqlBuilder(dialect);
  const current = dialect === 'mysql' ? 'DATABASE()' : dialect === 'mssql' ? 'SCHEMA_NAME()' : 'current_schema()';
  const pairs = tables.map((table) => `(table_schema = ${table.schema ? builder.param(table.schema) : current} AND table_name = ${builder.param(table.name)})`);
  // MySQL reports these columns upper-case; the aliases make every driver answer alike.
  const text = `SELECT table_schema AS schema_name, table_name AS table_name, column_name AS column_name FROM information_schema.columns WHERE ${pairs.join(' OR ')}`;
  return builder.done(text);
}
