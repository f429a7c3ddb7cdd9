import { Module } from '@nestjs/common';
import { CaseFiguresService } from './case-figures.service';
import { CaseReportRowsService } from './case-report-rows.service';

/** Reports over the cases table (the dashboard's figures, the CSV report's rows): read-only set
 *  queries, kept in cases/ because cases own the table. */
@Module({
  providers: [CaseFiguresService, CaseReportRowsService],
  exports: [CaseFiguresService, CaseReportRowsService],
})
export class CaseReportsModule {}
