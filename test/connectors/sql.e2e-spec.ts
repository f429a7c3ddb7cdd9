import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import { api, registration, settled, taskOf, waitForCase, type Api } from '../fanout/fanout-stack';
import { waitForPlan, type PlanBody } from '../plans/plan-stack';
import { letterMail } from '../responses/true-letters-stack';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { webshopDatabase, type ScratchDatabase } from './sql-scratch';

const OLA = { name: 'Ola Nordmann', email: 'ola.nordmann@example.no', phone: '+4791234567' };
const LAW = 'bokføringsloven § 13 (5-year rule)';
const SYSTEM = 'webshop-db';

/** The example data map (examples/webshop-sql.yaml) on the scratch database, in the given dialect. */
function exampleDataMap(dialect: 'postgres' | 'mysql', urlEnv: string): string {
  const map = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'webshop-sql.yaml'), 'utf8'));
  Object.assign(map.systems[0].connection, { dialect, urlEnv });
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-datamap-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

/** The system's plan rows in ref order (the plan lists children under their parent). */
function itemsOf(plan: PlanBody): PlanBody['systems'][number]['items'] {
  const items = plan.systems.find((system) => system.system === SYSTEM)!.items;
  return [...items].sort((a, b) => a.ref.localeCompare(b.ref));
}

/**
 * The example web shop database behind the declarative `sql` connector, end to end through the
 * REST API: an access request's export, a rectification and an erasure with the orders kept under
 * the bookkeeping hold (each planned, approved and executed), on real PostgreSQL and MariaDB.
 */
