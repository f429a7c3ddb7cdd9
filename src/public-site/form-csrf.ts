import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * CSRF for the public form: csrf-csrf's double-submit cookie, its HMAC bound to an anonymous
 * per-browser cookie (there is no session for the public). Cookies get the `__Host-` prefix
 * and `Secure` when the service is served over HTTPS.
 */
@Injectable()
export class FormCsrf {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly secure: boolean;
  private readonly visitorCookie: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secure = config.PUBLIC_URL.startsWith('https://');
    const prefix = this.secure ? '__Host-' : '';
    this.visitorCookie = `${prefix}dsr-visitor`;
    // The current secret makes tokens; previous ones (key rotation) still accept an open form's token.
    const secrets = [config.APP_SECRET, ...config.APP_SECRET_PREVIOUS].map((secret) =>
      createHmac('sha256', secret).update('dsr-public-form-csrf').digest('hex'),
    );
    this.csrf = doubleCsrf({
      getSecret: () => secrets,
      getSessionIdentifier: (request) => String(request.cookies?.[this.visitorCookie] ?? ''),
      cookieName: `${prefix}dsr-csrf`,
      cookieOptions: { sameSite: 'strict', path: '/', secure: this.secure, httpOnly: true },
      getCsrfTokenFromRequest: (request) => (typeof request.body?._csrf === 'string' ? request.body._csrf : undefined),
    });
  }

  /** A token for the form (reused while the browser's cookie is valid, so tabs agree). */
  token(request: Request, response: Response): string {
    request.cookies ??= {};
    if (typeof request.cookies[this.visitorCookie] !== 'string' || !/^[0-9a-f]{32}$/.test(request.cookies[this.visitorCookie])) {
      const visitor = randomBytes(16).toString('hex');
      response.cookie(this.visitorCookie, visitor, { sameSite: 'lax', path: '/', secure: this.secure, httpOnly: true });
      request.cookies[this.visitorCookie] = visitor;
    }
    return this.csrf.generateCsrfToken(request, response);
  }

  valid(request: Request): boolean {
    if (!request.cookies) return false;
    return this.csrf.validateRequest(request);
  }
}
