/** Names shared by globalSetup, globalTeardown and the test files of one Jest run. */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function runId(): string {
  const id = process.env.DSR_TEST_RUN_ID;
  if (!id) throw new Error('DSR_TEST_RUN_ID is not set: run the tests through `npm test` (jest globalSetup)');
  return id;
}

export const templateDatabaseName = (id = runId()) => `dsr_test_${id}_tpl`;
export const queuePrefixForRun = (id = runId()) => `{dsrtest-${id}}`;
