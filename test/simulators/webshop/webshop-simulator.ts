import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { listenOnFreePort } from '../http-simulator';
import { phoneDigits, WebshopState, type SeedCustomer, type WebshopCustomer, type WebshopOrder } from './webshop-state';

/**
 * A loopback stand-in for a small web-shop platform's REST API ("Handlekurv Commerce API"), built
 * as such platforms document theirs and without any particular client in mind (README.md here):
 *
 * - v2 (current): OAuth2 client credentials (`POST /oauth/token`, form-encoded, client
 *   authenticated with HTTP Basic or in the body), bearer tokens that expire, customers with cursor
 *   pagination (`limit`, `starting_after`, `has_more`, `next_cursor`), a customer's orders with
 *   offset pagination, PATCH/DELETE of customers and anonymisation of orders;
 * - v1 (legacy, still served): an `X-Api-Key` header, customers as a plain array paged with
 *   `page`/`per_page` and an RFC 8288 `Link` header;
 * - a request budget per client per second, answered with 429, `Retry-After` and a JSON error;
 * - errors as `{ "error": { "code", "message", "param"? } }`.
 */

export interface WebshopSimulatorOptions {
  customers?: SeedCustomer[];
  clients?: Array<{ clientId: string; clientSecret: string }>;
  apiKeys?: string[];
  tokenTtlSeconds?: number;
  /** Requests per client per second before 429 (the token endpoint included). */
  requestsPerSecond?: number;
  /** The URL the platform believes it is served at, which its Link headers use (default: the Host asked). */
  publicUrl?: string;
}

export const WEBSHOP_CLIENT = { clientId: 'dsr-engine', clientSecret: 'webshop-simulated-secret' } as const;
export const WEBSHOP_API_KEY = 'hk_live_simulated_0123456789';

export interface WebshopCall {
  method: string;
  /** The route pattern, e.g. `/v2/customers/:id`. */
  route: string;
  status: number;
  /** The query string as sent (for checking pagination parameters). */
  query: Record<string, string>;
}

export interface WebshopSimulator {
  baseUrl: string;
  state: WebshopState;
  calls: WebshopCall[];
  count(method: string, route: string, status?: number): number;
  /** The next `times` API requests (not token requests) are answered 429 with this Retry-After. */
  rateLimitNext(times: number, retryAfterSeconds: number): void;
  /** The next `times` API requests are answered with this 5xx status. */
  failNext(times: number, status: number): void;
  /** Makes every issued bearer token invalid (as a key rotation or expiry would). */
  revokeTokens(): void;
  close(): Promise<void>;
}

interface Limits {
  forced429: number;
  forcedRetryAfter: number;
  forcedFailures: number;
  forcedStatus: number;
  windows: Map<string, { second: number; count: number }>;
}

