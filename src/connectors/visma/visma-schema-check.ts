import { ConnectorError } from '../connector-errors';
import type { VismaClient } from './visma-client';
import type { VismaSettings } from './visma-settings';

/**
 * Before a Visma system does anything, the names the data map gives for the customer ledger (and,
 * with `deletion: routine`, the routine's processing) are looked up in the company's own GraphQL
 * schema with one introspection query. A wrong name then stops the system with a message naming
 * the setting, instead of every export and erasure failing on a GraphQL validation error halfway.
 *
 * Type names follow Business NXT's documented pattern: the company root is `Query_UseCompany`, a
 * table's connection type `Query_UseCompany_<Table>_Connection`, a table's processings
 * `<Table>Processings` (e.g. OrderProcessings).
 */
export const SCHEMA_CHECK_QUERY = `query visma_schema_check($connection: String!, $processings: String!) {
  company: __type(name: "Query_UseCompany") { fields { name } }
  ledger: __type(name: $connection) {
    fields {
      name
      type { name fields { name } ofType { name fields { name } ofType { name fields { name } ofType { name fields { name } } } } }
    }
  }
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
  processings: IntrospectedType | null;
}

/** One check per process and set of names; a network failure is not remembered (tried again). */
const checks = new Map<string, Promise<string[]>>();

/** Throws a permanent ConnectorError naming every wrong setting; resolves when all names exist. */
export async function assertVismaSchema(client: VismaClient, settings: VismaSettings): Promise<void> {
  const key = JSON.stringify([settings.systemId, settings.graphqlUrl, settings.companyNo, settings.ledger, settings.deletion, settings.deletionRoutine]);
  let pending = checks.get(key);
  if (!pending) {
    pending = schemaProblems(client, settings);
    checks.set(key, pending);
    pending.catch(() => checks.delete(key));
  }
  const problems = await pending;
  if (problems.length) {
    throw new ConnectorError(
      `Visma system "${settings.systemId}" is stopped until its data map is corrected (nothing was read or changed): ${problems.join('; ')}`,
      false,
    );
  }
}

/** "connection.<setting>: <problem>" for every configured name the company's schema lacks. */
export async function schemaProblems(client: VismaClient, settings: VismaSettings): Promise<string[]> {
  const { table, fields } = settings.ledger;
  const typeName = pascal(table);
  const answer = await client.request<SchemaCheckAnswer>(SCHEMA_CHECK_QUERY, {
    connection: `Query_UseCompany_${typeName}_Connection`,
    processings: 'AssociateProcessings',
  });
  const problems: string[] = [];
  const tables = names(answer.company);
  if (!tables.includes(table)) {
    problems.push(`connection.ledger.table: "${table}" is not a table in the Business NXT schema of company ${settings.companyNo}`);
  } else {
    const row = rowType(answer.ledger);
    if (!row) problems.push(`connection.ledger.table: the fields of table "${table}" could not be read from the schema`);
    else {
      const present = names(row);
      for (const [setting, name] of Object.entries(fields)) {
        if (!present.includes(name)) problems.push(`connection.ledger.fields.${setting}: "${name}" is not a field of ${row.name ?? typeName}`);
      }
    }
  }
  if (settings.deletion === 'routine' && !names(answer.processings).includes(settings.deletionRoutine)) {
    problems.push(
      `connection.deletionRoutine: "${settings.deletionRoutine}" is not a processing of the associate table (associate_processings); ` +
        `name the routine "Slett kunde-/leverandørdata" as this company's schema has it, or set connection.deletion: direct`,
    );
  }
  return problems;
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

/** Business NXT's table field `customerTransaction` belongs to type `CustomerTransaction`. */
function pascal(table: string): string {
  return table.charAt(0).toUpperCase() + table.slice(1);
}
