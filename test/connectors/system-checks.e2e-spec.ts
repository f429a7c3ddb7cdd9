import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import { api, BOOKKEEPING_HOLD, registration, searchOf, settled, taskOf, waitForCase, type Api } from '../fanout/fanout-stack';
import { pageText } from '../intake/intake-helpers';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_COMPANY_NO, startVismaSimulator, type VismaSimulator } from '../simulators/visma/visma-simulator';
import { SessionClient } from '../staff-ui/staff-session-client';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';

const PREFIX = 'SYSTEM_CHECKS_E2E';
const OLA = { email: 'ola.ordre@example.no', name: 'Ola Ordre' };
const BROKEN = 'connection.orders.fields.deliveryName: "delName" is not a field of Order';

/** Visma systems on one simulated company, each with its own `connection.orders` (`{}` = the
 *  defaults, which the simulated schema has). */
function dataMap(sim: VismaSimulator, systems: Array<[string, Record<string, unknown>]>): string {
  const visma = (id: string, orders: Record<string, unknown>) => ({
    id,
    name: `Visma Business NXT (${id})`,
    connector: 'visma',
    owner: 'regnskap@firma.example',
    connection: {
      companyNo: SIM_COMPANY_NO,
      clientIdEnv: `${PREFIX}_CLIENT_ID`,
      clientSecretEnv: `${PREFIX}_CLIENT_SECRET`,
      tokenUrl: sim.tokenUrl,
      graphqlUrl: sim.graphqlUrl,
      marketingFlagField: 'noMarketing',
      restrictionFlagField: 'processingRestricted',
      orders,
    },
    categories: ['contact details', 'orders', 'invoices'],
    purposes: ['sales and bookkeeping'],
    legalBasis: 'GDPR art. 6(1)(b) contract and 6(1)(c) legal obligation (bokføringsloven)',
    retention: { period: 'P5Y', basis: 'bokføringsloven § 13' },
    legalHolds: [BOOKKEEPING_HOLD],
  });
  const map = {
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    policy: { approvalRequired: [] },
    systems: systems.map(([id, orders]) => visma(id, orders)),
  };
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-datamap-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

/** Ola at the simulated company: a 2025 invoice, an order invoiced in 2025 and one not invoiced yet. */
async function startCompany(): Promise<VismaSimulator> {
  return startVismaSimulator({
    associates: [
      { associateNo: 1, customerNo: 10001, name: OLA.name, emailAddress: OLA.email, addressLine1: 'Storgata 1', postCode: '0155', postalArea: 'Oslo' },
    ],
    customerTransactions: [
      { customerNo: 10001, voucherNo: 5001, voucherDate: 20250314, amount: 1250 },
      { customerNo: 10001, voucherNo: 5002, voucherDate: 20250401, amount: -1250 },
    ],
    orders: [
      { orderNo: 501, customerNo: 10001, orderDate: 20250310, invoiceNo: 7001, deliveryName: OLA.name, deliveryAddress1: 'Hytteveien 3' },
      { orderNo: 503, customerNo: 10001, orderDate: 20261120, invoiceNo: 0, deliveryName: OLA.name, deliveryAddress1: 'Storgata 1' },
    ],
    orderLines: [
      { orderNo: 501, lineNo: 1, productNo: 'SYK-1', description: 'Sykkel', quantity: 1, amountDomestic: 4990 },
      { orderNo: 503, lineNo: 1, productNo: 'HJL-1', description: 'Hjelm', quantity: 1, amountDomestic: 799 },
    ],
  });
}

/** The engine on `systems`, with both systems' start-up checks answered. */
async function startEngine(sim: VismaSimulator, systems: Array<[string, Record<string, unknown>]>): Promise<{ stack: TestApp; client: Api }> {
  const stack = await startTestApp({ env: { SYSTEMS_FILE: dataMap(sim, systems), TASK_BACKOFF_MS: '100', CONNECTOR_INLINE_RETRY_WAIT_MS: '0' } });
  const auth = await adminAuth(stack.url);
  // The worker checks the systems when it starts, without waiting for them: wait for every answer.
  for (;;) {
    const rows: Array<{ system_id: string }> = await stack.dataSource.query('SELECT system_id FROM system_checks');
    if (rows.length === systems.length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stack, client: api(stack.url, () => auth) };
}

const register = async (client: Api, type: string) => {
  const response = await client.post('/api/v1/cases', registration(type, OLA));
  expect(response.status).toBe(201);
  return (await response.json()) as { reference: string; id: string };
};

beforeAll(() => {
  process.env[`${PREFIX}_CLIENT_ID`] = SIM_CLIENT_ID;
  process.env[`${PREFIX}_CLIENT_SECRET`] = SIM_CLIENT_SECRET;
});
afterAll(() => {
  delete process.env[`${PREFIX}_CLIENT_ID`];
  delete process.env[`${PREFIX}_CLIENT_SECRET`];
});

describe('the start-up name check: a wrong field name in the data map stops that system only', () => {
  let sim: VismaSimulator;
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    sim = await startCompany();
    ({ stack, client } = await startEngine(sim, [
      ['visma', {}],
      ['visma-broken', { fields: { deliveryName: 'delName' } }],
    ]));
  });
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
  });

  it('shows the misconfigured system as stopped on the data-map page, naming the setting, and the other as checked', async () => {
    const admin = new SessionClient(stack.url);
    expect((await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
    const text = pageText(await (await admin.get('/staff/systems')).text());
    expect(text).toContain(`Kontroll ved oppstart: Stoppet: oppgavene for dette systemet feiler til datakartet er rettet. Feil: ${BROKEN}`);
    expect(text).toContain('Kontroll ved oppstart: Tabell- og feltnavnene i datakartet finnes i systemet.');
  });

  it("a case's search in the stopped system fails at once with that message; the other system finds the person", async () => {
    const { reference } = await register(client, 'access');
    const body = await waitForCase(client, reference, (candidate) => {
      // Staff registration hands the search to the worker (its case-registered job): wait for both systems' rows.
      const searches = candidate.recordSearch ?? [];
      return searches.length === 2 && searches.every((search) => search.status !== 'pending');
    });
    expect(searchOf(body, 'visma')).toMatchObject({ status: 'done' });
    expect(searchOf(body, 'visma-broken')).toMatchObject({ status: 'failed' });
    expect(searchOf(body, 'visma-broken')?.error).toContain(BROKEN);
    // The case waits for staff (a failed search is searched again once the data map is fixed): no task ran.
    expect(body.tasks).toEqual([]);
  });
});

