import type { Disposition } from '../../src/common/dispositions/disposition';
import { dispositionProblems } from '../../src/common/dispositions/disposition.schema';
import type { ExportPart, Outcome } from '../../src/connectors/connector';
import { ConnectorAuthError, ConnectorError, RateLimitedError } from '../../src/connectors/connector-errors';
import { clearHttpTokenCache } from '../../src/connectors/http/http-auth';
import { HttpConnector, type HttpConnectorOptions } from '../../src/connectors/http/http.connector';
import { startWebshopSimulator, type WebshopSimulator, type WebshopSimulatorOptions } from '../simulators/webshop/webshop-simulator';
import { exampleConnection, KARI, OLA, strangers, WEBSHOP_SECRETS, webshopContext } from './http-webshop';

const TOKEN = '/oauth/token';
const CUSTOMERS = '/v2/customers';
const CUSTOMER = '/v2/customers/:id';
const ORDERS = '/v2/customers/:id/orders';
const ANONYMIZE = '/v2/orders/:id/anonymize';

let sim: WebshopSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  clearHttpTokenCache();
});

async function start(options: WebshopSimulatorOptions = {}): Promise<WebshopSimulator> {
  sim = await startWebshopSimulator({ customers: [KARI, OLA, ...strangers(3)], ...options });
  return sim;
}

function dispositionsOf(result: Outcome | ExportPart): Disposition[] | undefined {
  const list = (result as { dispositions?: Disposition[] }).dispositions;
  expect(dispositionProblems(list)).toEqual([]);
  return list;
}

/** A connector whose inline waits are recorded (and really waited: the simulator's Retry-After is 1 s). */
function connectorWithWaits(options: HttpConnectorOptions = {}): { connector: HttpConnector; waits: number[] } {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    await new Promise((resolve) => setTimeout(resolve, ms));
  };
  return { connector: new HttpConnector({ sleep, ...options }), waits };
}

const kari = (s: WebshopSimulator) => s.state.customerByEmail(KARI.email)!;
const ola = (s: WebshopSimulator) => s.state.customerByEmail(OLA.email)!;

