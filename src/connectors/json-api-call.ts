import type { Logger } from '@nestjs/common';
import { countConnectorResponse, type ConnectorProvider } from './connector-http-metrics';

/** One call to a vendor's JSON API. */
export interface JsonCall {
  /** Names the call in errors and logs without its arguments: paths can hold an e-mail or a hash. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** The status and the parsed body (undefined when empty or not JSON). */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** What a vendor's 429 asks: how long to wait, and the error to throw instead of waiting. */
export interface RateLimitAnswer {
  waitMs: number;
  /** A limit no short wait can lift (HubSpot's daily one): thrown at once. */
  final?: boolean;
  error: () => Error;
  /** The log line while waiting (no personal data). */
  note: string;
}

/** How one vendor's API is called: where, with which headers, and its errors in the connector's terms. */
export interface JsonApi {
  provider: ConnectorProvider;
  baseUrl: string;
  headers: Record<string, string>;
  requestTimeoutMs: number;
  /** A 429 asking for at most this long is waited out in the call. */
  maxInlineRetryWaitMs: number;
  /** How many 429s one call may wait out before its RateLimitedError goes to the task queue. */
  maxInlineRetries: number;
  sleep: (ms: number) => Promise<void>;
  rateLimit: (call: JsonCall, response: Response, body: unknown, attempt: number) => RateLimitAnswer;
  failure: (call: JsonCall, status: number, body: unknown) => Error;
  unreachable: (call: JsonCall, error: unknown) => Error;
}

/**
 * Sends one call, waiting out short 429s inside it (a task then needs no new attempt); a 404 is the
 * caller's to read, any other failure throws the vendor's error. HubSpot and Mailchimp share it.
 */
export async function sendJson(api: JsonApi, call: JsonCall, logger: Logger): Promise<JsonAnswer> {
  for (let attempt = 0; ; attempt++) {
    const { response, body } = await fetchJsonOnce(api, call);
    if (response.status !== 429) {
      if (response.ok || response.status === 404) return { status: response.status, body };
      throw api.failure(call, response.status, body);
    }
    const limit = api.rateLimit(call, response, body, attempt);
    if (limit.final || limit.waitMs > api.maxInlineRetryWaitMs || attempt >= api.maxInlineRetries) throw limit.error();
    logger.warn(limit.note);
    await api.sleep(limit.waitMs);
  }
}

/** One call as it comes back, 429 and errors included (for a caller that reads any answer itself). */
export async function fetchJsonOnce(api: JsonApi, call: JsonCall): Promise<{ response: Response; body: unknown }> {
  const url = new URL(`${api.baseUrl.replace(/\/+$/, '')}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers = { ...api.headers, ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  try {
    const response = await fetch(url, {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(api.requestTimeoutMs),
    });
    countConnectorResponse(api.provider, response.status);
    return { response, body: await readBody(response) };
  } catch (error) {
    throw api.unreachable(call, error);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How a connector over `sendJson` may be tuned (tests shorten the waits and fix the clock). */
export interface InlineRetryOptions {
  /** 429s asking for at most this long are waited out inside the call (default 5000). */
  maxInlineRetryWaitMs?: number;
  /** How many 429s one request may wait out before handing the wait to the task queue (default 3, at most 3). */
  maxInlineRetries?: number;
  requestTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/** The options with their defaults filled in. */
export function inlineRetrySettings(options: InlineRetryOptions): Required<InlineRetryOptions> {
  return {
    maxInlineRetryWaitMs: options.maxInlineRetryWaitMs ?? 5000,
    maxInlineRetries: Math.min(options.maxInlineRetries ?? 3, 3),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    sleep: options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? (() => new Date()),
  };
}