describe('Visma orders through the REST API', () => {
  let sim: VismaSimulator;
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    sim = await startCompany();
    ({ stack, client } = await startEngine(sim, [['visma', {}]]));
  });
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
  });

  it('an access request exports the orders with their delivery address and lines', async () => {
    const { reference, id } = await register(client, 'access');
    const body = await waitForCase(client, reference, settled);
    expect(taskOf(body, 'visma').status).toBe('done');
    const rows = await stack.context.get(TaskOutcomesReader).exports(stack.dataSource.manager, id);
    const data = rows[0].data as { orders: Array<Record<string, unknown>>; orderLines: Array<Record<string, unknown>>; notSearched: string[] };
    expect(data.orders).toEqual([
      expect.objectContaining({ orderNo: 501, orderDate: '2025-03-10', invoiceNo: 7001, deliveryAddress: 'Hytteveien 3' }),
      expect.objectContaining({ orderNo: 503, orderDate: '2026-11-20', deliveryAddress: 'Storgata 1' }),
    ]);
    expect(data.orderLines.map((line) => line.description)).toEqual(['Sykkel', 'Hjelm']);
    expect(data.notSearched).not.toContain('sales orders and order lines');
  });

  it('an erasure keeps the invoiced order under § 13 until the end of 2030 and deletes the order never invoiced', async () => {
    const { reference } = await register(client, 'erasure');
    const body = await waitForCase(client, reference, settled);
    const visma = taskOf(body, 'visma');
    expect(visma.status).toBe('retained');
    expect(sim.state.orders.map((order) => order.orderNo)).toEqual([501]);
    expect(sim.state.orderLines.map((line) => line.orderNo)).toEqual([501]);
    expect(JSON.stringify(visma.outcome)).toContain('2030-12-31');
    expect(sim.state.associates[0]).toMatchObject({ name: OLA.name, emailAddress: '' });
  });
});
