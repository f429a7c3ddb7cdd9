import { getDataSourceToken } from '@nestjs/typeorm';
import { PasswordHasher } from '../../src/staff/auth/password-hasher';
import type { StaffRole } from '../../src/common/auth/staff-roles';
import type { TestApp } from '../support/test-app';

export const STAFF_PASSWORD = 'staff password 0123456789';

/** Inserts an active staff user straight into PostgreSQL (the UI's own create form is tested in the browser). */
export async function createStaffUser(stack: TestApp, email: string, role: StaffRole, name = email.split('@')[0]): Promise<string> {
  const hash = await new PasswordHasher().hash(STAFF_PASSWORD);
  const [row] = await stack.context.get(getDataSourceToken()).query(
    `INSERT INTO staff_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role RETURNING id`,
    [email, name, role, hash],
  );
  return row.id;
}

/** A staff user of `role`, signed in through the sign-in page: their browser session. */
export async function signedInStaff(stack: TestApp, email: string, role: StaffRole): Promise<SessionClient> {
  await createStaffUser(stack, email, role);
  const client = new SessionClient(stack.url);
  const response = await client.signIn(email);
  if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return client;
}

export async function bearerFor(stack: TestApp, email: string, password = STAFF_PASSWORD): Promise<{ Authorization: string }> {
  const response = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return { Authorization: `Bearer ${(await response.json()).token}` };
}

/** A browser-like client without a browser: a cookie jar, the page's CSRF token, no redirects followed. */
export class SessionClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(method: string, path: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}),
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.remember(response);
    return response;
  }

  /** A JSON POST, as a page's script sends it (the passkey calls). */
  async postJson(path: string, body: unknown): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...(this.cookies.size ? { Cookie: this.cookieHeader() } : {}), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    this.remember(response);
    return response;
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Sets a cookie as a browser would keep it (a replayed or foreign cookie). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  /** Loads `pagePath` for its CSRF token, then posts the form with it. */
  async submit(pagePath: string, action: string, form: Record<string, string>): Promise<Response> {
    const token = csrfTokenIn(await (await this.get(pagePath)).text());
    return this.request('POST', action, { _csrf: token, ...form });
  }

  async signIn(email: string, password = STAFF_PASSWORD): Promise<Response> {
    return this.submit('/staff/login', '/staff/login', { email, password });
  }
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1];
}
