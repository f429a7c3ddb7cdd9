import express, { type NextFunction, type Request, type Response } from 'express';
import { listenOnFreePort, type RunningSimulator } from '../http-simulator';
import { ASSUMPTIONS } from './mailchimp-assumptions';
import { sendProblem } from './mailchimp-problem';
import { mailchimpRoutes } from './mailchimp-routes';
import { type ListSeed, MailchimpState } from './mailchimp-state';

/** An API key as Mailchimp issues them: 32 hex digits, a dash and the account's data centre. */
export const DEFAULT_MAILCHIMP_KEY = '0123456789abcdef0123456789abcdef-us21';

export interface MailchimpSimulatorOptions {
  /** Accepted API keys; each must end in the simulator's data centre (`-us21`). */
  apiKeys?: string[];
  lists?: ListSeed[];
  /** Connections one key may hold open at once (Mailchimp: 10). */
  maxConnections?: number;
  /** Holds every answer this long, so concurrent connections overlap (0 by default). */
  delayMs?: number;
}

export interface MailchimpCall {
  method: string;
  path: string;
  /** The route pattern that answered, e.g. "/3.0/lists/:listId/members/:hash"; the path when none matched. */
  route: string;
  status: number;
}

export interface MailchimpFault {
  method?: string;
  route?: string;
  status: number;
  title?: string;
  times?: number;
}

export interface MailchimpSimulator extends RunningSimulator {
  state: MailchimpState;
  calls: MailchimpCall[];
  apiKey: string;
  /** The API root the connector is given as `baseUrl` (…/3.0). */
  apiRoot: string;
  count(method: string, route: string, status?: number): number;
  /** Answers the next matching request(s) with this status as a problem, after auth and the connection cap. */
  failNext(fault: MailchimpFault): void;
}

const DATA_CENTRE = 'us21';

/** A Mailchimp Marketing API v3 look-alike on a free loopback port; open points are in mailchimp-assumptions.ts. */
export async function startMailchimpSimulator(options: MailchimpSimulatorOptions = {}): Promise<MailchimpSimulator> {
  const keys = new Set(options.apiKeys ?? [DEFAULT_MAILCHIMP_KEY]);
  const state = new MailchimpState();
  for (const list of options.lists ?? []) state.addList(list);
  const maxConnections = options.maxConnections ?? 10;
  const open = new Map<string, number>();
  const calls: MailchimpCall[] = [];
  const faults: Array<MailchimpFault & { remaining: number }> = [];
  let apiRoot = '';

  const app = express();
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => calls.push({ method: req.method, path: req.path, route: routeOf(req), status: res.statusCode }));
    next();
  });
  // HTTP Basic: any user name, the API key as the password; the key's data centre must be this one.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = /^Basic (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!header) return sendProblem(res, 401, 'API Key Missing', 'Your request did not include an API key.');
    const decoded = Buffer.from(header, 'base64').toString('utf8');
    const key = decoded.slice(decoded.indexOf(':') + 1);
    if (!keys.has(key) || !key.endsWith(`-${DATA_CENTRE}`)) {
      return sendProblem(res, 401, 'API Key Invalid', "Your API key may be invalid, or you've attempted to access the wrong datacenter.");
    }
    const held = open.get(key) ?? 0;
    if (held >= maxConnections) return sendProblem(res, 429, 'Too Many Requests', ASSUMPTIONS.tooManyRequestsDetail);
    open.set(key, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      open.set(key, (open.get(key) ?? 1) - 1);
    };
    res.on('finish', release);
    res.on('close', release);
    const fault = faults.find((candidate) => candidate.remaining > 0 && faultMatches(candidate, req));
    if (fault) {
      fault.remaining -= 1;
      return sendProblem(res, fault.status, fault.title ?? 'Internal Server Error', 'An unexpected internal error has occurred.');
    }
    if (options.delayMs) setTimeout(next, options.delayMs);
    else next();
  });
  app.use(express.json({ type: ['application/json', 'application/*+json'] }));
  app.use(mailchimpRoutes(state, () => apiRoot));
  app.use((_req: Request, res: Response) => sendProblem(res, 404, 'Resource Not Found', 'The requested resource could not be found.'));
  app.use((error: { type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.parse.failed') return sendProblem(res, 400, ASSUMPTIONS.invalidJsonTitle, 'We encountered an unspecified JSON parsing error.');
    sendProblem(res, 500, 'Internal Server Error', 'An unexpected internal error has occurred.');
  });

  const running = await listenOnFreePort(app);
  apiRoot = `${running.baseUrl}/3.0`;
  return {
    ...running,
    state,
    calls,
    apiKey: [...keys][0],
    apiRoot,
    count: (method, route, status) =>
      calls.filter((call) => call.method === method && call.route === route && (status === undefined || call.status === status)).length,
    failNext: (fault) => faults.push({ ...fault, remaining: fault.times ?? 1 }),
  };
}

function routeOf(req: Request): string {
  return (req.route?.path as string | undefined) ?? req.path;
}

function faultMatches(fault: MailchimpFault, req: Request): boolean {
  if (fault.method && fault.method !== req.method) return false;
  if (!fault.route) return true;
  const pattern = new RegExp(`^${fault.route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`);
  return pattern.test(req.path);
}
