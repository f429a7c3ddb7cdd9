import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { isBackendUnavailable } from '../common/http/error-body';

/** Set on a form post whose rate-limit counter could not be reached (Redis down). */
const COUNTER_UNAVAILABLE = Symbol('intake counter unavailable');

/**
 * The intake form's rate limit. When Redis (where the counts live) is unreachable the guard does
 * not answer with an error page: it marks the request, and the form controller shows the form
 * again with what the person typed and a 503, as it does when PostgreSQL is down.
 */
@Injectable()
export class IntakeFormThrottlerGuard extends ThrottlerGuard {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    try {
      return await super.canActivate(context);
    } catch (error) {
      if (!isBackendUnavailable(error)) throw error;
      (context.switchToHttp().getRequest<Request>() as Request & { [COUNTER_UNAVAILABLE]?: boolean })[COUNTER_UNAVAILABLE] = true;
      return true;
    }
  }
}

export function rateCounterUnavailable(request: Request): boolean {
  return (request as Request & { [COUNTER_UNAVAILABLE]?: boolean })[COUNTER_UNAVAILABLE] === true;
}
