import { setTimeout as sleep } from 'node:timers/promises';
import { connectorError, ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { countConnectorResponse } from '../connector-http-metrics';
import { bearerToken } from './zendesk-auth';
import type { ZendeskConnection } from './zendesk-connection';
import { zendeskError } from './zendesk-errors';
import type { CursorPage, OffsetPage } from './zendesk-types';

export interface ZendeskClientOptions {
  systemId: string;
  connection: ZendeskConnection;
  /** Wait for a 429's Retry-After inline when it is at most this long; otherwise throw RateLimitedError. */
  maxInlineRetryWaitMs: number;
  /** How many 429s one request may wait out inline. */
  maxInlineRetries: number;
  requestTimeoutMs: number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A thin typed client for Zendesk Support API v2 over global fetch: auth, 429s, error mapping, paging. */
export class ZendeskClient {
  /** The account's own origin (e.g. https://acme.zendesk.com): the only one that gets credentials. */
  readonly origin: string;

  constructor(private readonly options: ZendeskClientOptions) {
    this.origin = new URL(options.connection.baseUrl).origin;
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  delete<T = unknown>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  /** Every item of an offset-paginated list, following absolute `next_page` URLs. */
  async offsetList<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | null | undefined = this.withQuery(path, { per_page: String(this.options.connection.pageSize) });
    while (next) {
      const page: OffsetPage & Record<string, unknown> = await this.get(next);
      items.push(...((page[key] as T[] | undefined) ?? []));
      next = page.next_page;
    }
    return items;
  }

  /** Every item of a cursor-paginated list: `page[size]`, then `links.next` while `meta.has_more`. */
  async cursorList<T>(path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | null | undefined = this.withQuery(path, { 'page[size]': String(this.options.connection.pageSize) });
    while (next) {
      const page: CursorPage & Record<string, unknown> = await this.get(next);
      items.push(...((page[key] as T[] | undefined) ?? []));
      next = page.meta?.has_more ? page.links?.next : null;
    }
    return items;
  }

  private withQuery(path: string, params: Record<string, string>): string {
    const url = new URL(this.url(path));
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Paths are relative to /api/v2; absolute URLs (pagination links) must stay on the account's host. */
  private url(pathOrUrl: string): string {
    if (/^https?:\/\//.test(pathOrUrl)) {
      if (new URL(pathOrUrl).origin !== this.origin) {
        throw new ConnectorError('Zendesk returned a pagination link to another host; not following it', false);
      }
      return pathOrUrl;
    }
    return `${this.options.connection.baseUrl}/api/v2${pathOrUrl}`;
  }

  /** The Authorization header value, for a request to the account's own origin only. */
  async authorization(forceRefresh = false): Promise<string> {
    const { credentials, baseUrl } = this.options.connection;
    if (credentials.kind === 'api_token') {
      return `Basic ${Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')}`;
    }
    const token = await bearerToken(this.options.systemId, baseUrl, credentials, { forceRefresh, timeoutMs: this.options.requestTimeoutMs });
    return `Bearer ${token}`;
  }

  private async request<T>(method: Method, pathOrUrl: string, body?: unknown): Promise<T> {
    const url = this.url(pathOrUrl);
    // Error messages name the method and path only: query strings carry search terms (e-mail addresses).
    const operation = `${method} ${new URL(url).pathname}`;
    let refreshedToken = false;
    let rateLimitWaits = 0;
    for (;;) {
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: await this.authorization(refreshedToken) };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        });
      } catch {
        throw connectorError(
          { en: `Zendesk ${operation} failed (network error or timeout)`, nb: `Zendesk ${operation} mislyktes (nettverksfeil eller tidsavbrudd)` },
          true,
        );
      }
      countConnectorResponse('zendesk', response.status);
      const text = await response.text();

      if (response.status === 401 && this.options.connection.credentials.kind === 'oauth' && !refreshedToken) {
        refreshedToken = true;
        continue;
      }
      if (response.status === 429) {
        const waitMs = retryAfterMs(response.headers.get('retry-after'));
        if (waitMs <= this.options.maxInlineRetryWaitMs && rateLimitWaits < this.options.maxInlineRetries) {
          rateLimitWaits += 1;
          await sleep(waitMs);
          continue;
        }
        throw new RateLimitedError(waitMs, `Zendesk rate limit on ${operation}`);
      }
      if (!response.ok) {
        const { credentials } = this.options.connection;
        throw zendeskError(response.status, text, operation, {
          authKind: credentials.kind,
          scope: credentials.kind === 'oauth' ? credentials.scope : undefined,
        });
      }
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new ConnectorError(`Zendesk answered ${operation} with a body that is not JSON`, true, response.status);
      }
    }
  }
}
