import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';

export interface SignedCookieSpec {
  /** The cookie's name over http; behind https it gets the `__Host-` prefix (no Domain, Path=/, Secure). */
  name: string;
  /** What the key is for: each cookie signs with a key of its own derived from APP_SECRET. */
  purpose: string;
  minutes: number;
  sameSite: 'strict' | 'lax';
}

/**
 * A short-lived, HMAC-signed cookie for what a browser carries between two steps before there is
 * a session (an SSO attempt, a passkey challenge, a sign-in waiting for its code): nothing is
 * stored on the server for a visitor who never comes back. HttpOnly, Secure behind https, signed
 * with the current secret and still read under the previous ones while they rotate. The payload
 * is readable by its holder (base64url JSON), so it must never carry a secret the holder may not
 * see; each user checks the shape it reads back.
 */
export class SignedCookie {
  readonly name: string;
  private readonly keys: Buffer[];
  private readonly secure: boolean;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
    private readonly spec: SignedCookieSpec,
  ) {
    this.secure = config.PUBLIC_URL.startsWith('https://');
    this.name = this.secure ? `__Host-${spec.name}` : spec.name;
    this.keys = [config.APP_SECRET, ...config.APP_SECRET_PREVIOUS].map((secret) => createHmac('sha256', secret).update(spec.purpose).digest());
  }

  write(response: Response, content: object): void {
    const expiresAt = this.clock.now().getTime() + this.spec.minutes * 60_000;
    const payload = Buffer.from(JSON.stringify({ ...content, expiresAt })).toString('base64url');
    response.cookie(this.name, `${payload}.${sign(this.keys[0], payload)}`, { ...this.options(), maxAge: this.spec.minutes * 60_000 });
  }

  /** The signed content (with its `expiresAt`), or null when the cookie is missing, altered or expired. */
  read(request: Request): Record<string, unknown> | null {
    const raw: unknown = request.cookies?.[this.name];
    if (typeof raw !== 'string') return null;
    const [payload, signature, ...rest] = raw.split('.');
    if (!payload || !signature || rest.length) return null;
    const given = Buffer.from(signature);
    const signed = this.keys.some((key) => {
      const expected = Buffer.from(sign(key, payload));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!signed) return null;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      const content = parsed as Record<string, unknown>;
      if (typeof content.expiresAt !== 'number' || content.expiresAt <= this.clock.now().getTime()) return null;
      return content;
    } catch {
      return null;
    }
  }

  /** Each step is taken once: the cookie goes whatever the outcome. */
  clear(response: Response): void {
    response.clearCookie(this.name, this.options());
  }

  private options() {
    return { httpOnly: true, sameSite: this.spec.sameSite, secure: this.secure, path: '/' };
  }
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
