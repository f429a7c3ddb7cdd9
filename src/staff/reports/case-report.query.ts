import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/** The report's period in the query string; the dates themselves are read by `readReportPeriod`
 *  (cases/reports/report-period.ts), which the dashboard shares. Any other parameter → 400 naming it. */
export class CaseReportQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day received (YYYY-MM-DD, company time zone); default: 12 months before `to`, plus a day' })
  @IsOptional()
  @IsString({ message: 'must be a real calendar date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day received (YYYY-MM-DD, included); default: today' })
  @IsOptional()
  @IsString({ message: 'must be a real calendar date as YYYY-MM-DD' })
  to?: string;
}
