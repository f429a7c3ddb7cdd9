import express, { type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { listenOnFreePort } from '../http-simulator';
import { FORBIDDEN_ERROR, INVALID_CLIENT_ERROR, scopeNeeded } from './zendesk-assumptions';
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
  /** How long a created or changed user takes to show in search (default 0: at once). */
  searchIndexDelayMs?: number;
  /** false: the account has no Agent Workspace; comment redaction answers 403 (default true). */
  agentWorkspace?: boolean;
  /** How long a permanently deleted user still shows name and e-mail in the deleted-users list (default 0). */
  permanentDeletionBlankingDelayMs?: number;
  /** How long after a permanent delete the compliance status says `complete` (default 0). */
  complianceCompletionDelayMs?: number;
  /** Where attachment downloads redirect (default: the simulator itself, standing in for Zendesk's file host). */
  attachmentRedirectOrigin?: string;
  /** false: no Collaboration add-on; the side conversation endpoints answer 403 (default true). */
  collaborationAddOn?: boolean;
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
  state.searchIndexDelayMs = options.searchIndexDelayMs ?? 0;
  state.agentWorkspace = options.agentWorkspace ?? true;
  state.permanentDeletionBlankingDelayMs = options.permanentDeletionBlankingDelayMs ?? 0;
  state.complianceCompletionDelayMs = options.complianceCompletionDelayMs ?? 0;
  state.attachmentRedirectOrigin = options.attachmentRedirectOrigin ?? null;
  state.collaborationAddOn = options.collaborationAddOn ?? true;
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
    const scope = typeof body.scope === 'string' && body.scope.trim() ? body.scope.trim() : 'read write';
    state.issuedTokens.set(token, options.tokenTtlSeconds ? now() + options.tokenTtlSeconds * 1000 : null);
    state.tokenScopes.set(token, scope);
    res.json({
      access_token: token,
      token_type: 'bearer',
      scope,
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

  const bearerScope = (header: string | undefined): string | undefined => {
    const [scheme, value = ''] = (header ?? '').split(' ', 2);
    return scheme.toLowerCase() === 'bearer' ? state.tokenScopes.get(value) : undefined;
  };

  // An attachment's content_url: with the API's credentials it answers 302 with a temporary link
  // ("Accessing end user uploaded attachments"); without them, 401.
  app.get('/attachments/token/:token/', (req: Request, res: Response) => {
    res.on('finish', () => calls.record({ endpoint: 'GET /attachments/token/:token', status: res.statusCode }));
    if (!authenticated(req.get('authorization'))) {
      res.status(401).json({ error: "Couldn't authenticate you" });
      return;
    }
    const token = String(req.params.token);
    if (!state.file(token)) {
      res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
      return;
    }
    const host = state.attachmentRedirectOrigin ?? `${req.protocol}://${req.get('host')}`;
    res.redirect(302, `${host}/attachments/download/${token}?signature=${randomBytes(8).toString('hex')}`);
  });

  // The temporary link: signed by its query, so it takes no credentials. (unverified) It refuses
  // a request that also carries an Authorization header, as a pre-signed storage URL does.
  app.get('/attachments/download/:token', (req: Request, res: Response) => {
    res.on('finish', () => calls.record({ endpoint: 'GET /attachments/download/:token', status: res.statusCode }));
    if (req.get('authorization')) {
      res.status(400).type('text/plain').send('Only one auth mechanism allowed');
      return;
    }
    const file = state.file(String(req.params.token));
    if (!file || typeof req.query.signature !== 'string') {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.status(200).type(file.attachment.content_type).send(file.bytes);
  });

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
    // "Any request you make with the token will return a Forbidden error" when its scope does not
    // cover the resource and access (OAuth Tokens API); API tokens act with the agent's full role.
    const grantedScope = bearerScope(req.get('authorization'));
    if (grantedScope !== undefined && !scopeCovers(grantedScope, scopeNeeded(req.method, path))) {
      res.status(403).json(FORBIDDEN_ERROR);
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
  state.origin = running.baseUrl;
  return { baseUrl: running.baseUrl, close: running.close, state, calls };
}

/** A scope list covers `users:write` with `users:write` itself or the plain `write`. */
function scopeCovers(granted: string, needed: string): boolean {
  const scopes = granted.split(/\s+/);
  return scopes.includes(needed) || scopes.includes(needed.split(':').at(-1)!);
}
