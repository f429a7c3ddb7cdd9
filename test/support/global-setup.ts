import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensureDatabaseExists, runMigrationsLocked } from '../../src/database/database-bootstrap';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databaseUrl, templateDatabaseName } from './test-env';

/**
 * Gives this run its own migrated template database (each test file clones it), and compiles the
 * service once into a temporary folder so tests can start real `api`/`worker` processes.
 */
export default async function globalSetup(): Promise<void> {
  await dropAbandonedRuns();
  const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.DSR_TEST_RUN_ID = id;
  const template = databaseUrl(templateDatabaseName(id));
  await ensureDatabaseExists(template);
  await runMigrationsLocked(template);

  // Inside the project so the compiled code resolves node_modules; removed by globalTeardown.
  const outDir = join(process.cwd(), 'dist-test', id);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], {
    stdio: 'inherit',
  });
  // The page and e-mail templates (.hbs) are read beside the compiled modules, as in `npm run build`.
  execFileSync(process.execPath, [join(process.cwd(), 'scripts', 'copy-templates.mjs'), outDir], { stdio: 'inherit' });
  process.env.DSR_TEST_BUILD_DIR = outDir;
}

/** Runs that were killed never reach globalTeardown. A run id starts with its start time (base 36),
 *  so databases of runs that started more than six hours ago are dropped; a run still going on
 *  at the same time on this machine is much younger and is left alone. */
async function dropAbandonedRuns(): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'dsr\\_test\\_%'`);
    const cutoff = Date.now() - 6 * 3600_000;
    for (const { datname } of rows) {
      const started = parseInt(datname.slice('dsr_test_'.length, 'dsr_test_'.length + 8), 36);
      if (Number.isFinite(started) && started < cutoff) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
