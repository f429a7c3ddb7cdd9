import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase } from '../support/test-database';

/**
 * The migrations are the schema (synchronize is never on outside tests, and not even here):
 * a migrated database must be exactly what the entities describe, or an entity change shipped
 * without its migration would only show up as a failing query in production. Several
 * migrations are written by hand; this is what keeps them honest.
 */
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'database', 'migrations');
const migrationText = readdirSync(MIGRATIONS_DIR)
  .map((file) => readFileSync(join(MIGRATIONS_DIR, file), 'utf8'))
  .join('\n');

/**
 * What TypeORM cannot model and would therefore "undo": foreign keys, partial and trigram
 * indexes and check constraints that the migrations create by name on purpose, and its known
 * misreading of a `'{}'::jsonb` default as different from itself. Anything else it wants to run
 * (a column, type, table or index an entity has and the migrations lack) is a real difference.
 */
function madeOnPurposeByAMigration(query: string): boolean {
  const constraint = /^ALTER TABLE "(\w+)" DROP CONSTRAINT "(\w+)"$/.exec(query);
  if (constraint) {
    const [, table, name] = constraint;
    // Some migrations name a constraint per table in a loop: `"${table}_case_fk"`.
    return migrationText.includes(`"${name}"`) || (name.startsWith(`${table}_`) && migrationText.includes(`}${name.slice(table.length)}"`));
  }
  const index = /^DROP INDEX "public"\."(\w+)"$/.exec(query);
  if (index) return migrationText.includes(`"${index[1]}"`) || migrationText.includes(` ${index[1]} `);
  return /^ALTER TABLE "\w+" ALTER COLUMN "\w+" SET DEFAULT '\{\}'::jsonb$/.test(query);
}

describe('migrations and entities', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const { url } = await createTestDatabase('schema');
    dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('leaves nothing for TypeORM to change in a migrated database', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query).filter((query) => !madeOnPurposeByAMigration(query))).toEqual([]);
  });

  it('has run every migration in the source tree', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
