import { Client } from 'pg';
import { ensureDatabaseExists, runMigrationsLocked } from '../src/database/database-bootstrap';

/** The maintenance database on the same server, to drop and create the bench's own. */
function adminUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

function nameOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** A fresh, migrated database for one benchmark run (benchTarget checked the name). */
export async function freshBenchDatabase(databaseUrl: string): Promise<string> {
  await dropBenchDatabase(databaseUrl);
  await ensureDatabaseExists(databaseUrl);
  await runMigrationsLocked(databaseUrl);
  return databaseUrl;
}

export async function dropBenchDatabase(databaseUrl: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl(databaseUrl) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${nameOf(databaseUrl)}" WITH (FORCE)`);
  await admin.end();
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
