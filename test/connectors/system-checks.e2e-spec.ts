import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { TaskOutcomesReader } from '../../src/connectors/tasks/task-outcomes.reader';
import { api, BOOKKEEPING_HOLD, registration, searchOf, settled, taskOf, waitForCase, type Api } from '../fanout/fanout-stack';
import { pageText } from '../intake/intake-helpers';
import { waitForPlan } from '../plans/plan-stack';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_COMPANY_NO, startVismaSimulator, type VismaSimulator } from '../simulators/visma/visma-simulator';
import { createStaffUser, SessionClient } from '../staff-ui/staff-session-client';
import { languageLeaks, visibleText } from '../support/language-leaks';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { webshopDatabase, type ScratchDatabase } from './sql-scratch';

const PREFIX = 'SYSTEM_CHECKS_E2E';
const OLA = { email: 'ola.ordre@example.no', name: 'Ola Ordre' };
const BROKEN = 'connection.orders.fields.deliveryName: "delName" is not a field of Order';
const BROKEN_NB = 'connection.orders.fields.deliveryName: «delName» er ikke et felt i Order';
const SQL_BROKEN =
  'table "customers" has no column "e_mail" (connection.tables[0].match.email); table "nyhetsbrev" (connection.tables[2]) is not in the database';
const SQL_BROKEN_NB =
  'tabellen «customers» har ingen kolonne «e_mail» (connection.tables[0].match.email); tabellen «nyhetsbrev» (connection.tables[2]) finnes ikke i databasen';
/** The English of the findings, which a Norwegian page must not show. */
const FINDING_ENGLISH = ['is not a field of', 'is not in the database', 'has no column'];
const SQL_URL_ENV = `${PREFIX}_SHOP_URL`;

/** The example web shop (examples/webshop-sql.yaml) with a column and a table the database does not have. */
function brokenWebshop(): Record<string, unknown> {
  type Table = Record<string, unknown> & { match?: Record<string, string> };
  type Example = { systems: Array<Record<string, unknown> & { connection: Record<string, unknown> & { tables: Table[] } }> };
  const [system] = (parse(readFileSync(join(__dirname, '..', '..', 'examples', 'webshop-sql.yaml'), 'utf8')) as Example).systems;
  const [customers, orders, signups] = system.connection.tables;
  const tables = [{ ...customers, match: { ...customers.match, email: 'e_mail' } }, orders, { ...signups, name: 'nyhetsbrev' }];
  return { ...system, connection: { ...system.connection, urlEnv: SQL_URL_ENV, tables } };
}

/** What a data map holds besides its Visma systems. */
interface MapExtras {
  others?: Array<Record<string, unknown>>;
  approvalRequired?: string[];
}

/** Visma systems on one simulated company, each with its own `connection.orders` (`{}` = the
 *  defaults, which the simulated schema has), and any other systems as given. */
