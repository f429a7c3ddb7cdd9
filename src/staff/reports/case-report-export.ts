import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { once } from 'node:events';
import { CaseReportRowsService, type CaseReportRow } from '../../cases/reports/case-report-rows.service';
import type { ReportPeriod } from '../../cases/reports/report-period';
import { AnswerLetterKinds } from '../../responses/letters/answer-letter-kinds';
import { CASE_REPORT_COLUMNS, caseReportLine, csvLine } from './case-report-csv';

const PAGE_SIZE = 1000;

/**
 * Streams the case report for a period as CSV: a page of cases at a time with their answer letters'
 * kinds, written as it is read. The first page is read before anything is sent, so a database that
 * does not answer is still a 503; one that fails halfway cuts the download off rather than end a
 * short file that looks complete.
 */
@Injectable()
export class CaseReportExport {
  constructor(
    private readonly rows: CaseReportRowsService,
    private readonly letterKinds: AnswerLetterKinds,
  ) {}

  async send(response: Response, period: ReportPeriod): Promise<void> {
    let page = await this.page(period, null);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="cases-${period.from}-${period.to}.csv"`);
    response.setHeader('Cache-Control', 'no-store');
    response.status(200);
    try {
      await write(response, csvLine(CASE_REPORT_COLUMNS));
      while (page.rows.length) {
        await write(response, page.rows.map((row) => caseReportLine(row, page.kinds.get(row.id))).join(''));
        if (page.rows.length < PAGE_SIZE) break;
        const last = page.rows[page.rows.length - 1];
        page = await this.page(period, { receivedOn: last.receivedOn, reference: last.reference });
      }
      response.end();
    } catch (error) {
      response.destroy(error as Error);
    }
  }

  private async page(
    period: ReportPeriod,
    after: { receivedOn: string; reference: string } | null,
  ): Promise<{ rows: CaseReportRow[]; kinds: Map<string, string> }> {
    const rows = await this.rows.page(period, after, PAGE_SIZE);
    const completed = rows.filter((row) => row.stage === 'completed').map((row) => row.id);
    return { rows, kinds: await this.letterKinds.forCases(completed) };
  }
}

/** Writes a chunk, waiting for the client to take what was written before when its buffer is
 *  full; a client that went away ends the export instead of leaving it waiting. */
async function write(response: Response, chunk: string): Promise<void> {
  if (response.destroyed) throw new Error('the client closed the connection');
  if (!response.write(chunk)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
}
