import { ConnectorAuthError, ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { countConnectorResponse } from '../connector-http-metrics';
import type { ZendeskCredentials } from './zendesk-connection';

interface CachedToken {
  accessToken: string;
  /** ms epoch after which the token is not used any more; undefined = no expiry given. */
  refreshAfter?: number;
}

/** Bearer tokens per system, account and OAuth client, shared by every call in this process. */
const tokens = new Map<string, Promise<CachedToken>>();

/** Refresh this long before Zendesk's stated expiry, so a token does not lapse mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

const cacheKey = (systemId: string, baseUrl: string, clientId: string) => `${systemId}\u0000${baseUrl}\u0000${clientId}`;

async function requestToken(baseUrl: string, credentials: Extract<ZendeskCredentials, { kind: 'oauth' }>, timeoutMs: number): Promise<CachedToken> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/oauth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope: credentials.scope,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new ConnectorError('Zendesk OAuth token request failed (network error or timeout)', true);
  }
  countConnectorResponse('zendesk', response.status);
  const text = await response.text();
  if (response.status === 429) throw new RateLimitedError(retryAfterMs(response.headers.get('retry-after')), 'Zendesk rate limit on the OAuth token request');
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    throw new ConnectorAuthError('Zendesk refused the OAuth client credentials', response.status);
  }
  if (!response.ok) throw new ConnectorError(`Zendesk answered ${response.status} to the OAuth token request`, response.status >= 500);
  let body: { access_token?: unknown; expires_in?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ConnectorError('Zendesk OAuth token answer was not JSON', true);
  }
  if (typeof body.access_token !== 'string' || !body.access_token) throw new ConnectorError('Zendesk OAuth token answer had no access_token', false);
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in * 1000 : undefined;
  return {
    accessToken: body.access_token,
    refreshAfter: expiresIn === undefined ? undefined : Date.now() + Math.max(0, expiresIn - EXPIRY_MARGIN_MS),
  };
}

/**
 * A bearer token for this system and client: cached, fetched once by concurrent callers, and
 * fetched again when it is near expiry or when `forceRefresh` says Zendesk rejected it.
 */
export async function bearerToken(
  systemId: string,
  baseUrl: string,
  credentials: Extract<ZendeskCredentials, { kind: 'oauth' }>,
  options: { forceRefresh?: boolean; timeoutMs: number },
): Promise<string> {
  const key = cacheKey(systemId, baseUrl, credentials.clientId);
  let pending = tokens.get(key);
  if (pending && !options.forceRefresh) {
    const cached = await pending.catch(() => undefined);
    if (cached && (cached.refreshAfter === undefined || cached.refreshAfter > Date.now())) return cached.accessToken;
  }
  pending = requestToken(baseUrl, credentials, options.timeoutMs);
  tokens.set(key, pending);
  try {
    return (await pending).accessToken;
  } catch (error) {
    if (tokens.get(key) === pending) tokens.delete(key);
    throw error;
  }
}

/** Forgets every cached token (e.g. after rotating client secrets). */
export function clearZendeskTokenCache(): void {
  tokens.clear();
}