export async function startWebshopSimulator(options: WebshopSimulatorOptions = {}): Promise<WebshopSimulator> {
  const state = new WebshopState();
  for (const customer of options.customers ?? []) state.addCustomer(customer);
  const clients = options.clients ?? [WEBSHOP_CLIENT];
  const apiKeys = options.apiKeys ?? [WEBSHOP_API_KEY];
  const ttl = options.tokenTtlSeconds ?? 3600;
  const perSecond = options.requestsPerSecond ?? 50;
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();
  const calls: WebshopCall[] = [];
  const limits: Limits = { forced429: 0, forcedRetryAfter: 1, forcedFailures: 0, forcedStatus: 503, windows: new Map() };

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    res.on('finish', () =>
      calls.push({
        method: req.method,
        route: routeOf(req),
        status: res.statusCode,
        query: Object.fromEntries(Object.entries(req.query).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])),
      }),
    );
    next();
  });

  const overBudget = (clientKey: string, res: Response): boolean => {
    const second = Math.floor(Date.now() / 1000);
    const window = limits.windows.get(clientKey);
    if (!window || window.second !== second) {
      limits.windows.set(clientKey, { second, count: 1 });
      return false;
    }
    window.count += 1;
    if (window.count <= perSecond) return false;
    res.set('Retry-After', '1');
    fail(res, 429, 'rate_limited', `Rate limit of ${perSecond} requests per second exceeded`);
    return true;
  };

  app.post('/oauth/token', (req, res) => {
    const basic = parseBasic(req.get('authorization'));
    const clientId = basic?.user ?? bodyString(req, 'client_id');
    const clientSecret = basic?.password ?? bodyString(req, 'client_secret');
    if (!req.is('application/x-www-form-urlencoded')) {
      res.status(400).json({ error: 'invalid_request', error_description: 'the token request must be form-encoded' });
      return;
    }
    if (!clients.some((client) => client.clientId === clientId && client.clientSecret === clientSecret)) {
      res.status(401).set('WWW-Authenticate', 'Basic realm="handlekurv"').json({ error: 'invalid_client' });
      return;
    }
    if (bodyString(req, 'grant_type') !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (overBudget(`client:${clientId}`, res)) return;
    const accessToken = `hk_at_${randomBytes(16).toString('hex')}`;
    tokens.set(accessToken, { clientId: clientId!, expiresAt: Date.now() + ttl * 1000 });
    res.set('Cache-Control', 'no-store').json({ access_token: accessToken, token_type: 'Bearer', expires_in: ttl, scope: 'customers orders' });
  });

  const forced = (res: Response): boolean => {
    if (limits.forced429 > 0) {
      limits.forced429 -= 1;
      res.set('Retry-After', String(limits.forcedRetryAfter));
      fail(res, 429, 'rate_limited', 'Too many requests');
      return true;
    }
    if (limits.forcedFailures > 0) {
      limits.forcedFailures -= 1;
      fail(res, limits.forcedStatus, 'service_unavailable', 'The service is temporarily unavailable');
      return true;
    }
    return false;
  };

  const v2 = express.Router();
  v2.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    const grant = token ? tokens.get(token) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) {
      res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      fail(res, 401, 'unauthorized', grant ? 'The access token has expired' : 'A valid bearer token is required');
      return;
    }
    if (forced(res) || overBudget(`client:${grant.clientId}`, res)) return;
    next();
  });

  v2.get('/customers', (req, res) => {
    const limit = intParam(req, 'limit', 10);
    if (limit === null || limit < 1 || limit > 100) return fail(res, 400, 'invalid_parameter', 'limit must be between 1 and 100', 'limit');
    let list = [...state.customers.values()];
    const email = queryString(req, 'email');
    const phone = queryString(req, 'phone');
    if (email !== undefined) list = list.filter((customer) => customer.email.toLowerCase() === email.trim().toLowerCase());
    if (phone !== undefined) list = list.filter((customer) => customer.phone !== null && phoneDigits(customer.phone) === phoneDigits(phone));
    const after = queryString(req, 'starting_after');
    if (after !== undefined) {
      const position = list.findIndex((customer) => customer.id === decodeCursor(after));
      if (position < 0) return fail(res, 400, 'invalid_parameter', 'starting_after is not a cursor this API issued', 'starting_after');
      list = list.slice(position + 1);
    }
    const page = list.slice(0, limit);
    const hasMore = list.length > limit;
    res.json({ object: 'list', data: page, has_more: hasMore, next_cursor: hasMore ? encodeCursor(page[page.length - 1].id) : null });
  });

  v2.get('/customers/:id', (req, res) => {
    const customer = state.customers.get(String(req.params.id));
    if (!customer) return missing(res, 'customer');
    res.json(customer);
  });

  v2.patch('/customers/:id', (req, res) => {
    const customer = state.customers.get(String(req.params.id));
    if (!customer) return missing(res, 'customer');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const problem = patchProblem(state, customer, body);
    if (problem) return fail(res, problem.status, problem.code, problem.message, problem.param);
    Object.assign(customer, body, { updated_at: new Date().toISOString() });
    res.json(customer);
  });

  v2.delete('/customers/:id', (req, res) => {
    const customer = state.customers.get(String(req.params.id));
    if (!customer) return missing(res, 'customer');
    if (state.ordersOf(customer.id).length) {
      return fail(res, 409, 'customer_has_orders', 'Orders must be anonymised before their customer can be deleted (they are kept for bookkeeping)');
    }
    state.customers.delete(customer.id);
    res.status(204).end();
  });

  v2.get('/customers/:id/orders', (req, res) => {
    const customer = state.customers.get(String(req.params.id));
    if (!customer) return missing(res, 'customer');
    const limit = intParam(req, 'limit', 20);
    const offset = intParam(req, 'offset', 0);
    if (limit === null || limit < 1 || limit > 50) return fail(res, 400, 'invalid_parameter', 'limit must be between 1 and 50', 'limit');
    if (offset === null || offset < 0) return fail(res, 400, 'invalid_parameter', 'offset must be 0 or more', 'offset');
    const orders = state.ordersOf(customer.id);
    res.json({ data: orders.slice(offset, offset + limit), total: orders.length, limit, offset });
  });

  v2.post('/orders/:id/anonymize', (req, res) => {
    const order = state.orders.get(String(req.params.id));
    if (!order) return missing(res, 'order');
    if (order.status === 'open') return fail(res, 409, 'order_open', 'An open order cannot be anonymised before it is shipped or cancelled');
    anonymise(order);
    res.json(order);
  });

  const v1 = express.Router();
  v1.use((req: Request, res: Response, next: NextFunction) => {
    const key = req.get('x-api-key');
    if (!key || !apiKeys.includes(key)) {
      res.status(401).json({ error: { code: 'unauthorized', message: 'Missing or unknown X-Api-Key' } });
      return;
    }
    if (forced(res) || overBudget(`key:${key}`, res)) return;
    next();
  });

  v1.get('/customers', (req, res) => {
    const page = intParam(req, 'page', 1);
    const perPage = intParam(req, 'per_page', 25);
    if (page === null || page < 1) return fail(res, 400, 'invalid_parameter', 'page must be 1 or more', 'page');
    if (perPage === null || perPage < 1 || perPage > 100) return fail(res, 400, 'invalid_parameter', 'per_page must be between 1 and 100', 'per_page');
    const email = queryString(req, 'email');
    const telephone = queryString(req, 'telephone');
    const list = [...state.customers.values()].filter(
      (customer) =>
        (email === undefined || customer.email.toLowerCase() === email.trim().toLowerCase()) &&
        (telephone === undefined || (customer.phone !== null && phoneDigits(customer.phone) === phoneDigits(telephone))),
    );
    const last = Math.max(1, Math.ceil(list.length / perPage));
    const link = (target: number, rel: string) => {
      const url = new URL(`${options.publicUrl ?? `${req.protocol}://${req.get('host')}`}${req.baseUrl}${req.path}`);
      if (email !== undefined) url.searchParams.set('email', email);
      if (telephone !== undefined) url.searchParams.set('telephone', telephone);
      url.searchParams.set('page', String(target));
      url.searchParams.set('per_page', String(perPage));
      return `<${url.toString()}>; rel="${rel}"`;
    };
    const links = [...(page < last ? [link(page + 1, 'next')] : []), link(last, 'last'), ...(page > 1 ? [link(page - 1, 'prev')] : [])];
    res.set('Link', links.join(', '));
    res.set('X-Total-Count', String(list.length));
    res.json(list.slice((page - 1) * perPage, page * perPage).map(v1Customer));
  });

  app.use('/v2', v2);
  app.use('/v1', v1);
  app.use((req, res) => fail(res, 404, 'not_found', `No route ${req.method} ${req.path}`));

  const server = await listenOnFreePort(app);
  return {
    baseUrl: server.baseUrl,
    state,
    calls,
    count: (method, route, status) =>
      calls.filter((call) => call.method === method && call.route === route && (status === undefined || call.status === status)).length,
    rateLimitNext(times, retryAfterSeconds) {
      limits.forced429 = times;
      limits.forcedRetryAfter = retryAfterSeconds;
    },
    failNext(times, status) {
      limits.forcedFailures = times;
      limits.forcedStatus = status;
    },
    revokeTokens: () => tokens.clear(),
    close: () => server.close(),
  };
}

