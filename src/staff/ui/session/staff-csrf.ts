import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
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
 * bound to the session id, so a token from another session (or from before sign-in, which
 * regenerates the session) is refused.
 */
@Injectable()
export class StaffCsrf {
  private readonly csrf: DoubleCsrfUtilities;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const secure = config.PUBLIC_URL.startsWith('https://');
    const secrets = [config.APP_SECRET, ...config.APP_SECRET_PREVIOUS].map((secret) => createHmac('sha256', secret).update('dsr-staff-csrf').digest('hex'));
    this.csrf = doubleCsrf({
      getSecret: () => secrets,
      getSessionIdentifier: (request) => request.session?.id ?? '',
      cookieName: secure ? '__Host-dsr-staff-csrf' : 'dsr-staff-csrf',
      cookieOptions: { sameSite: 'lax', path: '/', secure, httpOnly: true },
      getCsrfTokenFromRequest: (request) => (typeof request.body?._csrf === 'string' ? request.body._csrf : undefined),
    });
  }

  /** The token for this page's forms. A visitor without a session gets one, so the token has
   *  something to be bound to. */
  token(request: Request, response: Response): string {
    if (!request.session.staffUserId && !request.session.visitor) request.session.visitor = true;
    return this.csrf.generateCsrfToken(request, response, { overwrite: false, validateOnReuse: false });
  }

  valid(request: Request): boolean {
    return Boolean(request.cookies && request.session) && this.csrf.validateRequest(request);
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
