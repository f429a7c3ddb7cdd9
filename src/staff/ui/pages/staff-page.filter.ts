import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from '../../../common/http/error-body';
import type { StaffPrincipal } from '../../../common/auth/staff-principal';
import { isPasswordChangeRequired, PASSWORD_CHANGE_PAGE } from '../../auth/password-change-route';
import { isSecondFactorEnrolmentRequired, SECOND_FACTOR_ENROLMENT_PAGE } from '../../second-factor/second-factor';
import { CsrfRejected } from '../session/staff-csrf';
import { fill } from './staff-copy';
import { StaffPageRenderer } from './staff-page-renderer';

/** Where a page request goes when the guard finds nobody signed in. */
export function signInUrl(request: Request): string {
  const next = request.method === 'GET' && request.originalUrl !== '/staff' ? request.originalUrl : '';
  return next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login';
}

/**
 * Staff pages answer errors as pages: not signed in (or the session expired) → a redirect to
 * sign-in; a wrong role → 403 page; not found → 404 page; anything unexpected → a plain page and
 * a log line with the error's type only (a database error can quote personal data).
 */
@Catch()
export class StaffPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('StaffPages');

  constructor(private readonly pages: StaffPageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & { staff?: StaffPrincipal }>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const body = toErrorBody(exception);
    const copy = this.pages.copy(request);
    if (body.statusCode === 401) {
      response.redirect(303, signInUrl(request));
      return;
    }
    if (isPasswordChangeRequired(exception)) {
      response.redirect(303, PASSWORD_CHANGE_PAGE);
      return;
    }
    if (isSecondFactorEnrolmentRequired(exception)) {
      response.redirect(303, SECOND_FACTOR_ENROLMENT_PAGE);
      return;
    }
    if (body.statusCode >= 500) {
      const error = exception as Error;
      this.logger.error(
        `${error?.name ?? 'Error'} on ${request.method} ${request.route?.path ?? 'staff page'}`,
        error?.stack?.split('\n').slice(1, 6).join('\n'),
      );
    }
    const [title, lead] =
      exception instanceof CsrfRejected
        ? [copy.csrf.title, copy.csrf.lead]
        : body.statusCode === 403
          ? [copy.forbidden.title, fill(copy.forbidden.lead, { role: request.staff ? copy.roles[request.staff.role] : '' })]
          : body.statusCode === 404
            ? [copy.notFound.title, copy.notFound.lead]
            : body.statusCode < 500
              ? [copy.broken.title, body.message]
              : [copy.broken.title, copy.broken.lead];
    const home = request.staff?.role === 'owner' ? '/staff/tasks' : '/staff';
    this.pages.send(request, response, body.statusCode, 'message', {
      title,
      data: { heading: title, lead, backUrl: request.staff ? home : '/staff/login', backLabel: request.staff ? copy.back : copy.login.title },
    });
  }
}
