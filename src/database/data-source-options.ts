import { join } from 'node:path';
import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';

// A PostgreSQL `date` is a calendar day, not an instant: keep it as 'YYYY-MM-DD' everywhere
// (node-postgres would otherwise turn it into a Date at local midnight).
types.setTypeParser(types.builtins.DATE, (value) => value);

/** One definition of how we talk to PostgreSQL, shared by the app, the TypeORM CLI and tests.
 *  Entities and migrations are found by glob so that compiled (dist/) and source (ts) runs agree.
 *  The pool size is the app's (DATABASE_POOL_SIZE, in AppModule); migrations and the CLI use one connection at a time. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const ext = __filename.endsWith('.ts') ? 'ts' : 'js';
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [join(__dirname, '..', '**', `*.entity.${ext}`)],
    migrations: [join(__dirname, 'migrations', `*.${ext}`)],
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
  };
}
