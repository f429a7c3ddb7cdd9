import LinkHeader from 'http-link-header';
import { JSONPath } from 'jsonpath-plus';
import { Logger } from '@nestjs/common';
import { ConnectorAuthError, connectorError, ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { countConnectorResponse } from '../connector-http-metrics';
import type { AuthHeaders } from './http-auth';
import type { ListRequest, Pagination, RequestTemplate } from './http-connection';
import { renderBody, renderPath, renderText, type TemplateValues } from './http-template';

export interface HttpClientSettings {
  /** A 429 (or 5xx with Retry-After) asking for at most this long is waited out in the call. */
  maxInlineRetryWaitMs: number;
  maxInlineRetries: number;
  requestTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * Sends the data map's request templates. `where` names the template in the data map (e.g.
 * `records.customer.find[0]`) and with the method and path template (never the rendered path,
 * query or body, which hold personal data) is all an error or log line says about a request.
 */
export class HttpApiClient {
  private readonly logger = new Logger(HttpApiClient.name);
  private readonly origin: string;

  constructor(
    private readonly systemId: string,
    private readonly baseUrl: string,
    private readonly headers: Record<string, string>,
    private readonly auth: AuthHeaders,
    private readonly settings: HttpClientSettings,
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  /** One request; a 404 is returned to the caller (not found / already gone), other failures throw. */
  async send(where: string, template: RequestTemplate, values: TemplateValues, extraQuery: Record<string, string> = {}): Promise<HttpAnswer> {
    const url = new URL(`${this.baseUrl.replace(/\/+$/, '')}${renderPath(template.path, values)}`);
    for (const [key, value] of Object.entries(template.query)) url.searchParams.set(key, renderText(String(value), values));
    for (const [key, value] of Object.entries(extraQuery)) url.searchParams.set(key, value);
    const body = template.body === undefined ? undefined : JSON.stringify(renderBody(template.body, values));
    return this.exchange(where, template, url, body);
  }

  /** The records a list template finds, following its pagination; null when the API answers 404. */
  async list(where: string, template: ListRequest, values: TemplateValues): Promise<unknown[] | null> {
    const paging = template.pagination;
    const records: unknown[] = [];
    let extra = firstPageQuery(paging);
    let nextUrl: URL | undefined;
    for (let page = 1; ; page++) {
      const answer = nextUrl ? await this.exchange(where, template, nextUrl, undefined) : await this.send(where, template, values, extra);
      if (answer.status === 404) return page === 1 ? null : records;
      const found = resultsOf(`system ${this.systemId}, ${where}`, template.results, answer.body);
      records.push(...found);
      if (!paging) return records;
      if (page >= paging.maxPages) {
        throw new ConnectorError(`system ${this.systemId}, ${where}: more than ${paging.maxPages} pages (raise pagination.maxPages if that is right)`, false);
      }
      const next = this.nextPage(where, paging, extra, answer, found.length);
      if (!next) return records;
      if (next instanceof URL) nextUrl = next;
      else extra = next;
    }
  }

  private nextPage(where: string, paging: Pagination, current: Record<string, string>, answer: HttpAnswer, count: number): Record<string, string> | URL | null {
    switch (paging.style) {
      case 'cursor': {
        const [cursor] = JSONPath({ path: paging.nextCursor, json: answer.body as object, wrap: true }) as unknown[];
        if ((typeof cursor !== 'string' && typeof cursor !== 'number') || cursor === '') return null;
        return { ...current, [paging.cursorParam]: String(cursor) };
      }
      case 'offset':
        return count < paging.limit ? null : { ...current, [paging.offsetParam]: String(Number(current[paging.offsetParam]) + count) };
      case 'page':
        return count < paging.size ? null : { ...current, [paging.pageParam]: String(Number(current[paging.pageParam]) + 1) };
      case 'link': {
        const header = answer.headers.get('link');
        const next = header ? LinkHeader.parse(header).rel('next')[0]?.uri : undefined;
        if (!next) return null;
        const url = new URL(next, this.baseUrl);
        // The credentials go to this API only, never to a host a header names.
        if (url.origin !== this.origin)
          throw new ConnectorError(`system ${this.systemId}, ${where}: the next-page link leads to another host (${url.origin})`, false);
        return url;
      }
    }
  }

  private async exchange(where: string, template: RequestTemplate, url: URL, body: string | undefined): Promise<HttpAnswer> {
    const named = `${where} (${template.method} ${template.path})`;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: 'application/json', ...this.headers, ...(await this.auth.headers()) };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let response: Response;
      let text: string;
      try {
        // Never followed: a redirect would carry an API-key header to wherever it points.
        response = await fetch(url, {
          method: template.method,
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw connectorError(
          {
            en: `system ${this.systemId}, ${named}: ${timedOut ? 'timed out' : 'could not be reached'}`,
            nb: `system ${this.systemId}, ${named}: ${timedOut ? 'fikk ikke svar i tide' : 'kunne ikke nås'}`,
          },
          true,
        );
      }
      countConnectorResponse('http', response.status);
      const status = response.status;
      if (status === 401 && !refreshed && (await this.auth.refresh())) {
        // An OAuth token the API no longer takes (revoked, expired early): one more try with a new one.
        refreshed = true;
        continue;
      }
      if (status === 401 || status === 403)
        throw new ConnectorAuthError(`system ${this.systemId}, ${named}: the API refused the credentials (${status})`, status);
      if (status === 429 || status >= 500) {
        const header = response.headers.get('retry-after');
        const waitMs = retryAfterMs(header, Date.now(), 1000);
        const canWait = (status === 429 || header !== null) && waitMs <= this.settings.maxInlineRetryWaitMs && attempt < this.settings.maxInlineRetries;
        if (canWait) {
          this.logger.warn(`system ${this.systemId}, ${named}: answered ${status}; trying again in ${waitMs} ms`);
          await this.settings.sleep(waitMs);
          continue;
        }
        if (status === 429) throw new RateLimitedError(waitMs, `system ${this.systemId}, ${named}: rate limited by the API`);
        throw new ConnectorError(`system ${this.systemId}, ${named}: the API answered ${status}`, true, status);
      }
      if (status === 404 || (status >= 200 && status < 300)) return { status, body: parse(text), headers: response.headers };
      if (status >= 300 && status < 400) {
        throw new ConnectorError(
          `system ${this.systemId}, ${named}: the API redirected (${status}); give baseUrl as the address it redirects to`,
          false,
          status,
        );
      }
      throw new ConnectorError(`system ${this.systemId}, ${named}: the API answered ${status}`, status === 408, status);
    }
  }
}

function firstPageQuery(paging: Pagination | undefined): Record<string, string> {
  switch (paging?.style) {
    case 'cursor':
      return paging.sizeParam && paging.size ? { [paging.sizeParam]: String(paging.size) } : {};
    case 'offset':
      return { [paging.offsetParam]: '0', [paging.limitParam]: String(paging.limit) };
    case 'page':
      return { [paging.pageParam]: String(paging.firstPage), [paging.sizeParam]: String(paging.size) };
    default:
      return {};
  }
}

/** The records at `path`: one array there (its items), one object (that record), or several matches
 *  (each a record). Nothing there means the answer is not what the template expects. */
function resultsOf(where: string, path: string, body: unknown): unknown[] {
  const matches = body !== null && typeof body === 'object' ? (JSONPath({ path, json: body, wrap: true }) as unknown[]) : [];
  if (matches.length === 1 && Array.isArray(matches[0])) return matches[0] as unknown[];
  if (matches.length >= 1 && matches.every((match) => match !== null && typeof match === 'object')) return matches;
  throw new ConnectorError(`${where}: the answer has no records at ${path} (results); check the template against the API`, false);
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: kept out of messages and logs (it may hold personal data); JSONPaths find nothing in it.
    return undefined;
  }
}
