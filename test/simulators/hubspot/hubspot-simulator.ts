import express, { type NextFunction, type Request, type Response } from 'express';
import { listenOnFreePort, type RunningSimulator } from '../http-simulator';
import { accountRoutes } from './hubspot-account-routes';
import { crmRoutes } from './hubspot-crm-routes';
import { listRoutes } from './hubspot-list-routes';
import { marketingRoutes } from './hubspot-marketing-routes';
import type { EmailEventSeed, FormSeed } from './hubspot-marketing-state';
import { objectRoutes } from './hubspot-object-routes';
import { sendError } from './hubspot-errors';
import { preferenceRoutes } from './hubspot-preference-routes';
import { HubSpotRateLimiter, type RateLimitOptions } from './hubspot-rate-limiter';
import { ASSUMPTIONS } from './hubspot-simulator-assumptions';
import {
  type ContactSeed,
  HubSpotSimulatorState,
  type ListSeed,
  type ObjectSeed,
  type SimulatedContact,
  type SubscriptionDefinition,
} from './hubspot-simulator-state';

export const DEFAULT_SIMULATOR_TOKEN = 'pat-eu1-00000000-0000-4000-8000-000000000000';

export interface HubSpotSimulatorOptions {
  /** Accepted private-app tokens (must start with "pat-"). */
  tokens?: string[];
  contacts?: ContactSeed[];
  subscriptionDefinitions?: SubscriptionDefinition[];
  /** Custom contact properties defined in the portal (besides HubSpot's standard ones). */
  customProperties?: string[];
  /** Engagements, companies, deals and tickets; an engagement names its contacts in `associations.contacts`. */
  objects?: ObjectSeed[];
  /** Contact lists (MANUAL unless said otherwise) with their member contact ids. */
  lists?: ListSeed[];
  /** Marketing e-mail events, by recipient address. */
  emailEvents?: EmailEventSeed[];
  /** Forms with their submissions (each naming the contact it belongs to). */
  forms?: FormSeed[];
  /** False: a GDPR delete leaves e-mail events and form submissions for HubSpot's later purge. */
  purgeMarketingAtOnce?: boolean;
  /** Rate limits; `timeZone` is the account's (default "US/Eastern", so a UTC assumption shows). */
  rateLimit?: Partial<RateLimitOptions>;
  /** The simulator's clock in epoch ms (default Date.now), for the daily reset at the account's midnight. */
  now?: () => number;
}

export interface HubSpotSimulatorCall {
  method: string;
  path: string;
  /** The route pattern that answered, e.g. "/crm/v3/objects/contacts/:id"; the path when none matched. */
  route: string;
  status: number;
}

export interface HubSpotFault {
  method?: string;
  route?: string;
  status: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  times?: number;
}

export interface HubSpotSimulator extends RunningSimulator {
  state: HubSpotSimulatorState;
  calls: HubSpotSimulatorCall[];
  /** The first accepted token. */
  token: string;
  /** How many calls reached `route` with `method` (optionally only those answered with `status`). */
  count(method: string, route: string, status?: number): number;
  addContact(seed: ContactSeed): SimulatedContact;
  /** Answers the next matching request(s) with this status and body, after auth and rate limiting. */
  failNext(fault: HubSpotFault): void;
}

const DEFAULT_DEFINITIONS: SubscriptionDefinition[] = [
  { id: '1001', name: 'Marketing Information', description: 'Newsletters and offers' },
  { id: '1002', name: 'Customer Service Communication', description: 'Service updates' },
];

/** A HubSpot API look-alike on a free loopback port; behaviour the docs leave open is in hubspot-simulator-assumptions.ts. */
export async function startHubSpotSimulator(options: HubSpotSimulatorOptions = {}): Promise<HubSpotSimulator> {
  const tokens = new Set(options.tokens ?? [DEFAULT_SIMULATOR_TOKEN]);
  const state = new HubSpotSimulatorState(
    options.subscriptionDefinitions ?? DEFAULT_DEFINITIONS,
    options.customProperties ?? ['gdpr_restricted', 'customer_number'],
  );
  for (const seed of options.contacts ?? []) state.addContact(seed);
  for (const seed of options.lists ?? []) state.addList(seed);
  for (const seed of options.objects ?? []) state.addObject(seed);
  for (const seed of options.emailEvents ?? []) state.marketing.addEmailEvent(seed);
  for (const seed of options.forms ?? []) state.marketing.addForm(seed);
  state.purgeMarketingAtOnce = options.purgeMarketingAtOnce ?? ASSUMPTIONS.gdprDeletePurgesMarketingAtOnce;
  const limiter = new HubSpotRateLimiter({
    maxPerInterval: 100,
    intervalMs: 10_000,
    dailyLimit: 250_000,
    searchPerSecond: 5,
    timeZone: 'US/Eastern',
    ...options.rateLimit,
  });
  const clock = options.now ?? (() => Date.now());
  const calls: HubSpotSimulatorCall[] = [];
  const faults: Array<HubSpotFault & { remaining: number }> = [];

  const app = express();
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () =>
      calls.push({ method: req.method, path: req.path, route: (req.route?.path as string | undefined) ?? req.path, status: res.statusCode }),
    );
    next();
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const token = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token || !token.startsWith('pat-') || !tokens.has(token)) {
      return sendError(
        res,
        401,
        ASSUMPTIONS.authFailureCategory,
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      );
    }
    const decision = limiter.admit(token, req.method === 'POST' && req.path.endsWith('/search'), clock());
    res.set(decision.headers);
    if (!decision.allowed) return void res.status(429).json(decision.body);
    const fault = faults.find((candidate) => candidate.remaining > 0 && faultMatches(candidate, req));
    if (fault) {
      fault.remaining -= 1;
      res.set(fault.headers ?? {});
      return sendError(res, fault.status, String(fault.body?.category ?? 'INTERNAL_ERROR'), String(fault.body?.message ?? 'internal error'), fault.body ?? {});
    }
    next();
  });
  app.use(express.json());
  app.use(accountRoutes({ portalId: 24_000_001, timeZone: limiter.timeZone, companyCurrency: 'NOK' }, clock));
  app.use(crmRoutes(state));
  app.use(listRoutes(state));
  app.use(objectRoutes(state));
  app.use(marketingRoutes(state));
  app.use(preferenceRoutes(state));
  app.use((_req: Request, res: Response) => sendError(res, 404, 'OBJECT_NOT_FOUND', 'Not found'));
  app.use((error: { type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.parse.failed') return sendError(res, 400, ASSUMPTIONS.invalidJsonCategory, 'Invalid input JSON');
    sendError(res, 500, 'INTERNAL_ERROR', error.message ?? 'internal error');
  });

  const running = await listenOnFreePort(app);
  return {
    ...running,
    state,
    calls,
    token: [...tokens][0],
    count: (method, route, status) =>
      calls.filter((call) => call.method === method && call.route === route && (status === undefined || call.status === status)).length,
    addContact: (seed) => state.addContact(seed),
    failNext: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
  };
}

function faultMatches(fault: HubSpotFault, req: Request): boolean {
  if (fault.method && fault.method !== req.method) return false;
  if (!fault.route) return true;
  const pattern = new RegExp(`^${fault.route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`);
  return pattern.test(req.path);
}
