import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from './error-body';

/** Maps every error to the API's error body. Unexpected ones are logged by type and message
 *  only (no request data, so no personal data) and answered without internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (isHealthReport(exception)) {
      // /health keeps terminus' report (which dependency is down) for operators and probes.
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      const error = exception as Error;
      // The message of a database error can quote the values involved (personal data): log the
      // error's type, code and where it happened, never its message.
      const code = (exception as { code?: string })?.code;
      const frames = error?.stack?.split('\n').slice(1, 6).join('\n');
      this.logger.error(`${error?.name ?? 'Error'}${code ? ` (${code})` : ''}`, frames);
    }
    if (response.headersSent) return;
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(body.statusCode).json(body);
  }
}

function isHealthReport(exception: unknown): exception is HttpException {
  if (!(exception instanceof HttpException)) return false;
  const body = exception.getResponse() as { status?: unknown; details?: unknown };
  return body?.status === 'error' && typeof body.details === 'object' && body.details !== null;
}
