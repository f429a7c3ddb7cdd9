import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { CapturedMail } from '../support/smtp-capture';

/** Adds what the answer tests need to a fan-out data map: named recipients with contacts, a
 *  transfer outside the EEA, an automated decision, sources. Returns the same path. */
export function enrichDataMap(file: string): string {
  const map = parse(readFileSync(file, 'utf8'));
  for (const system of map.systems) {
    if (system.id === 'visma') {
      system.recipients = ['Revisor AS (auditor)'];
      system.recipientContacts = [{ name: 'Revisor AS', email: 'revisjon@revisor.example' }];
    }
    if (system.id === 'zendesk') {
      system.recipients = ['Zendesk Inc. (processor)'];
      system.recipientContacts = [{ name: 'Zendesk Inc.', email: 'privacy@zendesk.example' }];
      system.transfersOutsideEea = 'USA (Zendesk Inc.) under EU standard contractual clauses';
    }
    if (system.id === 'hubspot') {
      system.recipients = ['HubSpot Ireland Ltd. (processor)'];
      system.source = 'the newsletter sign-up form';
      system.automatedDecisions = 'segmentation of newsletter recipients by e-mail opens';
    }
  }
  writeFileSync(file, stringify(map));
  return file;
}

/** A browser's cookie jar, enough for the double-submit CSRF cookies of the public pages. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<{ status: number; html: string }> {
    const response = await fetch(this.url(path), { headers: this.headers(), redirect: 'manual' });
    this.keep(response);
    return { status: response.status, html: await response.text() };
  }

  async post(path: string, form: Record<string, string>): Promise<Response> {
    const response = await fetch(this.url(path), {
      method: 'POST',
      headers: { ...this.headers(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    return response;
  }

  private url(path: string): string {
    return path.startsWith('http') ? `${this.baseUrl}${new URL(path).pathname}${new URL(path).search}` : `${this.baseUrl}${path}`;
  }

  private headers(): Record<string, string> {
    return this.cookies.size ? { Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } : {};
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }
}

/** Reads a response that must not be a zip: what a zip is (its content type and its first four
 *  bytes, the local-file-header signature PK\x03\x04), never a substring of the page, which a
 *  random token in it could contain. Returns the body as text for further checks. */
export async function notAZip(response: Response): Promise<string> {
  expect(response.headers.get('content-type') ?? '').not.toMatch(/zip|octet-stream/);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
  return bytes.toString('utf8');
}

/** The first form on a page: its action and CSRF token. */
export function formOn(html: string, actionPart: string): { action: string; csrf: string } {
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)];
  const form = forms.find((match) => match[1].includes(actionPart));
  if (!form) throw new Error(`no form posting to …${actionPart}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form[2]);
  return { action: form[1].replace(/&amp;/g, '&'), csrf: csrf ? csrf[1] : '' };
}

export function codeIn(mail: CapturedMail): string {
  const match = /\b(\d{8})\b/.exec(mail.text);
  if (!match) throw new Error(`no code in "${mail.subject}"`);
  return match[1];
}

export function pathOf(url: string): string {
  return new URL(url).pathname;
}
