import type { SummaryText } from '../connector';
import { connectorError, type ConnectorError } from '../connector-errors';
import type { VismaClient } from './visma-client';
import { VISMA_SCHEMA_FINDINGS } from './visma-schema-findings';
import type { VismaSettings } from './visma-settings';

/**
 * Before a Visma system does anything (and once when the worker starts), the names the data map
 * gives for the customer ledger, the sales orders and order lines (and,
 * with `deletion: routine`, the routine's processing) are looked up in the company's own GraphQL
 * schema with one introspection query. A wrong name then stops the system with a message naming
 * the setting, instead of every export and erasure failing on a GraphQL validation error halfway.
 *
 * Type names follow Business NXT's documented pattern: the company root is `Query_UseCompany`, a
 * table's connection type `Query_UseCompany_<Table>_Connection`, a table's processings
 * `<Table>Processings` (e.g. OrderProcessings).
 */
const ROW_FIELDS = `fields {
      name
      type { name fields { name } ofType { name fields { name } ofType { name fields { name } ofType { name fields { name } } } } }
    }`;

export const SCHEMA_CHECK_QUERY = `query visma_schema_check($connection: String!, $processings: String!, $orders: String!, $orderLines: String!) {
  company: __type(name: "Query_UseCompany") { fields { name } }
  ledger: __type(name: $connection) { ${ROW_FIELDS} }
  orders: __type(name: $orders) { ${ROW_FIELDS} }
  orderLines: __type(name: $orderLines) { ${ROW_FIELDS} }
  processings: __type(name: $processings) { fields { name } }
}`;

interface IntrospectedType {
  name?: string | null;
  fields?: Array<{ name: string; type?: IntrospectedType | null }> | null;
  ofType?: IntrospectedType | null;
}

interface SchemaCheckAnswer {
  company: IntrospectedType | null;
  ledger: IntrospectedType | null;
  orders: IntrospectedType | null;
  orderLines: IntrospectedType | null;
  processings: IntrospectedType | null;
}

/** One check per process and set of names; a network failure is not remembered (tried again). */
const checks = new Map<string, Promise<SummaryText[]>>();

/** Throws a permanent ConnectorError naming every wrong setting; resolves when all names exist. */
export async function assertVismaSchema(client: VismaClient, settings: VismaSettings): Promise<void> {
  const problems = await checkedVismaSchema(client, settings);
  if (problems.length) throw stoppedError(settings.systemId, problems);
}

/** The problems of this system's names, asked once per process (the boot check and the first task share it). */
export function checkedVismaSchema(client: VismaClient, settings: VismaSettings): Promise<SummaryText[]> {
  const key = JSON.stringify([
    settings.systemId,
    settings.graphqlUrl,
    settings.companyNo,
    settings.ledger,
    settings.orders,
    settings.deletion,
    settings.deletionRoutine,
  ]);
  let pending = checks.get(key);
  if (!pending) {
    pending = schemaProblems(client, settings);
    checks.set(key, pending);
    pending.catch(() => checks.delete(key));
  }
  return pending;
}

export function stoppedError(systemId: string, problems: readonly SummaryText[]): ConnectorError {
  return connectorError(VISMA_SCHEMA_FINDINGS.stopped(systemId, problems), false);
}

/** "connection.<setting>: <problem>" for every configured name the company's schema lacks. */
export async function schemaProblems(client: VismaClient, settings: VismaSettings): Promise<SummaryText[]> {
  const { ledger, orders } = settings;
  const answer = await client.request<SchemaCheckAnswer>(SCHEMA_CHECK_QUERY, {
    connection: connectionType(ledger.table),
    orders: connectionType(orders.table),
    orderLines: connectionType(orders.lineTable),
    processings: 'AssociateProcessings',
  });
  const tables = names(answer.company);
  const problems = tableProblems('connection.ledger', ledger.table, ledger.fields, 'fields', tables, answer.ledger, settings.companyNo);
  if (orders.read) {
    problems.push(...tableProblems('connection.orders', orders.table, orders.fields, 'fields', tables, answer.orders, settings.companyNo));
    problems.push(
      ...tableProblems('connection.orders', orders.lineTable, orders.lineFields, 'lineFields', tables, answer.orderLines, settings.companyNo, 'lineTable'),
    );
  }
  if (settings.deletion === 'routine' && !names(answer.processings).includes(settings.deletionRoutine)) {
    problems.push(VISMA_SCHEMA_FINDINGS.noRoutine(settings.deletionRoutine));
  }
  return problems;
}

/** "<prefix>.<tableKey>: …" when the table is missing, else "<prefix>.<fieldsKey>.<setting>: …" per missing field. */
function tableProblems(
  prefix: string,
  table: string,
  fields: Record<string, string>,
  fieldsKey: string,
  tables: string[],
  connection: IntrospectedType | null,
  companyNo: number,
  tableKey = 'table',
): SummaryText[] {
  if (!tables.includes(table)) return [VISMA_SCHEMA_FINDINGS.noTable(`${prefix}.${tableKey}`, table, companyNo)];
  const row = rowType(connection);
  if (!row) return [VISMA_SCHEMA_FINDINGS.unreadableFields(`${prefix}.${tableKey}`, table)];
  const present = names(row);
  return Object.entries(fields)
    .filter(([, name]) => !present.includes(name))
    .map(([setting, name]) => VISMA_SCHEMA_FINDINGS.noField(`${prefix}.${fieldsKey}.${setting}`, name, row.name ?? pascal(table)));
}

/** Business NXT's documented name of a table's connection type. */
function connectionType(table: string): string {
  return `Query_UseCompany_${pascal(table)}_Connection`;
}

/** The row type of a connection's `items` list, however Business NXT wraps it (list, non-null). */
function rowType(connection: IntrospectedType | null): IntrospectedType | undefined {
  let type = connection?.fields?.find((field) => field.name === 'items')?.type ?? undefined;
  while (type && !type.fields?.length && type.ofType) type = type.ofType;
  return type?.fields?.length ? type : undefined;
}

function names(type: IntrospectedType | null | undefined): string[] {
  return (type?.fields ?? []).map((field) => field.name);
}

/** Business NXT's table field `customerTransaction` belongs to type `CustomerTransaction`, `orderLine` to `OrderLine`. */
function pascal(table: string): string {
  return table.charAt(0).toUpperCase() + table.slice(1);
}
