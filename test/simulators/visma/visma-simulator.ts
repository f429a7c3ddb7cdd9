import express, { type Request, type Response } from 'express';
import { buildSchema, execute, GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { randomBytes } from 'node:crypto';
import { listenOnFreePort, type RunningSimulator } from '../http-simulator';
import { VISMA_SCHEMA_SDL, type SimAssociate, type SimContact, type SimCustomerTransaction, type SimOrder, type SimOrderLine } from './visma-schema';
import { matchesFilter, paginate, type FilterExpression } from './visma-tables';

export const SIM_COMPANY_NO = 9112233;
export const SIM_CLIENT_ID = 'dsr-engine-sim';
export const SIM_CLIENT_SECRET = 'sim-secret';
const SERVICE_SCOPE = 'business-graphql-service-api:access-group-based';

export interface VismaSimulatorOptions {
  companyNo?: number;
  /** client_id → client_secret accepted by the token endpoint. */
  clients?: Record<string, string>;
  associates?: Array<Partial<SimAssociate> & Pick<SimAssociate, 'associateNo'>>;
  contacts?: Array<Partial<SimContact> & Pick<SimContact, 'contactNo' | 'associateNo'>>;
  /** Ledger rows; `amount` in the company's currency (served as `amountDomestic`). */
  customerTransactions?: VismaLedgerSeed[];
  /** Sales orders (invoiceNo 0 = not invoiced yet) and their lines. */
  orders?: Array<Partial<SimOrder> & Pick<SimOrder, 'orderNo' | 'customerNo' | 'orderDate'>>;
  orderLines?: Array<Partial<SimOrderLine> & Pick<SimOrderLine, 'orderNo' | 'lineNo'>>;
  /** The company's "customer no. for anonymisation" (Company Information), where the deletion
   *  routine moves a deleted customer's old ledger rows. */
  anonymisationCustomerNo?: number;
  tokenLifetimeSeconds?: number;
  /** Requests per token per minute (Business NXT: 600). */
  rateLimitPerMinute?: number;
  /** Concurrent GraphQL requests (Business NXT: 60 per company). */
  concurrencyLimit?: number;
  /** Holds every GraphQL answer this long, so tests can reach the concurrency cap. */
  responseDelayMs?: number;
  /** The simulator's clock: token expiry, rate-limit windows, the deletion rule. */
  now?: () => Date;
}

export type VismaLedgerSeed = Pick<SimCustomerTransaction, 'customerNo' | 'voucherNo' | 'voucherDate'> &
  Partial<Pick<SimCustomerTransaction, 'invoiceNo' | 'dueDate'>> & { amount: number };

export interface VismaSimulatorState {
  companyNo: number;
  anonymisationCustomerNo: number;
  associates: SimAssociate[];
  contacts: SimContact[];
  customerTransactions: SimCustomerTransaction[];
  orders: SimOrder[];
  orderLines: SimOrderLine[];
  clients: Map<string, string>;
  tokens: Map<string, { clientId: string; expiresAt: number }>;
  tokenLifetimeSeconds: number;
  rateLimitPerMinute: number;
  concurrencyLimit: number;
  responseDelayMs: number;
}

export interface VismaSimulatorCalls {
  /** Token requests answered with a token. */
  token: number;
  tokenRejected: number;
  /** GraphQL requests that got past auth, rate limit and concurrency cap. */
  graphql: number;
  unauthorized: number;
  rateLimited: number;
  concurrencyRejected: number;
  /** Table and mutation fields resolved, in order, e.g. "associate", "associate_delete". */
  operations: string[];
  associateUpdates: Map<number, number>;
  associateDeletes: Map<number, number>;
  associateDeleteRefusals: Map<number, number>;
  contactUpdates: Map<number, number>;
  contactDeletes: Map<number, number>;
  /** Runs of the deletion routine per associate that deleted it, and runs it refused. */
  routineRuns: Map<number, number>;
  routineRefusals: Map<number, number>;
  /** Ledger rows deleted, per voucher number. */
  transactionDeletes: Map<number, number>;
  transactionDeleteRefusals: Map<number, number>;
  /** Order heads deleted (by the table API or the deletion routine) and refused, per order number. */
  orderDeletes: Map<number, number>;
  orderDeleteRefusals: Map<number, number>;
}

export interface VismaSimulator extends RunningSimulator {
  tokenUrl: string;
  graphqlUrl: string;
  state: VismaSimulatorState;
  calls: VismaSimulatorCalls;
}

export function simAssociate(row: Partial<SimAssociate> & Pick<SimAssociate, 'associateNo'>): SimAssociate {
  return {
    customerNo: 0,
    name: '',
    emailAddress: '',
    phone: '',
    mobilePhone: '',
    addressLine1: '',
    postCode: '',
    postalArea: '',
    noMarketing: false,
    processingRestricted: false,
    memo: '',
    ...row,
  };
}

export function simContact(row: Partial<SimContact> & Pick<SimContact, 'contactNo' | 'associateNo'>): SimContact {
  return { name: '', emailAddress: '', phone: '', mobilePhone: '', noMarketing: false, processingRestricted: false, ...row };
}

const schema = buildSchema(VISMA_SCHEMA_SDL);

const UNAUTHORIZED_PAGE = `<!DOCTYPE html>
<html><head><title>401 - Unauthorized</title></head>
<body><h1>401 - Unauthorized: Access is denied due to invalid credentials.</h1></body></html>`;

/** A Business NXT service-API look-alike: OAuth client-credentials token endpoint and a real
 *  GraphQL endpoint (parsed and validated against VISMA_SCHEMA_SDL) over one company. */
export async function startVismaSimulator(options: VismaSimulatorOptions = {}): Promise<VismaSimulator> {
  const now = options.now ?? (() => new Date());
  const state: VismaSimulatorState = {
    companyNo: options.companyNo ?? SIM_COMPANY_NO,
    associates: (options.associates ?? []).map(simAssociate),
    contacts: (options.contacts ?? []).map(simContact),
    anonymisationCustomerNo: options.anonymisationCustomerNo ?? 99999,
    customerTransactions: (options.customerTransactions ?? []).map(simLedgerRow),
    orders: (options.orders ?? []).map((row) => ({
      invoiceNo: 0,
      name: '',
      deliveryName: '',
      deliveryAddress1: '',
      deliveryPostCode: '',
      deliveryPostalArea: '',
      ...row,
    })),
    orderLines: (options.orderLines ?? []).map((row) => ({ productNo: '', description: '', quantity: 1, amountDomestic: 0, ...row })),
    clients: new Map(Object.entries(options.clients ?? { [SIM_CLIENT_ID]: SIM_CLIENT_SECRET })),
    tokens: new Map(),
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    concurrencyLimit: options.concurrencyLimit ?? 60,
    responseDelayMs: options.responseDelayMs ?? 0,
  };
  const calls: VismaSimulatorCalls = {
    token: 0,
    tokenRejected: 0,
    graphql: 0,
    unauthorized: 0,
    rateLimited: 0,
    concurrencyRejected: 0,
    operations: [],
    associateUpdates: new Map(),
    associateDeletes: new Map(),
    associateDeleteRefusals: new Map(),
    contactUpdates: new Map(),
    contactDeletes: new Map(),
    transactionDeletes: new Map(),
    transactionDeleteRefusals: new Map(),
    orderDeletes: new Map(),
    orderDeleteRefusals: new Map(),
    routineRuns: new Map(),
    routineRefusals: new Map(),
  };
  const windows = new Map<string, { start: number; count: number }>();
  let inFlight = 0;

  const app = express();
  app.disable('x-powered-by');

  app.post('/connect/token', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const form = (req.body ?? {}) as Record<string, string>;
    const basic = parseBasicAuth(req.header('authorization'));
    const clientId = form.client_id ?? basic?.id;
    const clientSecret = form.client_secret ?? basic?.secret;
    const reject = (status: number, error: string, description: string) => {
      calls.tokenRejected += 1;
      res.status(status).json({ error, error_description: description });
    };
    if (form.grant_type !== 'client_credentials') return reject(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    if (!clientId || state.clients.get(clientId) !== clientSecret) return reject(401, 'invalid_client', 'Client authentication failed');
    if (
      !String(form.scope ?? '')
        .split(' ')
        .includes(SERVICE_SCOPE)
    )
      return reject(400, 'invalid_scope', 'Scope not allowed for client');
    const accessToken = randomBytes(24).toString('hex');
    state.tokens.set(accessToken, { clientId, expiresAt: now().getTime() + state.tokenLifetimeSeconds * 1000 });
    calls.token += 1;
    res.json({ access_token: accessToken, expires_in: state.tokenLifetimeSeconds, token_type: 'Bearer', scope: SERVICE_SCOPE });
  });

  app.post('/api/graphql-service', express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
    const bearer = /^Bearer (\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const token = bearer ? state.tokens.get(bearer) : undefined;
    if (!bearer || !token || token.expiresAt <= now().getTime()) {
      calls.unauthorized += 1;
      res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').type('html').send(UNAUTHORIZED_PAGE);
      return;
    }
    const window = windows.get(bearer);
    const time = now().getTime();
    if (!window || time - window.start >= 60_000) windows.set(bearer, { start: time, count: 1 });
    else if (window.count >= state.rateLimitPerMinute) {
      calls.rateLimited += 1;
      const seconds = Math.max(1, Math.ceil((window.start + 60_000 - time) / 1000));
      res.status(429).set('Retry-After', String(seconds)).json({ message: 'API rate limit exceeded' });
      return;
    } else window.count += 1;
    if (inFlight >= state.concurrencyLimit) {
      calls.concurrencyRejected += 1;
      res.status(429).set('Retry-After', '1').json({ message: 'Too many concurrent requests' });
      return;
    }
    inFlight += 1;
    try {
      if (state.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.responseDelayMs));
      calls.graphql += 1;
      res.status(200).json(runGraphQL(req.body));
    } finally {
      inFlight -= 1;
    }
  });

  function runGraphQL(body: unknown): { data?: unknown; errors?: GraphQLFormattedError[] } {
    const { query, variables, operationName } = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
    if (typeof query !== 'string') return { errors: [{ message: 'Request body must contain a "query" string', extensions: { code: 'BAD_REQUEST' } }] };
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')] };
    }
    const invalid = validate(schema, document);
    if (invalid.length) return { errors: invalid.map(asBusinessNxtValidationError) };
    const result = execute({
      schema,
      document,
      rootValue: { useCompany: ({ no }: { no: number }) => company(no) },
      variableValues: (variables ?? {}) as Record<string, unknown>,
      operationName: typeof operationName === 'string' ? operationName : undefined,
    });
    if ('then' in result) throw new Error('the Visma simulator resolves synchronously');
    const errors = result.errors?.map((error) => withCode(error, 'BAD_USER_INPUT'));
    return errors?.length ? { data: result.data ?? null, errors } : { data: result.data };
  }

  function company(no: number) {
    if (no !== state.companyNo) {
      throw new GraphQLError(`Company ${no} does not exist or the client has no access to it`, { extensions: { code: 'COMPANY_ACCESS_DENIED' } });
    }
    type Args = { filter?: FilterExpression | null; first?: number | null; after?: string | null };
    type WriteArgs<V> = { filter?: FilterExpression | null; value: V };
    const read =
      <T extends object>(name: string, rows: T[]) =>
      (args: Args) => {
        calls.operations.push(name);
        return paginate(
          rows.filter((row) => matchesFilter(row, args.filter)),
          args.first,
          args.after,
        );
      };
    return {
      associate_processings: () => ({ deleteCustomerSupplierData: deleteCustomerSupplierData }),
      associate: read('associate', state.associates),
      contact: read('contact', state.contacts),
      customerTransaction: read('customerTransaction', state.customerTransactions),
      order: read('order', state.orders),
      orderLine: read('orderLine', state.orderLines),
      orderLine_delete: ({ filter }: { filter?: FilterExpression | null }) => {
        calls.operations.push('orderLine_delete');
        const rows = state.orderLines.filter((row) => matchesFilter(row, filter));
        const refused = rows.filter((line) => state.orders.some((order) => order.orderNo === line.orderNo && orderHeld(order)));
        if (refused.length) throw refusedOrder(refused[0].orderNo);
        state.orderLines = state.orderLines.filter((row) => !rows.includes(row));
        return { affectedRows: rows.length, items: null };
      },
      order_delete: ({ filter }: { filter?: FilterExpression | null }) => {
        calls.operations.push('order_delete');
        const rows = state.orders.filter((row) => matchesFilter(row, filter));
        const refused = rows.filter(orderHeld);
        if (refused.length) throw refusedOrder(refused[0].orderNo);
        state.orders = state.orders.filter((row) => !rows.includes(row));
        for (const row of rows) increment(calls.orderDeletes, row.orderNo);
        return { affectedRows: rows.length, items: null };
      },
      associate_update: ({ filter, value }: WriteArgs<Partial<SimAssociate>>) => {
        calls.operations.push('associate_update');
        const rows = state.associates.filter((row) => matchesFilter(row, filter));
        for (const row of rows) {
          Object.assign(row, definedOnly(value));
          increment(calls.associateUpdates, row.associateNo);
        }
        return { affectedRows: rows.length, items: rows };
      },
      associate_delete: ({ filter }: { filter?: FilterExpression | null }) => {
        calls.operations.push('associate_delete');
        const rows = state.associates.filter((row) => matchesFilter(row, filter));
        const refused = rows.filter((row) => deletionBlocked(row));
        if (refused.length) {
          for (const row of refused) increment(calls.associateDeleteRefusals, row.associateNo);
          throw new GraphQLError(`Associate ${refused[0].associateNo} cannot be deleted: it has a balance or transactions within the retention period`, {
            extensions: { code: 'DELETE_NOT_ALLOWED' },
          });
        }
        state.associates = state.associates.filter((row) => !rows.includes(row));
        for (const row of rows) increment(calls.associateDeletes, row.associateNo);
        return { affectedRows: rows.length, items: null };
      },
      contact_update: ({ filter, value }: WriteArgs<Partial<SimContact>>) => {
        calls.operations.push('contact_update');
        const rows = state.contacts.filter((row) => matchesFilter(row, filter));
        for (const row of rows) {
          Object.assign(row, definedOnly(value));
          increment(calls.contactUpdates, row.contactNo);
        }
        return { affectedRows: rows.length, items: rows };
      },
      customerTransaction_delete: ({ filter }: { filter?: FilterExpression | null }) => {
        calls.operations.push('customerTransaction_delete');
        const rows = state.customerTransactions.filter((row) => matchesFilter(row, filter));
        const refused = rows.filter(entryHeld);
        if (refused.length) {
          for (const row of refused) increment(calls.transactionDeleteRefusals, row.voucherNo);
          throw new GraphQLError(`Voucher ${refused[0].voucherNo} cannot be deleted: it is within the retention period`, {
            extensions: { code: 'DELETE_NOT_ALLOWED' },
          });
        }
        state.customerTransactions = state.customerTransactions.filter((row) => !rows.includes(row));
        for (const row of rows) increment(calls.transactionDeletes, row.voucherNo);
        return { affectedRows: rows.length, items: null };
      },
      contact_delete: ({ filter }: { filter?: FilterExpression | null }) => {
        calls.operations.push('contact_delete');
        const rows = state.contacts.filter((row) => matchesFilter(row, filter));
        state.contacts = state.contacts.filter((row) => !rows.includes(row));
        for (const row of rows) increment(calls.contactDeletes, row.contactNo);
        return { affectedRows: rows.length, items: null };
      },
    };
  }

  /**
   * Visma Business' "Slett kunde-/leverandørdata" on the selected associates: refused (the
   * processing stops with a message) while the balance is not 0 or a financial year within the
   * 5-year retention period has transactions; otherwise the ledger rows move to the anonymisation
   * customer, the contact persons and the associate are deleted.
   */
  function deleteCustomerSupplierData({ filter }: { filter?: FilterExpression | null }) {
    calls.operations.push('associate_processings.deleteCustomerSupplierData');
    const rows = state.associates.filter((row) => matchesFilter(row, filter));
    const refused = rows.filter((row) => deletionBlocked(row));
    if (refused.length) {
      for (const row of refused) increment(calls.routineRefusals, row.associateNo);
      throw new GraphQLError(
        `Slett kunde-/leverandørdata: associate ${refused[0].associateNo} cannot be deleted (balance is not 0, or transactions within the data retention period)`,
      );
    }
    for (const row of rows) {
      if (row.customerNo > 0) {
        for (const entry of state.customerTransactions) if (entry.customerNo === row.customerNo) entry.customerNo = state.anonymisationCustomerNo;
      }
      state.contacts = state.contacts.filter((contact) => contact.associateNo !== row.associateNo);
      // The routine deletes the customer's orders and their documents.
      const orders = row.customerNo > 0 ? state.orders.filter((order) => order.customerNo === row.customerNo) : [];
      for (const order of orders) increment(calls.orderDeletes, order.orderNo);
      state.orderLines = state.orderLines.filter((line) => !orders.some((order) => order.orderNo === line.orderNo));
      state.orders = state.orders.filter((order) => !orders.includes(order));
      increment(calls.routineRuns, row.associateNo);
      increment(calls.associateDeletes, row.associateNo);
    }
    state.associates = state.associates.filter((row) => !rows.includes(row));
    return { succeeded: true };
  }

  /** Ledger entries within 5 years after the end of their financial year are accounting records
   *  Visma keeps (the same rule as for the customer; a balance does not block a single voucher). */
  function entryHeld(entry: SimCustomerTransaction): boolean {
    const today = Number(now().toISOString().slice(0, 10).replace(/-/g, ''));
    return (Math.floor(entry.voucherDate / 10_000) + 5) * 10_000 + 1231 >= today;
  }

  /** An invoiced order within 5 years after the end of its (calendar) financial year is sales
   *  documentation Visma keeps; an order not invoiced yet may go. */
  function orderHeld(order: SimOrder): boolean {
    const today = Number(now().toISOString().slice(0, 10).replace(/-/g, ''));
    return order.invoiceNo > 0 && (Math.floor(order.orderDate / 10_000) + 5) * 10_000 + 1231 >= today;
  }

  function refusedOrder(orderNo: number): GraphQLError {
    increment(calls.orderDeleteRefusals, orderNo);
    return new GraphQLError(`Order ${orderNo} cannot be deleted: it is invoiced and within the retention period`, {
      extensions: { code: 'DELETE_NOT_ALLOWED' },
    });
  }

  /** Visma Business' "delete customer data" rule: no deletion while the customer has a non-zero
   *  balance or ledger entries within 5 years after the end of their financial year. */
  function deletionBlocked(associate: SimAssociate): boolean {
    if (associate.customerNo <= 0) return false;
    const entries = state.customerTransactions.filter((entry) => entry.customerNo === associate.customerNo);
    const balance = Math.round(entries.reduce((sum, entry) => sum + entry.amountDomestic, 0) * 100);
    if (balance !== 0) return true;
    const today = Number(now().toISOString().slice(0, 10).replace(/-/g, ''));
    return entries.some((entry) => (Math.floor(entry.voucherDate / 10_000) + 5) * 10_000 + 1231 >= today);
  }

  const running = await listenOnFreePort(app);
  return {
    ...running,
    tokenUrl: `${running.baseUrl}/connect/token`,
    graphqlUrl: `${running.baseUrl}/api/graphql-service`,
    state,
    calls,
  };
}

