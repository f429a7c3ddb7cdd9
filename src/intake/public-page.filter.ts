import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toErrorBody } from '../common/http/error-body';
import { PageRenderer, pageLanguage } from './pages/page-renderer';

/** Public pages answer errors with a page a person can read, in their language, never a stack
 *  trace or JSON: too many attempts (429), not found, or "something went wrong on our side". */
@Catch()
export class PublicPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('PublicPages');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
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