describe('the http connector driving the web-shop simulator from examples/webshop.yaml alone', () => {
  it('finds a customer by e-mail with an OAuth token fetched once and reused', async () => {
    const s = await start();
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    const matches = await connector.find(ctx, { email: ' Kari.Nordmann@Example.no ' });
    expect(matches).toEqual([
      {
        externalId: `customer:${kari(s).id}`,
        kind: 'customer',
        label: `customer ${kari(s).id}`,
        holds: { emails: [KARI.email], phones: ['+4791234567'], names: ['Kari Nordmann'], addresses: ['Storgata 1'] },
      },
    ]);
    expect(await connector.find(ctx, { email: 'nobody@example.no' })).toEqual([]);
    expect((await connector.find(ctx, { phone: '+4741555123' })).map((match) => match.externalId)).toEqual([`customer:${ola(s).id}`]);
    expect(s.count('POST', TOKEN, 200)).toBe(1);
    // The token went in a Basic header, not the form (RFC 6749 § 2.3.1), and every API call carried it.
    expect(s.count('GET', CUSTOMERS, 200)).toBe(3);
    expect(s.calls.filter((call) => call.status === 401)).toEqual([]);
  });

  it('refuses a subject it cannot search for, sending nothing', async () => {
    const s = await start();
    await expect(new HttpConnector().find(webshopContext(exampleConnection(s)), { name: 'Kari Nordmann' })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('searches by email, phone'),
    });
    expect(s.calls).toEqual([]);
  });

  it('follows the cursor through several pages and confirms every hit against the record', async () => {
    const family = ['mor', 'far', 'datter', 'sonn', 'bestemor'].map((who) => ({
      email: `${who}@familien.example`,
      first_name: who,
      last_name: 'Berg',
      phone: '+47 22 33 44 55',
    }));
    const s = await start({ customers: [...family, KARI, ...strangers(4)] });
    const connection = exampleConnection(s) as { records: Array<{ find: Array<{ pagination: Record<string, unknown> }> }> };
    for (const find of connection.records[0].find) find.pagination = { ...find.pagination, size: 2 };
    const matches = await new HttpConnector().find(webshopContext(connection), { phone: '+4722334455' });
    expect(matches.map((match) => match.holds?.emails?.[0])).toEqual(family.map((person) => person.email));
    const pages = s.calls.filter((call) => call.route === CUSTOMERS);
    expect(pages.map((call) => [call.query.limit, call.query.starting_after === undefined ? 'first' : 'next'])).toEqual([
      ['2', 'first'],
      ['2', 'next'],
      ['2', 'next'],
    ]);
  });

  it('exports the customer and every order, across offset pages', async () => {
    const many = { ...KARI, orders: Array.from({ length: 120 }, (_, index) => ({ total: 100 + index })) };
    const s = await start({ customers: [many, OLA] });
    const part = await new HttpConnector().export(webshopContext(exampleConnection(s)), { email: KARI.email });
    expect(part.recordCount).toBe(121);
    expect((part.data.customer as Array<{ email: string }>).map((customer) => customer.email)).toEqual([KARI.email]);
    const orders = part.data.order as Array<{ total: number; customer_id: string }>;
    expect(orders.map((order) => order.total)).toEqual(many.orders.map((order) => order.total));
    expect(new Set(orders.map((order) => order.customer_id))).toEqual(new Set([kari(s).id]));
    expect(s.calls.filter((call) => call.route === ORDERS).map((call) => call.query.offset)).toEqual(['0', '50', '100']);
    expect(dispositionsOf(part)).toEqual([
      { kind: 'disclosed', what: 'customer', count: 1 },
      { kind: 'disclosed', what: 'order', count: 120 },
    ]);
    const none = await new HttpConnector().export(webshopContext(exampleConnection(s)), { email: 'nobody@example.no' });
    expect(none.recordCount).toBe(0);
    expect(dispositionsOf(none)).toEqual([{ kind: 'not_held', reason: 'not_found' }]);
  });

  it('erases exactly the subject: orders anonymised first, then the customer deleted; a repeat finds nothing', async () => {
    const s = await start();
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    const kariId = kari(s).id;
    const kariOrders = s.state.ordersOf(kariId).map((order) => order.id);
    const outcome = await connector.erase(ctx, { email: KARI.email }, { legalHolds: [] });
    expect(outcome).toMatchObject({ status: 'done', details: { erased: { order: kariOrders, customer: [kariId] }, alreadyGone: {} } });
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'anonymised', what: 'order', count: 3 },
      { kind: 'erased', what: 'customer', count: 1 },
    ]);
    expect(s.state.customers.has(kariId)).toBe(false);
    for (const id of kariOrders)
      expect(s.state.orders.get(id)).toMatchObject({ customer_id: null, billing_email: null, shipping_address: null, anonymized: true });
    // Ola and his order are untouched.
    expect(ola(s)).toMatchObject({ email: OLA.email, first_name: 'Ola' });
    expect(s.state.ordersOf(ola(s).id)).toHaveLength(1);
    expect(s.count('POST', ANONYMIZE, 200)).toBe(3);
    expect(s.count('DELETE', CUSTOMER, 204)).toBe(1);

    const again = await connector.erase(ctx, { email: KARI.email }, { legalHolds: [] });
    expect(again).toMatchObject({ status: 'not_found' });
    expect(s.count('DELETE', CUSTOMER)).toBe(1);
  });

  it('acts only on the records the case confirmed (onlyRecords), and leaves holds to a person', async () => {
    const s = await start();
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    expect(await connector.erase(ctx, { email: KARI.email, onlyRecords: [] }, { legalHolds: [] })).toMatchObject({ status: 'not_found' });
    const held = await connector.erase(ctx, { email: KARI.email }, { legalHolds: [{ records: 'orders', basis: 'bokføringsloven § 13', keepFor: 'P5Y' }] });
    expect(held).toMatchObject({ status: 'manual', summary: expect.stringContaining('orders') });
    expect(s.calls.filter((call) => call.method !== 'GET' && call.route !== TOKEN)).toEqual([]);
  });

  it('stops on an order the platform will not anonymise, naming the template, and finishes on a later try', async () => {
    const s = await start({ customers: [{ ...KARI, orders: [{ total: 100 }, { total: 200, status: 'open' }] }] });
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    const failure = connector.erase(ctx, { email: KARI.email }, { legalHolds: [] });
    await expect(failure).rejects.toBeInstanceOf(ConnectorError);
    await expect(failure).rejects.toMatchObject({
      retryable: false,
      httpStatus: 409,
      message: expect.stringContaining('records.order.erase (POST /v2/orders/{{id}}/anonymize)'),
    });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining(KARI.email) });
    expect(s.state.customers.has(kari(s).id)).toBe(true);

    for (const order of s.state.ordersOf(kari(s).id)) order.status = 'cancelled';
    const outcome = await connector.erase(ctx, { email: KARI.email }, { legalHolds: [] });
    // The order anonymised on the first try is no longer the customer's: only the other one is left.
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'anonymised', what: 'order', count: 1 },
      { kind: 'erased', what: 'customer', count: 1 },
    ]);
  });

  it('rectifies name and e-mail with the body templates, reporting old → new; a repeat changes nothing', async () => {
    const s = await start();
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    const changes = { name: 'Kari Nordmann Berg', email: 'kari.berg@example.no', phone: '+47 912 34 567', shoeSize: '39' };
    const outcome = await connector.rectify(ctx, { email: KARI.email }, changes, { reference: 'DSR-1' });
    expect(outcome).toMatchObject({
      status: 'done',
      summary: expect.stringContaining('no rectify request for: shoeSize'),
      details: { previous: { name: ['Kari Nordmann'], email: [KARI.email] } },
    });
    expect(dispositionsOf(outcome)).toEqual([
      { kind: 'corrected', what: 'customer', field: 'name', old: 'Kari Nordmann', new: 'Kari Nordmann Berg', count: 1 },
      { kind: 'corrected', what: 'customer', field: 'email', old: KARI.email, new: 'kari.berg@example.no', count: 1 },
    ]);
    expect(kari(s)).toBeUndefined();
    expect(s.state.customerByEmail('kari.berg@example.no')).toMatchObject({ first_name: 'Kari Nordmann', last_name: 'Berg', phone: '+47 912 34 567' });
    // The phone was already right (as one number): no request for it.
    expect(s.count('PATCH', CUSTOMER, 200)).toBe(2);

    const again = await connector.rectify(ctx, { email: KARI.email }, changes, { reference: 'DSR-1' });
    expect(again).toMatchObject({ status: 'done', summary: expect.stringContaining('Already up to date'), dispositions: [] });
    expect(s.count('PATCH', CUSTOMER)).toBe(2);
  });

  it('restricts processing and stops marketing with the data map requests', async () => {
    const s = await start();
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    const restricted = await connector.restrict(ctx, { email: KARI.email }, 'processing', { reference: 'DSR-7', fields: ['address'] });
    expect(restricted).toMatchObject({ status: 'done', summary: expect.stringContaining('contested: address') });
    expect(dispositionsOf(restricted)).toEqual([
      { kind: 'restricted', what: 'customer', count: 1, how: 'marked "processing restricted" on the customer in the web shop' },
    ]);
    expect(kari(s)).toMatchObject({ processing_restricted: true, note: 'GDPR restriction, case DSR-7', marketing_consent: true });
    const marketing = await connector.restrict(ctx, { email: KARI.email }, 'marketing', { reference: 'DSR-8' });
    expect(dispositionsOf(marketing)).toEqual([{ kind: 'suppressed', what: 'customer', count: 1, channels: ['email'], minimalEntryOnly: false }]);
    expect(kari(s).marketing_consent).toBe(false);
  });

  it('waits out a short 429 as Retry-After says, and hands a long one to the task queue', async () => {
    const s = await start();
    const { connector, waits } = connectorWithWaits();
    const ctx = webshopContext(exampleConnection(s));
    s.rateLimitNext(2, 1);
    expect(await connector.find(ctx, { email: KARI.email })).toHaveLength(1);
    expect(waits).toEqual([1000, 1000]);
    expect(s.count('GET', CUSTOMERS, 429)).toBe(2);

    s.rateLimitNext(1, 120);
    const limited = connector.find(ctx, { email: KARI.email });
    await expect(limited).rejects.toBeInstanceOf(RateLimitedError);
    await expect(limited).rejects.toMatchObject({ retryAfterMs: 120_000, retryable: true });
  });

  it('gives up on a run of 429s after three inline waits', async () => {
    const s = await start();
    const { connector, waits } = connectorWithWaits();
    s.rateLimitNext(10, 0);
    await expect(connector.find(webshopContext(exampleConnection(s)), { email: KARI.email })).rejects.toBeInstanceOf(RateLimitedError);
    expect(waits).toEqual([0, 0, 0]);
  });

  it('5xx is retryable; a revoked token is fetched again once; wrong client credentials are not retryable', async () => {
    const s = await start();
    const connector = new HttpConnector();
    const ctx = webshopContext(exampleConnection(s));
    s.failNext(1, 503);
    await expect(connector.find(ctx, { email: KARI.email })).rejects.toMatchObject({ retryable: true, httpStatus: 503 });

    s.revokeTokens();
    expect(await connector.find(ctx, { email: KARI.email })).toHaveLength(1);
    expect(s.count('POST', TOKEN, 200)).toBe(2);
    expect(s.count('GET', CUSTOMERS, 401)).toBe(1);

    clearHttpTokenCache();
    const wrong = connector.find(webshopContext(exampleConnection(s), { ...WEBSHOP_SECRETS, WEBSHOP_CLIENT_SECRET: 'wrong' }), { email: KARI.email });
    await expect(wrong).rejects.toBeInstanceOf(ConnectorAuthError);
    await expect(wrong).rejects.toMatchObject({ retryable: false });
  });

  it('can send the OAuth client in the form instead of a Basic header', async () => {
    const s = await start();
    const connection = exampleConnection(s) as { auth: Record<string, unknown> };
    connection.auth = { ...connection.auth, clientAuth: 'body' };
    expect(await new HttpConnector().find(webshopContext(connection), { email: KARI.email })).toHaveLength(1);
    expect(s.count('POST', TOKEN, 200)).toBe(1);
  });

  it('says which template does not fit the answer', async () => {
    const s = await start();
    const connection = exampleConnection(s) as { records: Array<{ find: Array<{ results: string }> }> };
    connection.records[0].find[0].results = '$.customers';
    await expect(new HttpConnector().find(webshopContext(connection), { email: KARI.email })).rejects.toMatchObject({
      retryable: false,
      message: 'system webshop, records.customer.find[0]: the answer has no records at $.customers (results); check the template against the API',
    });
  });
});