describe.each(['postgres', 'mysql'] as const)('sql connector on %s: the example web shop, through the API', (dialect) => {
  let db: ScratchDatabase;
  let stack: TestApp;
  let smtp: SmtpCapture;
  let client: Api;
  const urlEnv = `SQL_E2E_${dialect.toUpperCase()}_URL`;
  const rows = (text: string) => db.query(text);

  beforeAll(async () => {
    db = await webshopDatabase(dialect);
    process.env[urlEnv] = db.url;
    smtp = new SmtpCapture();
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), SYSTEMS_FILE: exampleDataMap(dialect, urlEnv), TASK_BACKOFF_MS: '100' } });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.stop();
    await db?.drop();
    delete process.env[urlEnv];
  });

  async function planned(type: string, details: Record<string, unknown> = {}): Promise<{ reference: string; id: string; plan: PlanBody }> {
    const response = await client.post('/api/v1/cases', { ...registration(type, OLA, details), language: 'en' });
    expect(response.status).toBe(201);
    const { reference, id } = (await response.json()) as { reference: string; id: string };
    const plan = await waitForPlan(client, reference, (body) => body.systems.some((system) => system.system === SYSTEM && system.status === 'done'));
    return { reference, id, plan };
  }

  it('access: the export of the customer, their orders and the newsletter sign-up reaches the package, nobody else', async () => {
    const response = await client.post('/api/v1/cases', registration('access', OLA));
    const { reference, id } = (await response.json()) as { reference: string; id: string };
    const body = await waitForCase(client, reference, settled);
    expect(taskOf(body, SYSTEM).status).toBe('done');
    const [part] = await stack.context.get(TaskOutcomesReader).exports(stack.dataSource.manager, id);
    expect(part.systemId).toBe(SYSTEM);
    const data = part.data as Record<string, Array<Record<string, unknown>>>;
    expect(data.customers).toEqual([expect.objectContaining({ customer_no: 'K-1001', full_name: 'Ola Nordmann', email: OLA.email, phone: '912 34 567' })]);
    expect(data.orders.map((order) => Number(order.id))).toEqual([101, 102]);
    expect(data.newsletter_signups).toEqual([expect.objectContaining({ email: OLA.email })]);
    expect(JSON.stringify(data)).not.toContain('Kari');
    expect(part.recordCount).toBe(4);
  });

  it('rectification: planned for the customer row only, then the name is corrected in the database with old → new', async () => {
    const { reference, plan } = await planned('rectification', { field: 'name', correctedValue: 'Ola Nordmann-Berg' });
    const items = itemsOf(plan);
    expect(items.map((item) => [item.ref, item.proposed])).toEqual([
      ['customers:1', 'rectify'],
      ['newsletter_signups:1', 'none'],
      ['orders:101', 'none'],
      ['orders:102', 'none'],
    ]);
    expect(await rows('SELECT full_name FROM customers WHERE id = 1')).toEqual([{ full_name: 'Ola Nordmann' }]);

    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const done = await waitForCase(client, reference, (body) => ['done', 'failed', 'manual'].includes(taskOf(body, SYSTEM).status));
    const task = taskOf(done, SYSTEM);
    expect(task.status).toBe('done');
    expect(task.outcome?.dispositions).toEqual([
      { kind: 'corrected', what: 'customer', field: 'name', old: 'Ola Nordmann', new: 'Ola Nordmann-Berg', count: 1 },
    ]);
    expect(await rows('SELECT full_name FROM customers ORDER BY id')).toEqual([{ full_name: 'Ola Nordmann-Berg' }, { full_name: 'Kari Hansen' }]);
  });

  it('erasure: the old order deleted, the recent one kept under bookkeeping and restricted, the customer anonymised, the sign-up deleted; the letter says so', async () => {
    const { reference, id, plan } = await planned('erasure');
    const items = itemsOf(plan);
    expect(items.map((item) => [item.ref, item.recordType, item.proposed, (item.keep as { until?: string } | null)?.until ?? null])).toEqual([
      ['customers:1', 'customer', 'erase', null],
      ['newsletter_signups:1', 'marketing-subscription', 'erase', null],
      ['orders:101', 'order', 'erase', null],
      ['orders:102', 'order', 'keep', '2030-12-31'],
    ]);
    expect(items.find((item) => item.ref === 'orders:102')!.label).toBe('Order 102 · 2025-06-10');
    // Surveying changed nothing.
    expect(await rows('SELECT id FROM orders ORDER BY id')).toHaveLength(3);

    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const reviewed = await waitForCase(client, reference, (body) => body.status === 'awaiting_review');
    const task = taskOf(reviewed, SYSTEM);
    expect(task.status).toBe('retained');
    expect(task.outcome?.dispositions).toEqual(
      expect.arrayContaining([
        { kind: 'erased', what: 'order', count: 1 },
        { kind: 'erased', what: 'marketing-subscription', count: 1 },
        { kind: 'anonymised', what: 'customer', count: 1 },
        { kind: 'kept', what: 'order', count: 1, basis: 'legal_obligation', law: LAW, until: '2030-12-31', allowedUse: 'bookkeeping, audit and tax control' },
      ]),
    );

    const restricted = dialect === 'mysql' ? 1 : true;
    const unrestricted = dialect === 'mysql' ? 0 : false;
    expect(await rows('SELECT id, customer_id, processing_restricted FROM orders ORDER BY id')).toEqual([
      { id: 102, customer_id: 1, processing_restricted: restricted },
      { id: 103, customer_id: 2, processing_restricted: unrestricted },
    ]);
    expect(await rows('SELECT id, full_name, email, phone, street FROM customers ORDER BY id')).toEqual([
      { id: 1, full_name: 'Anonymised customer', email: null, phone: null, street: null },
      { id: 2, full_name: 'Kari Hansen', email: 'kari.hansen@example.no', phone: '+47 987 65 432', street: 'Bryggen 4, 5003 Bergen' },
    ]);
    expect(await rows('SELECT email FROM newsletter_signups')).toEqual([{ email: 'kari.hansen@example.no' }]);

    expect((await client.post(`/api/v1/cases/${reference}/complete`, {})).status).toBe(200);
    const letter = (await letterMail(stack, smtp, id, OLA.email)).text.replace(/\r\n/g, '\n').replace(/\s+/g, ' ');
    expect(letter).toContain("We have erased: - Kundedatabasen (the web shop's customer and order database): 1 marketing subscription, 1 order");
    expect(letter).toMatch(/We have anonymised, so that it can no longer be linked to you: - Kundedatabasen [^-]*: 1 customer record/);
    expect(letter).toContain(
      '1 order: kept because the law requires it (GDPR Art 17(3)(b)): bokføringsloven § 13 (5-year rule); used only for bookkeeping, audit and tax control; until 31 December 2030.',
    );
    expect(letter).toContain('1 order: marked restricted in the database (processing_restricted): stored, not otherwise used');
  });
});
