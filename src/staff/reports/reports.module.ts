import { Module } from '@nestjs/common';
import { CaseReportsModule } from '../../cases/reports/case-reports.module';
import { DeadlineCalendarModule } from '../../deadlines/deadline-calendar.module';
import { AnswerLetterKindsModule } from '../../responses/letters/answer-letter-kinds';
import { CaseReportExport } from './case-report-export';
import { ReportsController } from './reports.controller';

/** The case report (`GET /api/v1/reports/cases.csv`, bearer tokens) and its export, which the
 *  dashboard's download reuses behind the staff session. */
@Module({
  imports: [CaseReportsModule, AnswerLetterKindsModule, DeadlineCalendarModule],
  controllers: [ReportsController],
  providers: [CaseReportExport],
  exports: [CaseReportExport, CaseReportsModule],
})
export class ReportsModule {}
