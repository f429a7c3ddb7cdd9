import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';

interface TokenPayload {
  sub: string;
  exp: number;
}

/** Stateless bearer tokens: base64url(payload).HMAC-SHA256(APP_SECRET). Any api replica can check
 *  them; the guard still re-reads the user so a deactivated account stops at once. */
@Injectable()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  issue(userId: string): { token: string; expiresAt: Date } {
    const expiresAt = new Date(this.clock.now().getTime() + this.config.TOKEN_TTL_HOURS * 3_600_000);
    const payload = Buffer.from(JSON.stringify({ sub: userId, exp: expiresAt.getTime() })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  /** The user id, or null when the token is malformed, forged or expired. */
  verify(token: string): string | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenPayload;
      if (typeof parsed.sub !== 'string' || typeof parsed.exp !== 'number') return null;
      return parsed.exp > this.clock.now().getTime() ? parsed.sub : null;
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.config.APP_SECRET).update(`staff-token.${payload}`).digest('base64url');
  }
}
