import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { doubleCsrf, type DoubleCsrfUtilities } from 'csrf-csrf';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';

/** Thrown when a staff form comes back without a good token; the page filter explains it. */
export class CsrfRejected extends ForbiddenException {
  constructor() {
    super('The form was out of date or did not come from this site. Reload the page and try again.');
  }
}

/**
 * CSRF for every staff form: csrf-csrf's double submit (a cookie and a hidden field), its HMAC
 * bound to the signed-in session's id, so a token from another session (or from before sign-in,
 * which regenerates the session) is refused. Before sign-in there is no session (an anonymous
 * page view must not store anything in Redis): the token is bound to a random visitor cookie.
 */
@Injectable()
export class StaffCsrf {
  private readonly csrf: DoubleCsrfUtilities;
  private readonly secure: boolean;
  private readonly visitorCookie: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secure = config.PUBLIC_URL.startsWith('https://');
    this.secure = secure;
    this.visitorCookie = secure ? '__Host-dsr-staff-visitor' : 'dsr-staff-visitor';
    const secrets = [config.APP_SECRET, ...config.APP_SECRET_PREVIOUS].map((secret) => createHmac('sha256', secret).update('dsr-staff-csrf').digest('hex'));
    this.csrf = doubleCsrf({
      getSecret: () => secrets,
      getSessionIdentifier: (request) => (request.session?.staffUserId ? `session:${request.session.id}` : `visitor:${this.visitor(request)}`),
      cookieName: secure ? '__Host-dsr-staff-csrf' : 'dsr-staff-csrf',
      cookieOptions: { sameSite: 'lax', path: '/', secure, httpOnly: true },
      getCsrfTokenFromRequest: (request) => (typeof request.body?._csrf === 'string' ? request.body._csrf : undefined),
    });
  }

  /** The token for this page's forms. A visitor who is not signed in gets a visitor cookie
   *  (not a session) for the token to be bound to. */
  token(request: Request, response: Response): string {
    if (!request.session?.staffUserId && !this.visitor(request)) {
      const visitor = randomBytes(16).toString('hex');
      response.cookie(this.visitorCookie, visitor, { sameSite: 'lax', path: '/', secure: this.secure, httpOnly: true });
      request.cookies = { ...request.cookies, [this.visitorCookie]: visitor };
    }
    return this.csrf.generateCsrfToken(request, response, { overwrite: false, validateOnReuse: false });
  }

  valid(request: Request): boolean {
    if (!request.cookies) return false;
    if (!request.session?.staffUserId && !this.visitor(request)) return false;
    return this.csrf.validateRequest(request);
  }

  private visitor(request: Request): string {
    const value = request.cookies?.[this.visitorCookie];
    return typeof value === 'string' && /^[0-9a-f]{32}$/.test(value) ? value : '';
  }
}

/** On every staff POST, after the global guard has decided who may call it. */
@Injectable()
export class StaffCsrfGuard implements CanActivate {
  constructor(private readonly csrf: StaffCsrf) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.csrf.valid(context.switchToHttp().getRequest<Request>())) throw new CsrfRejected();
    return true;
  }
}
