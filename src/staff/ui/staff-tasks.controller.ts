import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { StaffTasksPage } from './staff-tasks.page';

/** /staff/tasks: a system owner's own page of manual tasks. */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff')
export class StaffTasksController {
  constructor(
    private readonly page: StaffTasksPage,
    private readonly pages: StaffPageRenderer,
  ) {}

  @Get('tasks')
  @Roles('owner', 'admin', 'auditor')
  async list(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const copy = this.pages.copy(request);
    const done = request.query.done === 'outcome' ? copy.done.outcome : undefined;
    await this.page.send(request, response, staff, 200, undefined, done);
  }
}
