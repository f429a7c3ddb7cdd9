import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databaseUrl, runId, templateDatabaseName } from './test-env';

/** A fresh, migrated database for one test file: a clone of this run's template (milliseconds). */
export async function createTestDatabase(label = 'db'): Promise<{ name: string; url: string }> {
  const name = `dsr_test_${runId()}_${label
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 12)
    .toLowerCase()}${randomBytes(3).toString('hex')}`;
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    // CREATE DATABASE … TEMPLATE refuses while another session uses the template; retry briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await client.end();
  }
  return { name, url: databaseUrl(name) };
}
