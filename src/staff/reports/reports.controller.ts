import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { periodProblemsEn, readReportPeriod } from '../../cases/reports/report-period';
import { Roles } from '../../common/auth/roles.decorator';
import { RequestValidationError } from '../../common/http/validation';
import { DeadlineService } from '../../deadlines/deadline.service';
import { CaseReportExport } from './case-report-export';
import { CaseReportQuery } from './case-report.query';

/** Reports for the annual report and the Art 30 record: admins and auditors (the DPO). */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly report: CaseReportExport,
    private readonly deadlines: DeadlineService,
  ) {}

  @Get('cases.csv')
  @Roles('admin', 'auditor')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'One CSV line per case received in the period: reference, type, channel, received_on, deadline (effective, extension and pauses included), extended, answered_on, days_to_answer, on_time, stage, outcome. No personal data; cells a spreadsheet would run as formulas are neutralised. 400 naming `from` or `to`.',
  })
  async cases(@Query() query: CaseReportQuery, @Res() response: Response): Promise<void> {
    const { period, problems } = readReportPeriod(query, this.deadlines.today());
    if (!period) throw new RequestValidationError(periodProblemsEn(problems));
    await this.report.send(response, period);
  }
}