function dataMap(sim: VismaSimulator, systems: Array<[string, Record<string, unknown>]>, { others = [], approvalRequired = [] }: MapExtras): string {
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
    // In both languages, so the Norwegian page's leak check reads the engine's words only.
    categories: [
      { nb: 'kontaktopplysninger', en: 'contact details' },
      { nb: 'ordrer', en: 'orders' },
      { nb: 'fakturaer', en: 'invoices' },
    ],
    purposes: ['sales and bookkeeping'],
    legalBasis: 'GDPR art. 6(1)(b) contract and 6(1)(c) legal obligation (bokføringsloven)',
    retention: { period: 'P5Y', basis: 'bokføringsloven § 13' },
    legalHolds: [BOOKKEEPING_HOLD],
  });
  const map = {
    controller: { name: 'Firma AS', email: 'personvern@firma.example' },
    policy: { approvalRequired },
    systems: [...systems.map(([id, orders]) => visma(id, orders)), ...others],
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

/** The engine on `systems` (and `extras.others`), with every system's start-up check answered. */
async function startEngine(
  sim: VismaSimulator,
  systems: Array<[string, Record<string, unknown>]>,
  extras: MapExtras = {},
): Promise<{ stack: TestApp; client: Api }> {
  const stack = await startTestApp({
    env: { SYSTEMS_FILE: dataMap(sim, systems, extras), TASK_BACKOFF_MS: '100', CONNECTOR_INLINE_RETRY_WAIT_MS: '0' },
  });
  const auth = await adminAuth(stack.url);
  // The worker checks the systems when it starts, without waiting for them: wait for every answer.
  for (;;) {
    const rows: Array<{ system_id: string }> = await stack.dataSource.query('SELECT system_id FROM system_checks');
    if (rows.length === systems.length + (extras.others?.length ?? 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stack, client: api(stack.url, () => auth) };
}

const register = async (client: Api, type: string) => {
  const response = await client.post('/api/v1/cases', registration(type, OLA));
  expect(response.status).toBe(201);
  return (await response.json()) as { reference: string; id: string };
};

const ENGLISH_ADMIN = 'english.admin@example.no';
const STOPPED_NB = 'Navnekontrollen ved oppstart stoppet systemet til datakartet er rettet (ingenting ble lest eller endret):';
const STOPPED_EN = 'The name check when the worker started stopped this system until its data map is corrected (nothing was read or changed):';

/** An admin whose own language is English (TEST_ADMIN reads Norwegian, every account's default). */
async function createEnglishAdmin(stack: TestApp): Promise<void> {
  await createStaffUser(stack, ENGLISH_ADMIN, 'admin');
  await stack.dataSource.query(`UPDATE staff_users SET language = 'en' WHERE email = $1`, [ENGLISH_ADMIN]);
}

/** A staff page as the Norwegian admin (TEST_ADMIN) or the English one reads it. */
async function pageAs(stack: TestApp, language: 'nb' | 'en', path: string): Promise<string> {
  const staff = new SessionClient(stack.url);
  const signedIn = language === 'nb' ? await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password) : await staff.signIn(ENGLISH_ADMIN);
  expect(signedIn.status).toBe(303);
  const html = await (await staff.get(path)).text();
  expect(html).toContain(`<html lang="${language}">`);
  return html;
}

beforeAll(() => {
  process.env[`${PREFIX}_CLIENT_ID`] = SIM_CLIENT_ID;
  process.env[`${PREFIX}_CLIENT_SECRET`] = SIM_CLIENT_SECRET;
});
afterAll(() => {
  delete process.env[`${PREFIX}_CLIENT_ID`];
  delete process.env[`${PREFIX}_CLIENT_SECRET`];
});

describe('the start-up name check: a wrong name in the data map stops that system only, in the reader’s language', () => {
  let sim: VismaSimulator;
  let shop: ScratchDatabase;
  let stack: TestApp;
  let client: Api;
  let reference: string;

  beforeAll(async () => {
    sim = await startCompany();
    shop = await webshopDatabase('postgres');
    process.env[SQL_URL_ENV] = shop.url;
    ({ stack, client } = await startEngine(
      sim,
      [
        ['visma', {}],
        ['visma-broken', { fields: { deliveryName: 'delName' } }],
      ],
      { others: [brokenWebshop()] },
    ));
    await createEnglishAdmin(stack);
  });
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
    await shop?.drop();
    delete process.env[SQL_URL_ENV];
  });

  it('stores the finding in each staff language and the English next to it for logs', async () => {
    const rows: Array<{ system_id: string; status: string; message: string | null; message_text: Record<string, string> | null }> =
      await stack.dataSource.query('SELECT system_id, status, message, message_text FROM system_checks ORDER BY system_id');
    expect(rows).toEqual([
      { system_id: 'visma', status: 'ok', message: null, message_text: null },
      { system_id: 'visma-broken', status: 'stopped', message: BROKEN, message_text: { en: BROKEN, nb: BROKEN_NB } },
      { system_id: 'webshop-db', status: 'stopped', message: SQL_BROKEN, message_text: { en: SQL_BROKEN, nb: SQL_BROKEN_NB } },
    ]);
  });

  it('shows the misconfigured systems as stopped on the data-map page, naming the settings in Norwegian, and the other as checked', async () => {
    const html = await pageAs(stack, 'nb', '/staff/systems');
    const text = pageText(html);
    expect(text).toContain(`Kontroll ved oppstart: Stoppet: oppgavene for dette systemet feiler til datakartet er rettet. Feil: ${BROKEN_NB}`);
    expect(text).toContain(`Kontroll ved oppstart: Stoppet: oppgavene for dette systemet feiler til datakartet er rettet. Feil: ${SQL_BROKEN_NB}`);
    expect(text).toContain('Kontroll ved oppstart: Tabell- og feltnavnene i datakartet finnes i systemet.');
    for (const english of FINDING_ENGLISH) expect(text).not.toContain(english);
    const leaks = languageLeaks(visibleText(html));
    expect(leaks.map((leak) => `«${leak.found}» in …${leak.context}…`)).toEqual([]);
  });

  it('shows an English-speaking admin the findings in English', async () => {
    const text = pageText(await pageAs(stack, 'en', '/staff/systems'));
    expect(text).toContain(`Check at start-up: Stopped: this system's tasks fail until the data map is corrected. Problem: ${BROKEN}`);
    expect(text).toContain(`Check at start-up: Stopped: this system's tasks fail until the data map is corrected. Problem: ${SQL_BROKEN}`);
    expect(text).not.toContain(BROKEN_NB);
  });

  it("a case's search in each stopped system fails at once with its finding; the other system finds the person", async () => {
    ({ reference } = await register(client, 'access'));
    const body = await waitForCase(client, reference, (candidate) => {
      // Staff registration hands the search to the worker (its case-registered job): wait for every system's row.
      const searches = candidate.recordSearch ?? [];
      return searches.length === 3 && searches.every((search) => search.status !== 'pending');
    });
    expect(searchOf(body, 'visma')).toMatchObject({ status: 'done' });
    expect(searchOf(body, 'visma-broken')).toMatchObject({ status: 'failed' });
    expect(searchOf(body, 'visma-broken')?.error).toContain(BROKEN);
    expect(searchOf(body, 'webshop-db')).toMatchObject({ status: 'failed' });
    expect(searchOf(body, 'webshop-db')?.error).toContain(SQL_BROKEN);
    // The case waits for staff (a failed search is searched again once the data map is fixed): no task ran.
    expect(body.tasks).toEqual([]);
  });

  it('the failed searches on the case page: the finding in Norwegian for the Norwegian admin, in English for the English one', async () => {
    const norwegian = pageText(await pageAs(stack, 'nb', `/staff/cases/${reference}`));
    expect(norwegian).toContain(`${STOPPED_NB} ${BROKEN_NB}`);
    expect(norwegian).toContain(`${STOPPED_NB} ${SQL_BROKEN_NB}`);
    for (const english of FINDING_ENGLISH) expect(norwegian).not.toContain(english);

    const english = pageText(await pageAs(stack, 'en', `/staff/cases/${reference}`));
    expect(english).toContain(`${STOPPED_EN} ${BROKEN}`);
    expect(english).toContain(`${STOPPED_EN} ${SQL_BROKEN}`);
  });
});