function simLedgerRow({ amount, ...row }: VismaLedgerSeed): SimCustomerTransaction {
  return { ...row, amountDomestic: amount };
}

/** Business NXT runs GraphQL.NET: a validation error names the rule class, quotes with ', and
 *  carries `code`, `codes` and the spec section `number` (its documented error example). */
const VALIDATION_RULES: Array<{ pattern: RegExp; rule: string; code: string; number: string }> = [
  { pattern: /^Cannot query field/, rule: 'FieldsOnCorrectTypeError', code: 'FIELDS_ON_CORRECT_TYPE', number: '5.3.1' },
  { pattern: /^Unknown argument/, rule: 'KnownArgumentNamesError', code: 'KNOWN_ARGUMENT_NAMES', number: '5.4.1' },
  { pattern: /^Field "[^"]+" is not defined by type/, rule: 'ArgumentsOfCorrectTypeError', code: 'ARGUMENTS_OF_CORRECT_TYPE', number: '5.6.1' },
  { pattern: /^Unknown type/, rule: 'KnownTypeNamesError', code: 'KNOWN_TYPE_NAMES', number: '5.5.1.2' },
];

function asBusinessNxtValidationError(error: GraphQLError): GraphQLFormattedError {
  const known = VALIDATION_RULES.find((rule) => rule.pattern.test(error.message));
  const rule = known ?? { rule: 'ValidationError', code: 'VALIDATION_ERROR', number: '5' };
  return {
    message: `GraphQL.Validation.Errors.${rule.rule}: ${error.message.replace(/"/g, "'")}`,
    locations: error.locations,
    extensions: { code: rule.code, codes: [rule.code], number: rule.number },
  };
}

function withCode(error: GraphQLError, code: string): GraphQLFormattedError {
  const formatted = error.toJSON();
  return { ...formatted, extensions: { code, ...(formatted.extensions ?? {}) } };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function increment(counter: Map<number, number>, key: number): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

function parseBasicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic (\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const [id, ...rest] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  return { id: decodeURIComponent(id), secret: decodeURIComponent(rest.join(':')) };
}
