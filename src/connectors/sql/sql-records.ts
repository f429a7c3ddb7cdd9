import { phoneSpellings, samePhone, toE164 } from '../../identity/phone';
import type { RecordIdentifiers, Subject, SummaryText } from '../connector';
import { connectorError } from '../connector-errors';
import type { SqlRow, SqlSession } from './sql-database';
import { tableId, tableLabel, type SqlSettings, type SqlTable } from './sql-settings';
import { catalogueColumns, selectRows, type Condition } from './sql-statements';
import { SQL_NAME_FINDINGS } from './sql-summaries';

/** One row of the person's found in one table of the system. */
export interface FoundRow {
  table: SqlTable;
  /** The table's place in the data map's list: parents come first, so children are deleted first. */
  index: number;
  /** The key as the database returned it (bound as it is in DELETE/UPDATE). */
  keyValue: unknown;
  /** `<table>:<key>`, the row's id in plans, matches and holds. */
  ref: string;
  row: SqlRow;
  /** The ref of the row this one belongs to (belongsTo). */
  parent?: string;
}

export function refOf(table: SqlTable, keyValue: unknown): string {
  return `${tableId(table)}:${String(keyValue)}`;
}

/** YYYY-MM-DD of a date column's value (a Date, or the text the driver gave), if it reads as one. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return undefined;
}

/** The row's label for staff: the table's label, its key and its date; no personal data. */
export function labelOf(found: FoundRow): string {
  const date = found.table.keep?.dateColumn ? isoDate(found.row[found.table.keep.dateColumn]) : undefined;
  return `${tableLabel(found.table)} ${String(found.keyValue)}${date ? ` · ${date}` : ''}`;
}

/** The identifiers a row holds in its match columns (what `find` reports as `holds`). */
export function heldBy(found: FoundRow): RecordIdentifiers {
  const match = found.table.match ?? {};
  const text = (column: string | undefined) => {
    const value = column ? found.row[column] : undefined;
    return value === null || value === undefined || value === '' ? undefined : String(value);
  };
  const email = text(match.email);
  const phone = toE164(text(match.phone));
  const customerNumber = text(match.customerNumber);
  const name = text(match.name);
  return {
    ...(email ? { emails: [email.toLowerCase()] } : {}),
    ...(phone ? { phones: [phone] } : {}),
    ...(customerNumber ? { customerNumbers: [customerNumber] } : {}),
    ...(name ? { names: [name] } : {}),
  };
}

/**
 * Finds the person's rows in the tables the data map lists, through one session: the tables with
 * `match` by the subject's identifiers (e-mail ignoring case, phone in its common spellings and then
 * confirmed as one number, customer number as written), then the tables that `belongsTo` one of
 * them by their key. A name alone is never searched: too many people share one.
 */
export class SqlRecords {
  constructor(
    private readonly session: SqlSession,
    private readonly settings: SqlSettings,
  ) {}

  /** Every table and column the data map names exists in the database, or the system stops here. */
  async checkCatalogue(): Promise<void> {
    const problems = await this.catalogueProblems();
    if (problems.length) throw connectorError(SQL_NAME_FINDINGS.stopped(this.settings.systemId, problems), false);
  }

  /** Where the data map names a table or column the database does not have (the boot check's answer). */
  async catalogueProblems(): Promise<SummaryText[]> {
    const { rows } = await this.session.run(catalogueColumns(this.session.dialect, this.settings.tables), 'catalogue check');
    const problems: SummaryText[] = [];
    this.settings.tables.forEach((table, index) => {
      const columns = new Set(
        rows
          .filter((row) => String(row.table_name) === table.name && (!table.schema || String(row.schema_name) === table.schema))
          .map((row) => String(row.column_name)),
      );
      if (!columns.size) {
        problems.push(SQL_NAME_FINDINGS.noTable(tableId(table), `connection.tables[${index}]`));
        return;
      }
      for (const [where, column] of namedColumns(table, this.settings)) {
        if (!columns.has(column)) problems.push(SQL_NAME_FINDINGS.noColumn(tableId(table), column, `connection.tables[${index}].${where}`));
      }
    });
    return problems;
  }

