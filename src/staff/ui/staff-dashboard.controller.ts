import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CaseFiguresService } from '../../cases/reports/case-figures.service';
import { readReportPeriod } from '../../cases/reports/report-period';
import { Roles } from '../../common/auth/roles.decorator';
import { CurrentStaff, type StaffPrincipal } from '../../common/auth/staff-principal';
import { CaseReportExport } from '../reports/case-report-export';
import { openSection, periodSection } from './dashboard.view';
import { DeadlineStates } from './deadline-states';
import { DASHBOARD_COPY } from './pages/dashboard-copy';
import { StaffPageFilter } from './pages/staff-page.filter';
import { StaffPageRenderer } from './pages/staff-page-renderer';
import { StaffBadge } from './staff-badge';

/**
 * /staff/dashboard: the figures an admin or the DPO (auditor) reports on — open cases by stage and
 * type, overdue and due within the week (the queue's bounds), and for a period (the last 12 months
 * unless chosen) cases received per channel, answered, answered on time and the median days to
 * answer — with the period's cases as a CSV download. A page of its own, so `/staff` stays the
 * queue for every role.
 */
@ApiExcludeController()
@UseFilters(StaffPageFilter)
@Controller('staff/dashboard')
export class StaffDashboardController {
  constructor(
    private readonly figures: CaseFiguresService,
    private readonly report: CaseReportExport,
    private readonly states: DeadlineStates,
    private readonly pages: StaffPageRenderer,
    private readonly badge: StaffBadge,
  ) {}

  @Get()
  @Roles('admin', 'auditor')
  async show(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    await this.render(request, response, staff);
  }

  /** The CSV report behind the staff session (the API's is bearer-only); a bad period shows the
   *  dashboard with the field marked, as the form would. */
  @Get('cases.csv')
  @Roles('admin', 'auditor')
  async download(@Req() request: Request, @Res() response: Response, @CurrentStaff() staff: StaffPrincipal): Promise<void> {
    const { period } = readReportPeriod(request.query, this.states.bounds().today);
    if (period) await this.report.send(response, period);
    else await this.render(request, response, staff);
  }

  private async render(request: Request, response: Response, staff: StaffPrincipal): Promise<void> {
    const language = this.pages.language(request);
    const words = { text: DASHBOARD_COPY[language], copy: this.pages.copy(request), language };
    const bounds = this.states.bounds();
    const query = request.query as Record<string, unknown>;
    const { period, problems } = readReportPeriod(query, bounds.today);
    const typed = (name: 'from' | 'to') => (typeof query[name] === 'string' ? query[name] : '');
    const [open, periodFigures, badge] = await Promise.all([
      this.figures.open({ today: bounds.today, week: bounds.week }),
      period ? this.figures.period(period) : null,
      this.badge.count(staff),
    ]);
    this.pages.send(request, response, period ? 200 : 400, 'dashboard', {
      title: words.text.title,
      active: 'dashboard',
      badge,
      data: {
        text: words.text,
        open: openSection(open, words),
        values: period ?? { from: typed('from'), to: typed('to') },
        errors: { period: Object.fromEntries(problems.map(({ field, code }) => [field, words.text.problems[code]])) },
        period: period && periodFigures ? periodSection(period, periodFigures, words) : null,
      },
    });
  }
}
