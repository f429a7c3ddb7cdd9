import express, { type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { listenOnFreePort } from '../http-simulator';
import { INVALID_CLIENT_ERROR } from './zendesk-assumptions';
import { RateWindow, sendRateLimited } from './zendesk-rate-limit';
import { buildZendeskRoutes, type RouteContext, type ZendeskRoute } from './zendesk-routes';
import { ZendeskState } from './zendesk-state';

/**
 * A loopback stand-in for the Zendesk Support API v2 (docs/connectors.md, src/connectors/zendesk/README.md): both auth schemes, the
 * endpoints a DSR connector uses, offset and cursor pagination, account and per-user rate limits,
 * the real error bodies and the "requester of a ticket that is not closed" rule.
 * Behaviour the docs leave open is collected in zendesk-assumptions.ts.
 */

export interface ZendeskSimulatorOptions {
  oauthClients?: Array<{ clientId: string; clientSecret: string }>;
  apiTokens?: Array<{ email: string; token: string }>;
  /** Account-wide API requests per minute (plan limit: Team 200 … Enterprise 700). */
  rateLimitPerMinute?: number;
  /** Update User requests per minute per user. */
  updateUserPerMinute?: number;
  /** Permanent user deletions per 10 minutes. */
  permanentDeletesPer10Minutes?: number;
  /** Lifetime of issued bearer tokens; unset = no expiry. */
  tokenTtlSeconds?: number;
  now?: () => number;
}

export const ZENDESK_SIMULATOR_CREDENTIALS = {
  oauth: { clientId: 'dsr-engine', clientSecret: 'simulated-client-secret' },
  apiToken: { email: 'dsr-admin@example.no', token: 'simulated-api-token' },
} as const;

export interface ZendeskCall {
  /** e.g. `DELETE /api/v2/deleted_users/:id` (the `.json` suffix removed). */
  endpoint: string;
  status: number;
}

/** Every request the simulator received, by endpoint pattern, so tests can count side effects. */
export class ZendeskCallLog {
  readonly all: ZendeskCall[] = [];

  record(call: ZendeskCall): void {
    this.all.push(call);
  }

  /** How many requests reached `endpoint`, optionally only those answered with `status`. */
  count(endpoint: string, status?: number): number {
    return this.all.filter((call) => call.endpoint === endpoint && (status === undefined || call.status === status)).length;
  }

  clear(): void {
    this.all.length = 0;
  }
}

export interface ZendeskSimulator {
  baseUrl: string;
  close(): Promise<void>;
  state: ZendeskState;
  calls: ZendeskCallLog;
}

export async function startZendeskSimulator(options: ZendeskSimulatorOptions = {}): Promise<ZendeskSimulator> {
  const now = options.now ?? Date.now;
  const state = new ZendeskState(now);
  const calls = new ZendeskCallLog();
  const oauthClients = options.oauthClients ?? [ZENDESK_SIMULATOR_CREDENTIALS.oauth];
  const apiTokens = options.apiTokens ?? [ZENDESK_SIMULATOR_CREDENTIALS.apiToken];
  const accountLimit = new RateWindow(options.rateLimitPerMinute ?? 700, 60_000, now);
  const routes: ZendeskRoute[] = buildZendeskRoutes(state, {
    updateUserLimit: new RateWindow(options.updateUserPerMinute ?? 5, 60_000, now),
    permanentDeleteLimit: new RateWindow(options.permanentDeletesPer10Minutes ?? 700, 600_000, now),
  });

  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));

  app.post(['/oauth/tokens', '/oauth/tokens.json'], (req: Request, res: Response) => {
    res.on('finish', () => calls.record({ endpoint: 'POST /oauth/tokens', status: res.statusCode }));
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type', error_description: 'The simulator issues client_credentials tokens only.' });
      return;
    }
    const known = oauthClients.some((client) => client.clientId === body.client_id && client.clientSecret === body.client_secret);
    if (!known) {
      res.status(401).json(INVALID_CLIENT_ERROR);
      return;
    }
    const token = randomBytes(24).toString('hex');
    state.issuedTokens.set(token, options.tokenTtlSeconds ? now() + options.tokenTtlSeconds * 1000 : null);
    res.json({
      access_token: token,
      token_type: 'bearer',
      scope: typeof body.scope === 'string' ? body.scope : 'read write',
      ...(options.tokenTtlSeconds ? { expires_in: options.tokenTtlSeconds } : {}),
    });
  });

  const authenticated = (header: string | undefined): boolean => {
    if (!header) return false;
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme.toLowerCase() === 'bearer') {
      if (!state.issuedTokens.has(value)) return false;
      const expiry = state.issuedTokens.get(value);
      return expiry === null || expiry === undefined || expiry > now();
    }
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString();
      const separator = decoded.indexOf('/token:');
      if (separator < 0) return false;
      const email = decoded.slice(0, separator);
      const token = decoded.slice(separator + '/token:'.length);
      return apiTokens.some((known) => known.email.toLowerCase() === email.toLowerCase() && known.token === token);
    }
    return false;
  };

  app.use('/api/v2', (req: Request, res: Response) => {
    const path = req.path.replace(/\.json$/, '');
    const requestUrl = new URL(req.originalUrl, `${req.protocol}://${req.get('host')}`);
    let match: { route: ZendeskRoute; params: string[] } | undefined;
    for (const route of routes) {
      const found = route.method === req.method ? route.regex.exec(path) : null;
      if (found) {
        match = { route, params: found.slice(1).map(decodeURIComponent) };
        break;
      }
    }
    const endpoint = match ? `${req.method} /api/v2${match.route.pattern}` : `${req.method} /api/v2${path}`;
    res.on('finish', () => calls.record({ endpoint, status: res.statusCode }));

    if (!authenticated(req.get('authorization'))) {
      res.status(401).json({ error: "Couldn't authenticate you" });
      return;
    }
    const forced = state.forcedRateLimits.shift();
    if (forced) {
      sendRateLimited(res, forced.retryAfterSeconds, accountLimit.limit);
      return;
    }
    const quota = accountLimit.take('account');
    if (!quota.allowed) {
      sendRateLimited(res, quota.retryAfterSeconds, accountLimit.limit);
      return;
    }
    res.set({ 'X-Rate-Limit': String(accountLimit.limit), 'X-Rate-Limit-Remaining': String(quota.remaining) });
    if (!match) {
      res.status(404).json({ error: 'InvalidEndpoint', description: 'Not found' });
      return;
    }
    const failure = state.forcedFailures.findIndex((candidate) => candidate.endpoint === endpoint);
    if (failure >= 0) {
      const [{ status }] = state.forcedFailures.splice(failure, 1);
      res.status(status).json({ error: 'ServiceUnavailable', description: 'Zendesk is temporarily unavailable' });
      return;
    }
    const context: RouteContext = {
      req,
      res,
      params: match.params,
      url: requestUrl,
      origin: `${requestUrl.protocol}//${requestUrl.host}`,
    };
    match.route.handle(context);
  });

  const running = await listenOnFreePort(app);
  return { baseUrl: running.baseUrl, close: running.close, state, calls };
}