  async subjectRows(subject: Subject): Promise<FoundRow[]> {
    const found: FoundRow[] = [];
    for (const [index, table] of this.settings.tables.entries()) {
      if (table.match) {
        found.push(...(await this.directRows(table, index, subject)));
      } else if (table.belongsTo) {
        const parents = found.filter((row) => tableId(row.table) === table.belongsTo!.table);
        found.push(...(await this.childRows(table, index, parents)));
      }
    }
    return found;
  }

  private async directRows(table: SqlTable, index: number, subject: Subject): Promise<FoundRow[]> {
    const match = table.match ?? {};
    const conditions: Condition[] = [];
    if (match.email && subject.email) conditions.push({ column: match.email, kind: 'lower-equals', value: subject.email });
    const spellings = match.phone ? phoneSpellings(subject.phone) : [];
    if (match.phone && spellings.length) conditions.push({ column: match.phone, kind: 'in', values: spellings });
    if (match.customerNumber && subject.customerNumber) conditions.push({ column: match.customerNumber, kind: 'text-equals', value: subject.customerNumber });
    if (!conditions.length) return [];
    const { rows } = await this.session.run(
      selectRows({ dialect: this.session.dialect, ...table }, table.keyColumn, conditions),
      `search of ${tableId(table)}`,
    );
    return rows
      .filter((row) => confirmed(row, match, subject))
      .map((row) => ({ table, index, keyValue: row[table.keyColumn], ref: refOf(table, row[table.keyColumn]), row }))
      .filter((row) => !subject.onlyRecords || subject.onlyRecords.includes(row.ref));
  }

  private async childRows(table: SqlTable, index: number, parents: FoundRow[]): Promise<FoundRow[]> {
    if (!parents.length) return [];
    const column = table.belongsTo!.column;
    const byKey = new Map(parents.map((parent) => [String(parent.keyValue), parent.ref]));
    const condition: Condition = { column, kind: 'in', values: parents.map((parent) => parent.keyValue) };
    const { rows } = await this.session.run(
      selectRows({ dialect: this.session.dialect, ...table }, table.keyColumn, [condition]),
      `search of ${tableId(table)}`,
    );
    return rows.map((row) => ({
      table,
      index,
      keyValue: row[table.keyColumn],
      ref: refOf(table, row[table.keyColumn]),
      row,
      parent: byKey.get(String(row[column])),
    }));
  }
}

/** The database's comparison found the row; this confirms it the way the engine compares identifiers. */
function confirmed(row: SqlRow, match: NonNullable<SqlTable['match']>, subject: Subject): boolean {
  const text = (column: string | undefined) => (column && row[column] !== null && row[column] !== undefined ? String(row[column]) : '');
  if (subject.email && match.email && text(match.email).toLowerCase() === subject.email.toLowerCase()) return true;
  if (subject.customerNumber && match.customerNumber && text(match.customerNumber) === subject.customerNumber) return true;
  return Boolean(subject.phone && match.phone && samePhone(text(match.phone), subject.phone));
}

/** Every column a table's settings name, with where in the settings it is named (for the message). */
function namedColumns(table: SqlTable, settings: SqlSettings): Array<[string, string]> {
  const named: Array<[string, string]> = [['keyColumn', table.keyColumn]];
  for (const [field, column] of Object.entries(table.match ?? {})) named.push([`match.${field}`, column]);
  if (table.belongsTo) {
    named.push(['belongsTo.column', table.belongsTo.column]);
    const parent = settings.tables.find((candidate) => tableId(candidate) === table.belongsTo!.table);
    if (!parent) named.push(['belongsTo.table', table.belongsTo.table]);
  }
  for (const column of Object.keys(table.anonymise ?? {})) named.push([`anonymise.${column}`, column]);
  if (table.keep?.dateColumn) named.push(['keep.dateColumn', table.keep.dateColumn]);
  for (const [field, column] of Object.entries(table.rectify ?? {})) named.push([`rectify.${field}`, column]);
  for (const column of Object.keys(table.restrict ?? {})) named.push([`restrict.${column}`, column]);
  if (Array.isArray(table.export)) table.export.forEach((column, index) => named.push([`export[${index}]`, column]));
  return named;
}
