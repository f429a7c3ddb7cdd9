import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';

interface TokenPayload {
  sub: string;
  exp: number;
  /** The user's session epoch when issued: a later epoch refuses the token. */
  ep: number;
  /** The token's id, for revoking this one token (API logout). */
  jti: string;
}

/** What a valid token says; the caller still checks it against the user row and the revoked list. */
export interface VerifiedToken {
  userId: string;
  epoch: number;
  tokenId: string;
  expiresAt: Date;
}

/** Signed bearer tokens: base64url(payload).HMAC-SHA256(APP_SECRET). Any api replica can check the
 *  signature; the guard still re-reads the user, so deactivation, a newer session epoch or a revoked
 *  token id stops it at once. */
@Injectable()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  issue(userId: string, epoch: number): { token: string; expiresAt: Date } {
    const expiresAt = new Date(this.clock.now().getTime() + this.config.TOKEN_TTL_HOURS * 3_600_000);
    const claims: TokenPayload = { sub: userId, exp: expiresAt.getTime(), ep: epoch, jti: randomUUID() };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  /** What the token says, or null when it is malformed, forged, expired or from before epochs. */
  verify(token: string): VerifiedToken | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenPayload;
      if (typeof parsed.sub !== 'string' || typeof parsed.exp !== 'number' || !Number.isInteger(parsed.ep) || typeof parsed.jti !== 'string') return null;
      if (parsed.exp <= this.clock.now().getTime()) return null;
      return { userId: parsed.sub, epoch: parsed.ep, tokenId: parsed.jti, expiresAt: new Date(parsed.exp) };
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.config.APP_SECRET).update(`staff-token.${payload}`).digest('base64url');
  }
}
