import mssql from 'mssql';
import mysql from 'mysql2/promise';
import { Client as PgClient } from 'pg';
import { ConnectorAuthError, ConnectorError } from '../connector-errors';
import type { SqlDialect } from './sql-settings';
import type { SqlStatement } from './sql-statements';

export type SqlRow = Record<string, unknown>;

/** One open connection inside one transaction: what the connector's steps run against. */
export interface SqlSession {
  readonly dialect: SqlDialect;
  /** Rows of a SELECT; `affected` for a DELETE/UPDATE. */
  run(statement: SqlStatement, operation: string): Promise<{ rows: SqlRow[]; affected: number }>;
}

/**
 * Opens a connection for one task, runs `work` in one transaction and closes it. `readOnly` (the
 * survey, the access export): PostgreSQL and MariaDB open a READ ONLY transaction, so the database
 * itself refuses a write; SQL Server has no read-only transaction, so it is rolled back at the end.
 * Otherwise the transaction commits when `work` succeeds and rolls back when it throws, so an
 * erasure or correction is all or nothing and a retry starts from a clean state.
 */
export async function inTransaction<T>(dialect: SqlDialect, url: string, readOnly: boolean, work: (session: SqlSession) => Promise<T>): Promise<T> {
  if (dialect === 'mysql') return inMysql(url, readOnly, work);
  if (dialect === 'mssql') return inMssql(url, readOnly, work);
  return inPostgres(url, readOnly, work);
}

async function inPostgres<T>(url: string, readOnly: boolean, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const client = new PgClient({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A dropped connection must surface as this task's failure, never as an unhandled 'error'.
  client.on('error', () => undefined);
  await guard('connect', () => client.connect());
  try {
    await guard('begin', () => client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN'));
    const session: SqlSession = {
      dialect: 'postgres',
      run: (statement, operation) =>
        guard(operation, async () => {
          const result = await client.query({ text: statement.text, values: statement.values });
          return { rows: result.rows as SqlRow[], affected: result.rowCount ?? 0 };
        }),
    };
    return await finish(
      work(session),
      () => client.query('COMMIT'),
      () => client.query('ROLLBACK'),
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function inMysql<T>(url: string, readOnly: boolean, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const connection = await guard('connect', () => mysql.createConnection({ uri: url, connectTimeout: 10_000, dateStrings: true }));
  connection.on('error', () => undefined);
  try {
    await guard('begin', () => connection.query(readOnly ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION'));
    const session: SqlSession = {
      dialect: 'mysql',
      run: (statement, operation) =>
        guard(operation, async () => {
          const [result] = await connection.execute(statement.text, statement.values as never[]);
          if (Array.isArray(result)) return { rows: result as SqlRow[], affected: 0 };
          return { rows: [], affected: (result as { affectedRows?: number }).affectedRows ?? 0 };
        }),
    };
    return await finish(
      work(session),
      () => connection.query('COMMIT'),
      () => connection.query('ROLLBACK'),
    );
  } finally {
    await connection.end().catch(() => undefined);
  }
}

async function inMssql<T>(url: string, readOnly: boolean, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const pool = new mssql.ConnectionPool(url);
  pool.on('error', () => undefined);
  await guard('connect', () => pool.connect());
  try {
    const transaction = new mssql.Transaction(pool);
    await guard('begin', () => transaction.begin());
    const session: SqlSession = {
      dialect: 'mssql',
      run: (statement, operation) =>
        guard(operation, async () => {
          const request = new mssql.Request(transaction);
          statement.values.forEach((value, index) => request.input(`p${index + 1}`, value));
          const result = await request.query(statement.text);
          return { rows: (result.recordset ?? []) as SqlRow[], affected: result.rowsAffected.reduce((sum, count) => sum + count, 0) };
        }),
    };
    // Nothing a survey does is kept: SQL Server has no read-only transaction to ask for.
    return await finish(
      work(session),
      () => (readOnly ? transaction.rollback() : transaction.commit()),
      () => transaction.rollback(),
    );
  } finally {
    await pool.close().catch(() => undefined);
  }
}

async function finish<T>(work: Promise<T>, commit: () => Promise<unknown>, rollback: () => Promise<unknown>): Promise<T> {
  let result: T;
  try {
    result = await work;
  } catch (error) {
    await rollback().catch(() => undefined);
    throw error;
  }
  await guard('commit', commit);
  return result;
}

/** Error codes that say the credentials or rights are wrong: retrying will not help. */
const AUTH_CODES = new Set(['28P01', '28000', '42501', 'ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_TABLEACCESS_DENIED_ERROR', 'ELOGIN']);
/** Connection trouble, deadlocks and serialisation failures: a later attempt can succeed. */
const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ETIMEOUT',
  'ESOCKET',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  '40001',
  '40P01',
  '57P01',
  '08006',
  '08001',
]);

/**
 * Runs one driver call and turns its failure into a ConnectorError naming the operation and the
 * driver's error code only: a database's message can quote the row's values (a duplicate e-mail,
 * a key), which are personal data and must not reach logs or task errors.
 */
async function guard<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const code = String((error as { code?: unknown }).code ?? (error as { number?: unknown }).number ?? 'unknown');
    const message = `SQL ${operation} failed (database error ${code})`;
    if (AUTH_CODES.has(code)) throw new ConnectorAuthError(message);
    const timedOut = error instanceof Error && /timeout|timed out/i.test(error.message);
    throw new ConnectorError(message, RETRYABLE_CODES.has(code) || timedOut);
  }
}
