import JSZip from 'jszip';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { SystemClock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import { ConnectionSettingsError, ConnectorRegistry, listedConnectors } from '../../src/connectors/connector-registry';
import { clearHttpTokenCache } from '../../src/connectors/http/http-auth';
import { SystemsService } from '../../src/systems/systems.service';
import { AnswerPackageEntity } from '../../src/responses/package/answer-package.entity';
import { PackageBuilderService } from '../../src/responses/package/package-builder.service';
import { api, registration, searchDone, settled, taskOf, waitForCase, type Api } from '../fanout/fanout-stack';
import { startWebshopSimulator, type WebshopSimulator } from '../simulators/webshop/webshop-simulator';
import { SmtpCapture } from '../support/smtp-capture';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { KARI, OLA, strangers, WEBSHOP_SECRETS } from './http-webshop';

type DataMap = { systems: Array<{ id: string; connection?: Record<string, unknown> }> } & Record<string, unknown>;

/** examples/webshop.yaml as shipped, its web shop pointed at the simulator (the manual accounting
 *  system left out: it is not what this test is about). `change` edits the map before it is written. */
function exampleMap(sim: WebshopSimulator, change: (map: DataMap) => void = () => undefined): string {
  const map = parse(readFileSync(join(__dirname, '..', '..', 'examples', 'webshop.yaml'), 'utf8')) as DataMap;
  map.systems = map.systems.filter((system) => system.id === 'webshop');
  map.systems[0].connection!.baseUrl = sim.baseUrl;
  change(map);
  const file = join(mkdtempSync(join(tmpdir(), 'dsr-webshop-')), 'systems.yaml');
  writeFileSync(file, stringify(map));
  return file;
}

const person = (seed: typeof KARI) => ({ email: seed.email, name: `${seed.first_name} ${seed.last_name}` });

describe('the http connector in the running engine, driving the web shop from examples/webshop.yaml', () => {
  const smtp = new SmtpCapture();
  let sim: WebshopSimulator;
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    Object.assign(process.env, WEBSHOP_SECRETS);
    clearHttpTokenCache();
    // Kari has 120 orders: three pages of the order list.
    const kari = { ...KARI, orders: Array.from({ length: 120 }, (_, index) => ({ total: 100 + index })) };
    sim = await startWebshopSimulator({ customers: [kari, OLA, ...strangers(5)] });
    stack = await startTestApp({
      env: {
        SMTP_URL: await smtp.start(),
        SYSTEMS_FILE: exampleMap(sim),
        PACKAGE_KEY: Buffer.alloc(32, 9).toString('base64'),
        TASK_BACKOFF_MS: '100',
        TASK_RATE_LIMITS: 'http=100/1000',
      },
    });
    const auth = await adminAuth(stack.url);
    client = api(stack.url, () => auth);
  });
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
    await smtp.stop();
    for (const name of Object.keys(WEBSHOP_SECRETS)) delete process.env[name];
  });

  const register = async (type: string, who: ReturnType<typeof person>, details: Record<string, unknown> = {}) => {
    const response = await client.post('/api/v1/cases', registration(type, who, details));
    expect(response.status).toBe(201);
    return (await response.json()) as { reference: string; id: string };
  };

  it('answers an access request: the customer and all 120 orders reach the package, through 429s, on one OAuth token', async () => {
    sim.rateLimitNext(2, 1);
    const { reference, id } = await register('access', person(KARI));
    const body = await waitForCase(client, reference, (current) => settled(current) && current.status === 'awaiting_review', 60_000);
    const task = taskOf(body, 'webshop');
    expect(task).toMatchObject({ action: 'export', status: 'done' });
    expect(task.outcome?.dispositions).toEqual([
      { kind: 'disclosed', what: 'customer', count: 1 },
      { kind: 'disclosed', what: 'order', count: 120 },
    ]);
    expect(sim.calls.filter((call) => call.status === 429).length).toBe(2);
    expect(sim.calls.filter((call) => call.route === '/v2/customers/:id/orders' && call.status === 200).map((call) => call.query.offset)).toEqual(
      expect.arrayContaining(['0', '50', '100']),
    );

    const completed = await client.post(`/api/v1/cases/${reference}/complete`, {});
    expect(completed.status).toBe(200);
    const row = await stack.dataSource.getRepository(AnswerPackageEntity).findOneOrFail({ where: { caseId: id } });
    const zip = await JSZip.loadAsync(stack.context.get(PackageBuilderService).open(row));
    const data = JSON.parse(await zip.file('data/webshop.json')!.async('string')) as {
      customer: Array<{ email: string; first_name: string }>;
      order: Array<{ customer_id: string; total: number }>;
    };
    expect(data.customer).toEqual([expect.objectContaining({ email: KARI.email, first_name: 'Kari' })]);
    expect(data.order).toHaveLength(120);
    const kariId = sim.state.customerByEmail(KARI.email)!.id;
    expect(data.order.every((order) => order.customer_id === kariId)).toBe(true);
    expect(JSON.stringify(data)).not.toContain(OLA.email);
    expect(sim.count('POST', '/oauth/token', 200)).toBe(1);
  });

  it('rectifies after approval: name and e-mail changed through the templates, old → new on the task', async () => {
    const { reference } = await register('rectification', person(OLA), { changes: { name: 'Ola Nordmann Hansen', email: 'ola.nh@example.no' } });
    await waitForCase(client, reference, searchDone);
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = await waitForCase(client, reference, settled);
    const task = taskOf(body, 'webshop');
    expect(task).toMatchObject({ action: 'rectify', status: 'done' });
    expect(task.outcome?.dispositions).toEqual(
      expect.arrayContaining([
        { kind: 'corrected', what: 'customer', field: 'name', old: 'Ola Hansen', new: 'Ola Nordmann Hansen', count: 1 },
        { kind: 'corrected', what: 'customer', field: 'email', old: OLA.email, new: 'ola.nh@example.no', count: 1 },
      ]),
    );
    expect(sim.state.customerByEmail('ola.nh@example.no')).toMatchObject({ first_name: 'Ola Nordmann', last_name: 'Hansen' });
    expect(sim.state.customerByEmail(OLA.email)).toBeUndefined();
  });

  it('erases after approval exactly the person: her orders anonymised, her customer deleted, nobody else touched', async () => {
    const before = new Map([...sim.state.customers.values()].map((customer) => [customer.id, JSON.stringify(customer)]));
    const kariId = sim.state.customerByEmail(KARI.email)!.id;
    const kariOrders = sim.state.ordersOf(kariId).map((order) => order.id);
    const othersOrders = [...sim.state.orders.values()].filter((order) => order.customer_id !== kariId).map((order) => JSON.stringify(order));

    const { reference } = await register('erasure', person(KARI));
    await waitForCase(client, reference, searchDone);
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = await waitForCase(client, reference, settled, 60_000);
    const task = taskOf(body, 'webshop');
    expect(task).toMatchObject({ action: 'erase', status: 'done' });
    expect(task.outcome?.dispositions).toEqual([
      { kind: 'anonymised', what: 'order', count: 120 },
      { kind: 'erased', what: 'customer', count: 1 },
    ]);
    expect(sim.state.customers.has(kariId)).toBe(false);
    for (const id of kariOrders) expect(sim.state.orders.get(id)).toMatchObject({ customer_id: null, billing_email: null, anonymized: true });
    before.delete(kariId);
    for (const [id, was] of before) expect(JSON.stringify(sim.state.customers.get(id))).toBe(was);
    expect([...sim.state.orders.values()].filter((order) => order.customer_id !== null).map((order) => JSON.stringify(order))).toEqual(othersOrders);
    // Still the one token from the first case: cached in the worker for its lifetime.
    expect(sim.count('POST', '/oauth/token', 200)).toBe(1);
  });
});

describe('a web-shop map with a mistake does not start', () => {
  // What start-up runs (the registry's boot check over the loaded data map), without leaving a
  // half-started application behind.
  it('names the system and the key', async () => {
    const sim = await startWebshopSimulator();
    try {
      const file = exampleMap(sim, (map) => {
        const records = map.systems[0].connection!.records as Array<{ fields: Record<string, string> }>;
        delete records[0].fields.phone;
      });
      const config = { SYSTEMS_FILE: file, CONNECTOR_INLINE_RETRY_WAIT_MS: 0, TZ_NAME: 'Europe/Oslo' } as AppConfig;
      const boot = () => new ConnectorRegistry(new SystemsService(config), listedConnectors(config, new SystemClock())).onModuleInit();
      expect(boot).toThrow(ConnectionSettingsError);
      expect(boot).toThrow(
        'system "webshop" has invalid connection settings: connection.records.0.fields.phone: the find request uses {{phone}}: say where the record holds it, so each hit can be confirmed',
      );
    } finally {
      await sim.close();
    }
  });
});
