import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { toErrorBody } from '../common/http/error-body';
import { PageRenderer, pageLanguage } from './pages/page-renderer';

/** The public pages' paths (the form, the verification and status links). */
const PUBLIC_PAGE_PATH = /^\/(?:$|verify\/|status\/)/;

/** Public pages answer errors with a page a person can read, in their language, never a stack
 *  trace or JSON: too many attempts (429), too large (413), not found, or "something went wrong
 *  on our side". */
@Catch()
export class PublicPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('PublicPages');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    this.respond(exception, host.switchToHttp().getRequest<Request>(), host.switchToHttp().getResponse<Response>());
  }

  /**
   * The same answer for errors raised before any controller runs: the body parsers refuse an
   * oversized form post in Express middleware, where controller filters never see it. Mounted
   * right after the parsers (see http-app.ts); other paths go on to the API's JSON errors.
   */
  bodyErrors(): ErrorRequestHandler {
    return (error, request, response, next) => {
      if (!PUBLIC_PAGE_PATH.test(request.path)) return next(error);
      this.respond(error, request, response);
    };
  }

  private respond(exception: unknown, request: Request, response: Response): void {
    const status = toErrorBody(exception).statusCode;
    if (status >= 500) {
      const error = exception as Error;
      const code = (exception as { code?: string })?.code;
      // Type, code and frames only: a database error's message can quote what the person typed.
      this.logger.error(`${error?.name ?? 'Error'}${code ? ` (${code})` : ''}`, error?.stack?.split('\n').slice(1, 6).join('\n'));
    }
    if (response.headersSent) return;
    const language = pageLanguage(request.query?.lang ?? (request.body as { lang?: unknown } | undefined)?.lang);
    const copy = this.pages.copy(language).errors;
    const [title, lead] =
      status === 429
        ? [copy.tooManyTitle, copy.tooManyLead]
        : status === 413
          ? [copy.tooLargeTitle, copy.tooLargeLead]
          : status === 404
            ? [copy.notFoundTitle, copy.notFoundLead]
            : [copy.brokenTitle, copy.brokenLead];
    if (status === 503) response.setHeader('Retry-After', '5');
    this.pages.send(response, status, 'message', {
      language,
      title,
      data: { title, lead, formUrl: language === 'en' ? '/?lang=en' : '/', formLabel: copy.back },
    });
  }
}
