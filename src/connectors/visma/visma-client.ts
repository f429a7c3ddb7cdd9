import { ConnectorAuthError, connectorError, ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { countConnectorResponse } from '../connector-http-metrics';
import { graphQLErrorsToConnectorError, httpStatusToConnectorError, type GraphQLErrorEntry } from './visma-errors';
import { VISMA_SERVICE_SCOPE, type VismaSettings } from './visma-settings';

export interface VismaClientOptions {
  /** Wait inline for a 429 when Retry-After is at most this long; otherwise throw RateLimitedError. */
  maxInlineRetryWaitMs: number;
  /** How many 429s one call may wait out inline. */
  maxRateLimitRetries: number;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
  fetch: typeof fetch;
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is no longer used. */
  renewAt: number;
}

/** Renew this long before the token really expires, so a call never starts with a dying token. */
const EXPIRY_MARGIN_MS = 60_000;

/** Tokens per system + token URL + client id, shared by every connector instance in the process.
 *  A pending request is cached too, so concurrent calls fetch one token, not many. */
const tokenCache = new Map<string, { pending: Promise<CachedToken>; token?: CachedToken }>();

interface RawResponse {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/** A GraphQL client for one Business NXT service connection (client-credentials flow). */
export class VismaClient {
  constructor(
    private readonly settings: VismaSettings,
    private readonly options: VismaClientOptions,
  ) {}

  /** POSTs `{query, variables}` and returns `data`; any `errors` (even on HTTP 200) throw. */
  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    let renewedAfter401 = false;
    for (;;) {
      const token = await this.token();
      const response = await this.withRateLimit('GraphQL API', () =>
        this.send(this.settings.graphqlUrl, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token.accessToken}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({ query, variables }),
        }),
      );
      if (response.status === 401) {
        // A revoked or early-expired token: fetch a fresh one once, then give up.
        this.forgetToken(token);
        if (renewedAfter401) throw new ConnectorAuthError('Visma Business NXT rejected a fresh access token (HTTP 401)');
        renewedAfter401 = true;
        continue;
      }
      if (response.status < 200 || response.status >= 300) throw httpStatusToConnectorError(response.status, 'GraphQL API');
      const body = response.body as { data?: T; errors?: GraphQLErrorEntry[] } | undefined;
      if (!body || typeof body !== 'object') throw new ConnectorError('Visma Business NXT answered with a body that is not JSON', false, response.status);
      if (Array.isArray(body.errors) && body.errors.length > 0) throw graphQLErrorsToConnectorError(body.errors);
      if (body.data === undefined || body.data === null) throw new ConnectorError('Visma Business NXT answered without data', false, response.status);
      return body.data;
    }
  }

  private cacheKey(): string {
    return `${this.settings.systemId}\u0000${this.settings.tokenUrl}\u0000${this.settings.clientId}`;
  }

  private async token(): Promise<CachedToken> {
    const key = this.cacheKey();
    const entry = tokenCache.get(key);
    if (entry && !entry.token) return entry.pending;
    if (entry?.token && entry.token.renewAt > this.options.now().getTime()) return entry.token;
    const fresh: { pending: Promise<CachedToken>; token?: CachedToken } = { pending: this.fetchToken() };
    tokenCache.set(key, fresh);
    try {
      fresh.token = await fresh.pending;
      return fresh.token;
    } catch (error) {
      if (tokenCache.get(key) === fresh) tokenCache.delete(key);
      throw error;
    }
  }

  private forgetToken(token: CachedToken): void {
    const key = this.cacheKey();
    if (tokenCache.get(key)?.token === token) tokenCache.delete(key);
  }

  private async fetchToken(): Promise<CachedToken> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.settings.clientId,
      client_secret: this.settings.clientSecret,
      scope: VISMA_SERVICE_SCOPE,
    });
    if (this.settings.tenantId) form.set('tenant_id', this.settings.tenantId);
    const response = await this.withRateLimit('token endpoint', () =>
      this.send(this.settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      }),
    );
    const body = (response.body ?? {}) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (response.status !== 200) {
      throw httpStatusToConnectorError(response.status, 'token endpoint', typeof body.error === 'string' ? body.error : undefined);
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new ConnectorError('Visma token endpoint answered without an access_token', false, response.status);
    }
    const lifetimeMs = Math.max(0, Number(body.expires_in ?? 3600) * 1000);
    const margin = Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2);
    return { accessToken: body.access_token, renewAt: this.options.now().getTime() + lifetimeMs - margin };
  }

  /** Retries 429s inline while Retry-After is short; a long wait becomes RateLimitedError. */
  private async withRateLimit(what: string, send: () => Promise<RawResponse>): Promise<RawResponse> {
    for (let retries = 0; ; retries++) {
      const response = await send();
      if (response.status !== 429) return response;
      const waitMs = retryAfterMs(response.retryAfter, this.options.now().getTime(), 1000);
      if (waitMs > this.options.maxInlineRetryWaitMs || retries >= this.options.maxRateLimitRetries) {
        throw new RateLimitedError(waitMs, `Visma ${what} rate limit reached; retry after ${waitMs} ms`);
      }
      await this.options.sleep(waitMs);
    }
  }

  private async send(url: string, init: RequestInit): Promise<RawResponse> {
    let response: Response;
    try {
      response = await this.options.fetch(url, init);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw connectorError({ en: `Visma Business NXT could not be reached: ${reason}`, nb: `Visma Business NXT kunne ikke nås: ${reason}` }, true);
    }
    countConnectorResponse('visma', response.status);
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined; // e.g. the HTML page Visma sends with a 401
    }
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }
}
