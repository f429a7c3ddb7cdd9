import type { SystemContext } from '../connector';
import { ConnectorAuthError, ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { countConnectorResponse } from '../connector-http-metrics';
import type { HttpAuth } from './http-connection';

/** Supplies the authentication header of every API request; `refresh` after the API said 401. */
export interface AuthHeaders {
  headers(): Promise<Record<string, string>>;
  /** Whether a new credential was obtained (only OAuth can): then the request is worth one more try. */
  refresh(): Promise<boolean>;
}

interface CachedToken {
  accessToken: string;
  /** ms epoch after which the token is fetched again; undefined = no expiry given. */
  refreshAfter?: number;
}

/** OAuth tokens per system, token URL and client, shared by every call in this process. */
const tokens = new Map<string, Promise<CachedToken>>();

/** Renew a little before the stated expiry (a tenth of the lifetime, at most a minute). */
const margin = (lifetimeMs: number) => Math.min(60_000, lifetimeMs / 10);

export function authHeaders(ctx: SystemContext, auth: HttpAuth, baseUrl: string, timeoutMs: number): AuthHeaders {
  switch (auth.type) {
    case 'bearer':
      return fixed({ Authorization: `Bearer ${ctx.secret(auth.tokenEnv)}` });
    case 'basic': {
      const pair = `${ctx.secret(auth.usernameEnv)}:${ctx.secret(auth.passwordEnv)}`;
      return fixed({ Authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` });
    }
    case 'api-key':
      return fixed({ [auth.header]: `${auth.prefix}${ctx.secret(auth.valueEnv)}` });
    case 'oauth2-client-credentials': {
      const clientId = ctx.secret(auth.clientIdEnv);
      const clientSecret = ctx.secret(auth.clientSecretEnv);
      const tokenUrl = new URL(auth.tokenUrl, baseUrl).toString();
      const key = `${ctx.systemId}\u0000${tokenUrl}\u0000${clientId}`;
      const fetchToken = () => {
        const pending = requestToken(ctx.systemId, tokenUrl, { clientId, clientSecret, scope: auth.scope, clientAuth: auth.clientAuth }, timeoutMs);
        tokens.set(key, pending);
        pending.catch(() => {
          if (tokens.get(key) === pending) tokens.delete(key);
        });
        return pending;
      };
      return {
        async headers() {
          const cached = await tokens.get(key)?.catch(() => undefined);
          const usable = cached && (cached.refreshAfter === undefined || cached.refreshAfter > Date.now());
          const token = usable ? cached : await fetchToken();
          return { Authorization: `Bearer ${token.accessToken}` };
        },
        async refresh() {
          await fetchToken();
          return true;
        },
      };
    }
  }
}

/** Forgets every cached OAuth token (e.g. after rotating a client secret). */
export function clearHttpTokenCache(): void {
  tokens.clear();
}

function fixed(headers: Record<string, string>): AuthHeaders {
  return { headers: async () => headers, refresh: async () => false };
}

interface Client {
  clientId: string;
  clientSecret: string;
  scope?: string;
  clientAuth: 'basic' | 'body';
}

/** RFC 6749 § 4.4: a form-encoded client_credentials grant. */
async function requestToken(systemId: string, tokenUrl: string, client: Client, timeoutMs: number): Promise<CachedToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (client.scope) form.set('scope', client.scope);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (client.clientAuth === 'basic') {
    // § 2.3.1: id and secret are form-encoded before they are joined.
    const pair = `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`;
    headers.Authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  } else {
    form.set('client_id', client.clientId);
    form.set('client_secret', client.clientSecret);
  }
  let response: Response;
  try {
    response = await fetch(tokenUrl, { method: 'POST', headers, body: form.toString(), signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    throw new ConnectorError(`system ${systemId}: the OAuth token request could not be sent (network error or timeout)`, true);
  }
  countConnectorResponse('http', response.status);
  const text = await response.text();
  if (response.status === 429) {
    throw new RateLimitedError(retryAfterMs(response.headers.get('retry-after')), `system ${systemId}: rate limited on the OAuth token request`);
  }
  if ([400, 401, 403].includes(response.status)) {
    throw new ConnectorAuthError(
      `system ${systemId}: the token endpoint refused the OAuth client credentials (${response.status})`,
      response.status === 400 ? 401 : response.status,
    );
  }
  if (!response.ok) throw new ConnectorError(`system ${systemId}: the token endpoint answered ${response.status}`, response.status >= 500);
  let body: { access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ConnectorError(`system ${systemId}: the OAuth token answer was not JSON`, false);
  }
  if (typeof body.access_token !== 'string' || !body.access_token)
    throw new ConnectorError(`system ${systemId}: the OAuth token answer had no access_token`, false);
  const lifetime = typeof body.expires_in === 'number' ? body.expires_in * 1000 : Number(body.expires_in) * 1000;
  return {
    accessToken: body.access_token,
    refreshAfter: Number.isFinite(lifetime) && lifetime > 0 ? Date.now() + lifetime - margin(lifetime) : undefined,
  };
}
