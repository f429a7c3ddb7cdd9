import { existsSync, readFileSync } from 'node:fs';
import { LinkSigner } from '../../src/public-site/link-signer';
import type { TestApp } from '../support/test-app';

export interface SeededIdentifier {
  kind: 'email' | 'phone' | 'customer_number' | 'name';
  given: string;
  value: string;
  basis?: 'claimed' | 'proven';
}

/** A case from the JSON intake, with identifiers and candidate records written straight into
 *  PostgreSQL, as the record search would leave them. Returns ids by the given text. */
export async function seedCase(
  stack: TestApp,
  email: string,
  identifiers: SeededIdentifier[],
): Promise<{ caseId: string; reference: string; ids: Record<string, string>; token: string }> {
  const response = await fetch(`${stack.url}/api/v1/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'access', email }),
  });
  if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
  const { reference } = (await response.json()) as { reference: string };
  const [{ id: caseId }] = await stack.dataSource.query('SELECT id FROM cases WHERE reference = $1', [reference]);
  const ids: Record<string, string> = {};
  for (const identifier of [{ kind: 'email', given: email, value: email, basis: 'proven' } as SeededIdentifier, ...identifiers]) {
    const proven = identifier.basis === 'proven';
    const [{ id }] = await stack.dataSource.query(
      `INSERT INTO case_identifiers (case_id, kind, value, given, basis, method, established_by, established_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (case_id, kind, value, system_id) DO UPDATE SET basis = EXCLUDED.basis, method = EXCLUDED.method,
         established_by = EXCLUDED.established_by, established_at = EXCLUDED.established_at
       RETURNING id`,
      [
        caseId,
        identifier.kind,
        identifier.value,
        identifier.given,
        proven ? 'proven' : 'claimed',
        proven ? 'link sent to this address' : null,
        proven ? 'requester' : null,
        proven ? new Date() : null,
      ],
    );
    ids[identifier.given] = id;
  }
  const token = new LinkSigner(stack.config.APP_SECRET).sign('status', caseId, null);
  return { caseId, reference, ids, token };
}

/** A record a connector found through a claimed identifier: a "possible match". */
export async function seedCandidate(
  stack: TestApp,
  caseId: string,
  record: { systemId: string; externalId: string; foundBy: string[]; emails?: string[]; phones?: string[] },
): Promise<void> {
  await stack.dataSource.query(
    `INSERT INTO case_record_matches (case_id, system_id, external_id, record_kind, label, status, found_by, evidence, contacts)
     VALUES ($1, $2, $3, 'customer', 'Customer', 'candidate', $4, $5, $6)`,
    [
      caseId,
      record.systemId,
      record.externalId,
      JSON.stringify(record.foundBy),
      JSON.stringify({ given: [], held: [] }),
      JSON.stringify({ emails: record.emails ?? [], phones: record.phones ?? [] }),
    ],
  );
}

/** A browser on the proof page: its cookies and CSRF token, for the forms it posts. */
export async function openProofPage(stack: TestApp, token: string, query = '?lang=en') {
  const response = await fetch(`${stack.url}/status/${token}/prove${query}`);
  const html = await response.text();
  const cookies = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
  const csrf = html.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? '';
  const post = (path: '' | '/code', fields: Record<string, string>) =>
    fetch(`${stack.url}/status/${token}/prove${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
      body: new URLSearchParams({ _csrf: csrf, lang: 'en', ...fields }).toString(),
    });
  return {
    status: response.status,
    html,
    askCode: (identifierId: string) => post('', { identifier: identifierId }),
    enterCode: (code: string) => post('/code', { code }),
  };
}

export interface SentText {
  at: string;
  to: string;
  text: string;
}

/** The text messages the file transport wrote. */
export function textsIn(file: string): SentText[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SentText);
}

/** Waits until the file transport has written a text that matches (texts go out after the page answers). */
export async function waitForText(file: string, match: (text: SentText) => boolean, timeoutMs = 10_000): Promise<SentText> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = textsIn(file).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching text message within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The code in a message ("1234 5678" or "12345678"), without spaces. */
export function codeIn(text: string): string {
  const match = text.match(/\b(\d{4}) ?(\d{4})\b/);
  if (!match) throw new Error('no code in the message');
  return `${match[1]}${match[2]}`;
}

/** The page's HTML with its CSRF token blanked: two answers compared byte for byte otherwise. */
export const withoutCsrf = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
