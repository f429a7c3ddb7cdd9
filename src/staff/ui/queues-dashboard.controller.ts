import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { All, Controller, Next, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { QueueDirectory } from '../../queues/queue-directory';
import { Roles } from '../../common/auth/roles.decorator';
import { StaffPageFilter } from './pages/staff-page.filter';

const BASE_PATH = '/staff/queues';

/**
 * bull-board at /staff/queues, for admins only. It is a Nest route (not a bare Express mount) so
 * the global guard, the sign-in redirect and the route-table RBAC test cover it like any page.
 * Its JSON calls change jobs with PUT requests that a SameSite=Lax session cookie never
 * accompanies from another site.
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class QueuesDashboardController {
  private board: RequestHandler | null = null;

  constructor(private readonly queueDirectory: QueueDirectory) {}

  @All(['queues', 'queues/*path'])
  @Roles('admin')
  serve(@Req() request: Request, @Res() response: Response, @Next() next: NextFunction): void {
    this.board ??= this.createBoard();
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
