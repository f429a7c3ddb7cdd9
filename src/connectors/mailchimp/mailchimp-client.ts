import { Logger } from '@nestjs/common';
import { sendJson, type JsonAnswer, type JsonApi, type JsonCall } from '../json-api-call';
import { connectorErrorFrom, networkError, rateLimitedError, rateLimitWaitMs } from './mailchimp-errors';
import type { MailchimpActivity, MailchimpList, MailchimpMember, MailchimpNote, MailchimpProblem, MailchimpTag } from './mailchimp-types';

/** Mailchimp pages collections with `count` (at most 1000) and `offset`, and says `total_items`. */
export const PAGE_SIZE = 1000;

export interface MailchimpClientOptions {
  /** e.g. https://us21.api.mailchimp.com/3.0 */
  apiRoot: string;
  apiKey: string;
  maxInlineRetryWaitMs: number;
  maxInlineRetries: number;
  requestTimeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

type RequestSpec = JsonCall;

type RawResponse = JsonAnswer;

/** The member's path in one audience. */
const memberPath = (listId: string, hash: string) => `/lists/${encodeURIComponent(listId)}/members/${encodeURIComponent(hash)}`;

/**
 * A thin typed client of the Marketing API v3 over `fetch` with HTTP Basic auth (any user name,
 * the API key as password). The official `@mailchimp/mailchimp_marketing` package has no way to
 * wait out a 429 and resolves every call through superagent; the dozen calls used here are simpler
 * over `fetch`. Built per call from the system's context; holds no shared state.
 */
export class MailchimpClient {
  private readonly logger = new Logger(MailchimpClient.name);

  constructor(private readonly options: MailchimpClientOptions) {}

  /** Every audience of the account. */
  async lists(): Promise<MailchimpList[]> {
    return this.collect<MailchimpList>('audience list', '/lists', 'lists', { fields: 'lists.id,lists.name,total_items' });
  }

  /** Null when the audience does not exist (404). */
  async list(listId: string): Promise<MailchimpList | null> {
    const response = await this.send({ operation: 'audience read', method: 'GET', path: `/lists/${encodeURIComponent(listId)}` });
    return response.status === 404 ? null : (response.body as MailchimpList);
  }

  /** Null when the address is no member of the audience (404), or was permanently deleted from it. */
  async member(listId: string, hash: string): Promise<MailchimpMember | null> {
    const response = await this.send({ operation: 'member read', method: 'GET', path: memberPath(listId, hash) });
    return response.status === 404 ? null : stripLinks(response.body as MailchimpMember);
  }

  async activity(listId: string, hash: string): Promise<MailchimpActivity[]> {
    return this.collect<MailchimpActivity>('member activity read', `${memberPath(listId, hash)}/activity-feed`, 'activity');
  }

  async tags(listId: string, hash: string): Promise<MailchimpTag[]> {
    return this.collect<MailchimpTag>('member tags read', `${memberPath(listId, hash)}/tags`, 'tags');
  }

  async notes(listId: string, hash: string): Promise<MailchimpNote[]> {
    return this.collect<MailchimpNote>('member notes read', `${memberPath(listId, hash)}/notes`, 'notes');
  }

  async updateMember(listId: string, hash: string, body: Record<string, unknown>): Promise<MailchimpMember> {
    return stripLinks((await this.expect({ operation: 'member update', method: 'PATCH', path: memberPath(listId, hash), body })) as MailchimpMember);
  }

  /** Activates or removes tags on the member (204). */
  async setTags(listId: string, hash: string, tags: Array<{ name: string; status: 'active' | 'inactive' }>): Promise<void> {
    await this.expect({ operation: 'member tags update', method: 'POST', path: `${memberPath(listId, hash)}/tags`, body: { tags } });
  }

  /** Archives the member (DELETE answers 204). False when Mailchimp no longer has it (404). */
  async archiveMember(listId: string, hash: string): Promise<boolean> {
    const response = await this.send({ operation: 'member archive', method: 'DELETE', path: memberPath(listId, hash) });
    return response.status !== 404;
  }

  /** Permanently deletes the member (204); the address can then not be re-imported. False on 404. */
  async deleteMemberPermanently(listId: string, hash: string): Promise<boolean> {
    const response = await this.send({ operation: 'member permanent delete', method: 'POST', path: `${memberPath(listId, hash)}/actions/delete-permanent` });
    return response.status !== 404;
  }

  /** Reads every page of a collection: `count`/`offset` until `total_items` are read. */
  private async collect<T>(operation: string, path: string, key: string, extra: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    for (let offset = 0; ;) {
      const page = (await this.expect({ operation, method: 'GET', path, query: { ...extra, count: String(PAGE_SIZE), offset: String(offset) } })) as Record<
        string,
        unknown
      >;
      const batch = (Array.isArray(page[key]) ? page[key] : []) as T[];
      items.push(...batch.map((item) => stripLinks(item as Record<string, unknown>) as T));
      offset += batch.length;
      const total = typeof page.total_items === 'number' ? page.total_items : offset;
      if (batch.length === 0 || offset >= total) return items;
    }
  }

  private async expect(spec: RequestSpec): Promise<unknown> {
    const response = await this.send(spec);
    if (response.status === 404) throw connectorErrorFrom(spec.operation, 404, response.body as MailchimpProblem | undefined);
    return response.body;
  }

  /** Sends one request, waiting out short 429s; 404 is returned to the caller, other failures throw. */
  private send(spec: RequestSpec): Promise<RawResponse> {
    return sendJson(this.api, spec, this.logger);
  }

  /** The Marketing API as `sendJson` calls it: HTTP Basic with any user name and the key as password. */
  private get api(): JsonApi {
    return {
      provider: 'mailchimp',
      baseUrl: this.options.apiRoot,
      headers: {
        Authorization: `Basic ${Buffer.from(`dsr:${this.options.apiKey}`).toString('base64')}`,
        Accept: 'application/json, application/problem+json',
      },
      requestTimeoutMs: this.options.requestTimeoutMs,
      maxInlineRetryWaitMs: this.options.maxInlineRetryWaitMs,
      maxInlineRetries: this.options.maxInlineRetries,
      sleep: this.options.sleep,
      rateLimit: (call, response, _body, attempt) => {
        const waitMs = rateLimitWaitMs(response.headers, attempt);
        return { waitMs, error: () => rateLimitedError(waitMs), note: `Mailchimp ${call.operation} refused over the connection limit; waiting ${waitMs} ms` };
      },
      failure: (call, status, body) => connectorErrorFrom(call.operation, status, body as MailchimpProblem | undefined),
      unreachable: (call, error) => networkError(call.operation, error),
    };
  }
}

/** Mailchimp adds HATEOAS `_links` to every object: noise in an export. */
function stripLinks<T extends Record<string, unknown>>(item: T): T {
  if (!item || typeof item !== 'object') return item;
  const { _links: _ignored, ...rest } = item;
  return rest as T;
}
