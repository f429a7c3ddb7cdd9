import { CaseQueryService } from '../../src/cases/case-query.service';
import type { ListCasesQuery } from '../../src/cases/dto/list-cases.query';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The queue's searches must be index lookups at any size. With sequential scans priced out,
 * PostgreSQL still picks one when some branch of a WHERE has no index — which is what this
 * catches, on the very SQL the queue runs (the bench shows the timings at a million cases).
 */
describe('queue search plans', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api' });
  });
  afterAll(() => stack?.close());

  const planOf = async (query: ListCasesQuery): Promise<string> => {
    // `filtered` is the builder behind both the list and its counts.
    const builder = (
      stack.context.get(CaseQueryService) as unknown as { filtered(query: ListCasesQuery): { getQueryAndParameters(): [string, unknown[]] } }
    ).filtered(query);
    const [sql, parameters] = builder.getQueryAndParameters();
    return stack.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(`EXPLAIN ${sql}`, parameters);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  };

  it.each<[string, ListCasesQuery]>([
    ['a name (which also matches phone and customer number exactly)', { q: 'hansen' }],
    ['a phone number', { q: '+4791234567' }],
    ['an e-mail address', { q: 'ola@example.no' }],
    ['a reference', { q: 'DSR-2026-000123' }],
    ['the open queue', { status: 'open' }],
  ])('searches by %s without reading the whole table', async (_what, query) => {
    expect(await planOf(query)).not.toMatch(/Seq Scan on cases/);
  });
});
