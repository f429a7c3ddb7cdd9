import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { All, Controller, Inject, Next, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { QueueDirectory } from '../../queues/queue-directory';
import { Roles } from '../../common/auth/roles.decorator';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { StaffPageFilter } from './pages/staff-page.filter';
import { sameOriginWrite, stripFontsOnRender } from './queues-dashboard-guard';
import { CsrfRejected } from './session/staff-csrf';

const BASE_PATH = '/staff/queues';

/**
 * bull-board at /staff/queues, for admins only. It is a Nest route (not a bare Express mount) so
 * the global guard, the sign-in redirect and the route-table RBAC test cover it like any page.
 * Its JSON calls change jobs with PUT requests; on top of the SameSite=Lax session cookie, a write
 * must come from this origin (Sec-Fetch-Site/Origin, queues-dashboard-guard.ts), the stand-in for
 * the CSRF token bull-board cannot send. Its page is served without the Google Fonts link.
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class QueuesDashboardController {
  private board: RequestHandler | null = null;

  constructor(
    private readonly queueDirectory: QueueDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @All(['queues', 'queues/*path'])
  @Roles('admin')
  serve(@Req() request: Request, @Res() response: Response, @Next() next: NextFunction): void {
    if (!sameOriginWrite(request, this.config.PUBLIC_URL)) throw new CsrfRejected();
    this.board ??= this.createBoard();
    stripFontsOnRender(response, next);
    const originalUrl = request.url;
    request.url = originalUrl.slice(BASE_PATH.length) || '/';
    if (!request.url.startsWith('/')) request.url = `/${request.url}`;
    request.baseUrl = BASE_PATH;
    this.board(request, response, (error?: unknown) => {
      request.url = originalUrl;
      next(error);
    });
  }

  private createBoard(): RequestHandler {
    const adapter = new ExpressAdapter();
    adapter.setBasePath(BASE_PATH);
    createBullBoard({
      queues: this.queueDirectory.all().map((queue) => new BullMQAdapter(queue)),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'DSR jobs' } },
    });
    const router = adapter.getRouter();
    router.disable('x-powered-by');
    return router;
  }
}
