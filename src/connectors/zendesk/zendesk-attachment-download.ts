import { ConnectorError, RateLimitedError, retryAfterMs } from '../connector-errors';
import { countConnectorResponse } from '../connector-http-metrics';
import type { ZendeskClient } from './zendesk-client';

/** Zendesk's file host for temporary download links (the target of an attachment's redirect). */
const FILE_HOST_SUFFIX = '.zdusercontent.com';
/** Redirects followed for one attachment (Zendesk answers one 302 to a temporary link). */
const MAX_REDIRECTS = 3;

export type Download = { ok: true; bytes: Buffer; contentType: string | null } | { ok: false; reason: string };

/**
 * A redirect target Zendesk may send an attachment download to: the account's own origin or
 * Zendesk's file host, over https (the account's origin as configured). Anything else might not
 * be Zendesk's, and the file is not fetched from it.
 */
export function isZendeskFileHost(target: URL, accountOrigin: string): boolean {
  if (target.origin === accountOrigin) return true;
  return target.protocol === 'https:' && target.hostname.endsWith(FILE_HOST_SUFFIX);
}

/**
 * Downloads an attachment's `content_url` as "Accessing end user uploaded attachments" describes:
 * the URL on the account's host with the API credentials, which answers 302 with a temporary
 * link; that link is followed without credentials (it carries its own signature) and only to
 * Zendesk's own hosts. A `content_url` elsewhere (the docs warn a file may be hosted externally)
 * is never requested, so credentials never leave the account's host. Reads at most `maxBytes`.
 */
export async function downloadAttachment(client: ZendeskClient, contentUrl: string, maxBytes: number): Promise<Download> {
  let url: URL;
  try {
    url = new URL(contentUrl);
  } catch {
    return { ok: false, reason: 'Zendesk gave no valid address for the file' };
  }
  if (url.origin !== client.origin) return { ok: false, reason: 'stored outside Zendesk, so it was not fetched' };
  let headers: Record<string, string> = { Authorization: await client.authorization() };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await get(url, headers, client.requestTimeoutMs);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      const next = location ? new URL(location, url) : null;
      if (!next || !isZendeskFileHost(next, client.origin)) return { ok: false, reason: 'Zendesk sent the download to a host that is not its own' };
      url = next;
      headers = {};
      continue;
    }
    if (response.status === 429) {
      await response.body?.cancel();
      throw new RateLimitedError(retryAfterMs(response.headers.get('retry-after')), 'Zendesk rate limit on an attachment download');
    }
    if (response.status >= 500 || response.status === 408) {
      await response.body?.cancel();
      throw new ConnectorError(`Zendesk answered ${response.status} to an attachment download`, true, response.status);
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, reason: `Zendesk did not hand out the file (HTTP ${response.status})` };
    }
    const bytes = await readAtMost(response, maxBytes);
    if (!bytes) return { ok: false, reason: 'larger than Zendesk stated, beyond the size limit' };
    return { ok: true, bytes, contentType: response.headers.get('content-type') };
  }
  return { ok: false, reason: 'Zendesk redirected the download too many times' };
}

async function get(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  try {
    const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    countConnectorResponse('zendesk', response.status);
    return response;
  } catch {
    // The URL carries a download token: the message names none of it.
    throw new ConnectorError('Zendesk attachment download failed (network error or timeout)', true);
  }
}

/** The body, or null when it is longer than `maxBytes` (reading stops there). */
async function readAtMost(response: Response, maxBytes: number): Promise<Buffer | null> {
  try {
    return await readBody(response, maxBytes);
  } catch {
    throw new ConnectorError('Zendesk attachment download broke off (network error or timeout)', true);
  }
}

async function readBody(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
}