describe('a task of a system stopped after its search: the failure on the case page in the reader’s language', () => {
  let sim: VismaSimulator;
  let stack: TestApp;
  let client: Api;

  beforeAll(async () => {
    sim = await startCompany();
    ({ stack, client } = await startEngine(sim, [['visma', {}]], { approvalRequired: ['erasure'] }));
    await createEnglishAdmin(stack);
  });
  afterAll(async () => {
    await stack?.close();
    await sim?.close();
  });

  it('an approved erasure fails at once with the Norwegian finding for the Norwegian admin, the English for the English one, nothing erased', async () => {
    const { reference } = await register(client, 'erasure');
    await waitForPlan(client, reference, (plan) => plan.systems.some((system) => system.system === 'visma' && system.status === 'done'));
    // The check as the next start writes it once the company's schema has lost the field (this
    // data map's connection, so the row is trusted): the search is done, the task not yet run.
    await stack.dataSource.query(`UPDATE system_checks SET status = 'stopped', message = $1, message_text = $2 WHERE system_id = 'visma'`, [
      BROKEN,
      { en: BROKEN, nb: BROKEN_NB },
    ]);
    expect((await client.post(`/api/v1/cases/${reference}/approve`, {})).status).toBe(200);
    const body = await waitForCase(client, reference, settled);
    expect(taskOf(body, 'visma')).toMatchObject({ status: 'failed', error: `${STOPPED_EN} ${BROKEN}` });
    expect(sim.state.associates[0]).toMatchObject({ emailAddress: OLA.email });

    const norwegian = pageText(await pageAs(stack, 'nb', `/staff/cases/${reference}`));
    expect(norwegian).toContain(`${STOPPED_NB} ${BROKEN_NB}`);
    for (const english of FINDING_ENGLISH) expect(norwegian).not.toContain(english);
    expect(pageText(await pageAs(stack, 'en', `/staff/cases/${reference}`))).toContain(`${STOPPED_EN} ${BROKEN}`);
  });

  it('a row stored before the translations shows its English finding as it is, in both languages', async () => {
    await stack.dataSource.query(`UPDATE system_checks SET message_text = NULL WHERE system_id = 'visma'`);
    expect(pageText(await pageAs(stack, 'nb', '/staff/systems'))).toContain(`Feil: ${BROKEN}`);
    expect(pageText(await pageAs(stack, 'en', '/staff/systems'))).toContain(`Problem: ${BROKEN}`);
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