/** The v1 shape: one flat record with a numeric-looking id and the name in one field. */
function v1Customer(customer: WebshopCustomer) {
  return {
    customer_id: customer.id,
    email_address: customer.email,
    full_name: `${customer.first_name} ${customer.last_name}`.trim(),
    telephone: customer.phone,
    accepts_marketing: customer.marketing_consent,
  };
}

const PATCHABLE = new Set(['first_name', 'last_name', 'email', 'phone', 'address', 'marketing_consent', 'processing_restricted', 'note']);

function patchProblem(
  state: WebshopState,
  customer: WebshopCustomer,
  body: Record<string, unknown>,
): { status: number; code: string; message: string; param?: string } | null {
  for (const [field, value] of Object.entries(body)) {
    if (!PATCHABLE.has(field)) return { status: 422, code: 'unknown_field', message: `${field} cannot be changed`, param: field };
    if ((field === 'marketing_consent' || field === 'processing_restricted') && typeof value !== 'boolean') {
      return { status: 422, code: 'invalid_value', message: `${field} must be true or false`, param: field };
    }
    if (['first_name', 'last_name', 'email'].includes(field) && typeof value !== 'string') {
      return { status: 422, code: 'invalid_value', message: `${field} must be a string`, param: field };
    }
  }
  if (typeof body.email === 'string') {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email))
      return { status: 422, code: 'invalid_value', message: 'email is not an e-mail address', param: 'email' };
    const other = state.customerByEmail(body.email);
    if (other && other.id !== customer.id) return { status: 409, code: 'email_taken', message: 'Another customer has this e-mail address', param: 'email' };
  }
  return null;
}

function anonymise(order: WebshopOrder): void {
  order.customer_id = null;
  order.shipping_address = null;
  order.billing_email = null;
  order.anonymized = true;
}

function fail(res: Response, status: number, code: string, message: string, param?: string): void {
  res.status(status).json({ error: { code, message, ...(param ? { param } : {}) } });
}

function missing(res: Response, what: string): void {
  fail(res, 404, 'resource_missing', `No such ${what}`);
}

function routeOf(req: Request): string {
  const path = req.baseUrl + (req.route?.path ?? req.path);
  return typeof path === 'string' ? path : req.path;
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function intParam(req: Request, name: string, fallback: number): number | null {
  const value = queryString(req, name);
  if (value === undefined) return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

function bodyString(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function parseBasic(header: string | undefined): { user: string; password: string } | null {
  const encoded = /^Basic (\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decodeURIComponent(decoded.slice(0, colon)), password: decodeURIComponent(decoded.slice(colon + 1)) };
}

const encodeCursor = (id: string) => Buffer.from(`after:${id}`).toString('base64url');
const decodeCursor = (cursor: string) =>
  Buffer.from(cursor, 'base64url')
    .toString('utf8')
    .replace(/^after:/, '');
