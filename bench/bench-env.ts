/**
 * Where a benchmark runs: its database, queue prefix, Redis and ports. Every bench drops and
 * recreates its database and deletes its prefix's keys, so each default is its own (never the
 * `npm start` defaults: database `dsr`, prefix `{dsr}`, port 3000) and the values `npm start`
 * would use from this environment are refused.
 *   BENCH_DATABASE_URL   the whole URL, or BENCH_DB_NAME: a name on BENCH_ADMIN_DATABASE_URL's server
 *   BENCH_QUEUE_PREFIX   BullMQ prefix
 *   BENCH_PORT           the service's HTTP port (benches that serve HTTP)
 *   BENCH_REDIS_URL      Redis (else REDIS_URL, else the local default)
 */
const APP_DEFAULTS = { database: 'dsr', prefix: '{dsr}', port: 3000 };
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchTarget {
  databaseUrl: string;
  databaseName: string;
  queuePrefix: string;
  redisUrl: string;
}

export function benchTarget(defaults: { database: string; prefix: string }): BenchTarget {
  const databaseUrl = new URL(process.env.BENCH_DATABASE_URL ?? ADMIN_URL);
  if (!process.env.BENCH_DATABASE_URL) databaseUrl.pathname = `/${process.env.BENCH_DB_NAME ?? defaults.database}`;
  const databaseName = decodeURIComponent(databaseUrl.pathname.slice(1));
  const queuePrefix = process.env.BENCH_QUEUE_PREFIX ?? defaults.prefix;
  const appDatabase = process.env.DATABASE_URL ? decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.slice(1)) : null;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) refuse('database name', databaseName, 'use lower-case letters, digits and _');
  if ([APP_DEFAULTS.database, appDatabase, 'postgres'].includes(databaseName)) refuse('database', databaseName, "it is the service's own (the bench drops it)");
  if ([APP_DEFAULTS.prefix, process.env.QUEUE_PREFIX].includes(queuePrefix))
    refuse('queue prefix', queuePrefix, "it is the service's own (the bench deletes its keys)");
  return {
    databaseUrl: databaseUrl.toString(),
    databaseName,
    queuePrefix,
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

/** A port from the environment (BENCH_PORT: the service's HTTP port), never the service's own. */
export function benchPort(variable: string, fallback: number): number {
  const port = Number(process.env[variable] ?? fallback);
  if (!Number.isInteger(port) || port < 1 || port > 65535) refuse(variable, String(process.env[variable]), 'a port is 1–65535');
  if ([APP_DEFAULTS.port, Number(process.env.PORT)].includes(port)) refuse(variable, String(port), "it is the service's own port");
  return port;
}

/** A whole number from the command line, with its default. */
export function argument(index: number, name: string, fallback: number): number {
  const value = Number(process.argv[index] ?? fallback);
  if (!Number.isInteger(value) || value < 1) refuse(name, String(process.argv[index]), 'a whole number of at least 1');
  return value;
}

function refuse(what: string, value: string, why: string): never {
  throw new Error(`bench: ${what} "${value}" refused: ${why}`);
}
