import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databaseUrl, runId } from '../support/test-env';

/** MariaDB on this machine (root, empty password), as .ci/run starts it. */
export const MARIADB_ADMIN_URL = process.env.TEST_MARIADB_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';

export interface ScratchDatabase {
  dialect: 'postgres' | 'mysql';
  url: string;
  /** Runs one statement with bound values ($1 for PostgreSQL, ? for MariaDB) and answers the rows. */
  query(text: string, values?: unknown[]): Promise<Array<Record<string, unknown>>>;
  drop(): Promise<void>;
}

/** The sample web shop schema and rows of examples/webshop-sql.sql, as single statements. */
export function webshopStatements(): string[] {
  const script = readFileSync(join(__dirname, '..', '..', 'examples', 'webshop-sql.sql'), 'utf8');
  return script
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/**
 * A database of its own for one test file (a name with this run's id and random letters, so parallel
 * runs never meet), loaded with the example web shop; `drop` removes it. PostgreSQL scratch
 * databases carry the run's `dsr_test_<run>_` prefix, so the run's teardown drops a leftover too.
 */
export async function webshopDatabase(dialect: 'postgres' | 'mysql'): Promise<ScratchDatabase> {
  const name = `dsr_test_${runId()}_shop${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '');
  const database = dialect === 'postgres' ? await postgresDatabase(name) : await mariadbDatabase(name);
  for (const statement of webshopStatements()) await database.query(statement);
  return database;
}

async function postgresDatabase(name: string): Promise<ScratchDatabase> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = databaseUrl(name);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    dialect: 'postgres',
    url,
    query: async (text, values = []) => (await client.query(text, values)).rows as Array<Record<string, unknown>>,
    drop: async () => {
      await client.end();
      const again = new Client({ connectionString: ADMIN_DATABASE_URL });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.end();
    },
  };
}

async function mariadbDatabase(name: string): Promise<ScratchDatabase> {
  const admin = await mysql.createConnection({ uri: MARIADB_ADMIN_URL });
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
  const url = `${MARIADB_ADMIN_URL}/${name}`;
  const connection = await mysql.createConnection({ uri: url, dateStrings: true });
  return {
    dialect: 'mysql',
    url,
    query: async (text, values = []) => {
      const [rows] = await connection.query(text, values);
      return Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : [];
    },
    drop: async () => {
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
