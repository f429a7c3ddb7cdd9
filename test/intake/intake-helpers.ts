import type { CapturedMail } from '../support/smtp-capture';

/** The first link to `/verify/…` or `/status/…` in a message, re-pointed at the test server. */
export function linkIn(mail: CapturedMail, kind: 'verify' | 'status', baseUrl: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+/${kind}/[A-Za-z0-9_-]+`));
  if (!match) throw new Error(`no ${kind} link in "${mail.subject}"`);
  return `${baseUrl}${new URL(match[0]).pathname}`;
}

/** Visible text of a page, for asserting what a person reads. */
export function pageText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Opens the form like a browser: keeps its cookies and the hidden fields. */
export async function openForm(baseUrl: string, path = '/') {
  const response = await fetch(`${baseUrl}${path}`);
  const html = await response.text();
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const hidden = (name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))![1];
  return { html, cookies, csrf: hidden('_csrf'), key: hidden('idempotencyKey') };
}

/** Posts the form as a browser without JavaScript would. */
export const postForm = (baseUrl: string, cookies: string, fields: Record<string, string>, path = '/') =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
    body: new URLSearchParams(fields).toString(),
  });
