/**
 * Queue at scale: N cases (default 1,000,000, 30 % open). Measures over HTTP the p50/p95 of the
 * default queue view, a search by e-mail and a search by reference, and prints the query plans.
 *   npm run bench:queue -- [cases] [samples]
 */
import 'reflect-metadata';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CaseQueryService } from '../src/cases/case-query.service';
import { BENCH_ADMIN, benchConfig, startBenchHttp } from './bench-app';
import { dropBenchDatabase, freshBenchDatabase, percentile } from './bench-database';
import { seedCases } from './seed-cases';
import { argument, benchPort, benchTarget } from './bench-env';

async function timed(url: string, headers: Record<string, string>, samples: number, path: (i: number) => string) {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = process.hrtime.bigint();
    const response = await fetch(`${url}${path(i)}`, { headers });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`${path(i)} → ${response.status} ${JSON.stringify(body)}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1), max: +times[times.length - 1].toFixed(1) };
}

async function plan(dataSource: DataSource, service: CaseQueryService, query: object): Promise<string> {
  // Capture the exact SQL the API runs (TypeORM hands every query to its logger), then EXPLAIN it.
  const captured: Array<[string, unknown[]]> = [];
  const logger = dataSource.logger;
  const capturing = Object.create(logger) as typeof logger;
  capturing.logQuery = (sql: string, parameters?: unknown[]) => void captured.push([sql, parameters ?? []]);
  (dataSource as { logger: typeof logger }).logger = capturing;
  try {
    await service.list(query as never);
  } finally {
    (dataSource as { logger: typeof logger }).logger = logger;
  }
  const lines: string[] = [];
  for (const [sql, parameters] of captured.filter(([sql]) => /^SELECT/i.test(sql))) {
    const rows: Array<{ 'QUERY PLAN': string }> = await dataSource.query(`EXPLAIN ANALYZE ${sql}`, parameters);
    lines.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
  }
  return lines.join('\n---\n');
}

async function main(): Promise<void> {
  const cases = argument(2, 'cases', 1_000_000);
  const samples = argument(3, 'samples', 200);
  const target = benchTarget({ database: 'dsr_bench_queue', prefix: '{dsrbench-queue}' });
  const port = benchPort('BENCH_PORT', 3901);
  const databaseUrl = await freshBenchDatabase(target.databaseUrl);
  const seedStart = Date.now();
  await seedCases(databaseUrl, cases, 0.3);
  console.log(`seeded ${cases} cases in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const { app, url } = await startBenchHttp(
    benchConfig({ DATABASE_URL: databaseUrl, REDIS_URL: target.redisUrl, QUEUE_PREFIX: target.queuePrefix, ROLE: 'api', PORT: String(port) }),
  );
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { Authorization: `Bearer ${token}` };
  const pick = (i: number) => 1 + ((i * 7_919) % cases);

  const results = {
    cases,
    samples,
    defaultQueueView: await timed(url, headers, samples, (i) => `/api/v1/cases?status=open&limit=50&offset=${(i % 5) * 50}`),
    searchByEmail: await timed(url, headers, samples, (i) => `/api/v1/cases?q=person${pick(i)}@example.no`),
    searchByReference: await timed(url, headers, samples, (i) => `/api/v1/cases?q=DSR-2026-${String(pick(i)).padStart(7, '0')}`),
    target: 'p95 <= 50 ms each',
  };
  console.log(JSON.stringify(results, null, 2));

  const dataSource = app.get<DataSource>(getDataSourceToken());
  const service = app.get(CaseQueryService);
  console.log('\n== plan: default queue view\n' + (await plan(dataSource, service, { status: 'open', limit: 50 })));
  console.log('\n== plan: search by e-mail\n' + (await plan(dataSource, service, { q: `person${pick(3)}@example.no` })));
  console.log('\n== plan: search by reference\n' + (await plan(dataSource, service, { q: `DSR-2026-${String(pick(5)).padStart(7, '0')}` })));
  await app.close();
  await dropBenchDatabase(databaseUrl);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