describe('the http connector, second style: API key, Link header and page numbers (the legacy v1 API)', () => {
  const v1 = (pagination: Record<string, unknown>, query: Record<string, unknown> = {}) => ({
    auth: { type: 'api-key', header: 'X-Api-Key', valueEnv: 'WEBSHOP_API_KEY' },
    records: [
      {
        kind: 'customer',
        find: { path: '/v1/customers', query: { telephone: '{{phone}}', ...query }, results: '$', pagination },
        id: '$.customer_id',
        fields: { email: '$.email_address', phone: '$.telephone', name: '$.full_name' },
      },
    ],
  });
  const household = ['a', 'b', 'c'].map((who) => ({
    email: `${who}@hjemme.example`,
    first_name: who.toUpperCase(),
    last_name: 'Lie',
    phone: '+47 22 11 00 99',
  }));

  it('follows rel="next" through every page with the API key header', async () => {
    const s = await start({ customers: [...household, KARI] });
    const connection = { baseUrl: s.baseUrl, ...v1({ style: 'link' }, { per_page: 1 }) };
    const matches = await new HttpConnector().find(webshopContext(connection), { phone: '+4722110099' });
    expect(matches.map((match) => match.holds)).toEqual(
      household.map((person) => ({ emails: [person.email], phones: ['+4722110099'], names: [`${person.first_name} Lie`] })),
    );
    expect(s.calls.filter((call) => call.route === '/v1/customers').map((call) => [call.status, call.query.page ?? 'first'])).toEqual([
      [200, 'first'],
      [200, '2'],
      [200, '3'],
    ]);
  });

  it('counts pages with page/per_page and stops at a short page', async () => {
    const s = await start({ customers: [...household, KARI] });
    const connection = { baseUrl: s.baseUrl, ...v1({ style: 'page', pageParam: 'page', sizeParam: 'per_page', size: 2 }) };
    const part = await new HttpConnector().export(webshopContext(connection), { phone: '+47 22 11 00 99' });
    expect(part.recordCount).toBe(3);
    expect(s.calls.filter((call) => call.route === '/v1/customers').map((call) => call.query.page)).toEqual(['1', '2']);
  });

  it('an unknown key is an auth error, not retried', async () => {
    const s = await start();
    const connection = { baseUrl: s.baseUrl, ...v1({ style: 'link' }) };
    await expect(new HttpConnector().find(webshopContext(connection, { WEBSHOP_API_KEY: 'nope' }), { phone: '+4722110099' })).rejects.toMatchObject({
      name: 'ConnectorAuthError',
      retryable: false,
      httpStatus: 401,
    });
    expect(s.calls).toHaveLength(1);
  });

  it('never follows a next link to another host', async () => {
    const other = await startWebshopSimulator({ customers: household });
    // A platform that believes it is served elsewhere (a misconfigured proxy): its links point there.
    const s = await start({ customers: household, publicUrl: other.baseUrl });
    try {
      const connection = { baseUrl: s.baseUrl, ...v1({ style: 'link' }, { per_page: 1 }) };
      await expect(new HttpConnector().find(webshopContext(connection), { phone: '+4722110099' })).rejects.toMatchObject({
        retryable: false,
        message: expect.stringContaining('the next-page link leads to another host'),
      });
      expect(other.calls).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('connection settings, checked at boot', () => {
  const check = (connection: Record<string, unknown>) => new HttpConnector().checkConnection(connection);
  const base = () => ({
    baseUrl: 'https://api.example',
    auth: { type: 'bearer', tokenEnv: 'API_TOKEN' },
    records: [{ kind: 'contact', find: { path: '/contacts', query: { email: '{{email}}' }, results: '$.items' }, id: '$.id', fields: { email: '$.email' } }],
  });

  it('accepts the example and a minimal bearer map', () => {
    expect(check(base())).toEqual([]);
    expect(check(exampleConnection({ baseUrl: 'https://api.handlekurv.example' } as WebshopSimulator))).toEqual([]);
  });

  it('names the key of each problem', () => {
    const withRecord = (record: Record<string, unknown>) => ({ ...base(), records: [{ ...base().records[0], ...record }] });
    expect(check({ ...base(), auth: { type: 'oauth2-client-credentials', clientIdEnv: 'ID' } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^connection\.auth\.tokenUrl: /), expect.stringMatching(/^connection\.auth\.clientSecretEnv: /)]),
    );
    expect(check(withRecord({ find: { path: '/contacts', query: { q: '{{password}}' }, results: '$.items' } }))).toContain(
      'connection.records.0.find.0: {{password}} is not available here (use {{email}}, {{phone}}, {{customerNumber}}, {{name}})',
    );
    expect(check(withRecord({ find: { path: '/contacts', query: { phone: '{{phone}}' }, results: '$.items' } }))).toContain(
      'connection.records.0.fields.phone: the find request uses {{phone}}: say where the record holds it, so each hit can be confirmed',
    );
    expect(check(withRecord({ id: 'id' }))).toContain('connection.records.0.id: must be a JSONPath starting with $');
    expect(check(withRecord({ erase: { method: 'DELETE', path: '/contacts/{{email}}' } }))).toContain(
      'connection.records.0.erase: {{email}} is not available here (use {{id}}, {{parentId}})',
    );
    expect(check(withRecord({ rectify: { phone: { method: 'PATCH', path: '/contacts/{{id}}', body: { phone: '{{value}}' } } } }))).toContain(
      'connection.records.0.fields.phone: rectify changes phone: say where the record holds it, so the old value is known',
    );
    expect(check(withRecord({ parent: 'account' }))).toContain('connection.records.0.parent: must name a kind listed before this one');
    expect(check(withRecord({ find: { path: '/contacts?email={{email}}', results: '$.items' } }))).toContain(
      'connection.records.0.find.0.path: must start with / and hold no query string (use query:)',
    );
    expect(check(withRecord({ find: { path: '/contacts', query: { email: '{{email}}' }, results: '$.items', pagination: { style: 'cursor' } } }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^connection\.records\.0\.find\.0\.pagination\.cursorParam: /)]),
    );
    expect(check({ ...base(), auth: { type: 'bearer', tokenEnv: 'api-token' } })).toContain(
      'connection.auth.tokenEnv: must name an environment variable (upper case, digits, _)',
    );
  });
});
