import type { CaseReportRow } from '../../cases/reports/case-report-rows.service';
import { csvCell } from '../../responses/package/csv';

/** The report's columns, in order (README "Reports"; a stable interface: add, never rename). */
export const CASE_REPORT_COLUMNS = [
  'reference',
  'type',
  'channel',
  'received_on',
  'deadline',
  'extended',
  'answered_on',
  'days_to_answer',
  'on_time',
  'stage',
  'outcome',
] as const;

/** One CSV line (RFC 4180, CRLF), every cell through the package's neutraliser, so a cell a
 *  spreadsheet would read as a formula is shown, never run. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * A case as a report line. `outcome`: what a completed case answered (its answer letter's kind),
 * the reason code of a refusal, nothing otherwise. No names, addresses or other identifiers of the
 * person: the reference links a line to its case for those entitled to open it.
 */
export function caseReportLine(row: CaseReportRow, answerKind: string | undefined): string {
  const outcome = row.stage === 'completed' ? (answerKind ?? '') : row.stage === 'rejected' ? (row.rejectionCode ?? '') : '';
  return csvLine([
    row.reference,
    row.type,
    row.channel,
    row.receivedOn,
    row.deadline,
    row.extended,
    row.answeredOn ?? '',
    row.daysToAnswer ?? '',
    row.onTime ?? '',
    row.stage,
    outcome,
  ]);
}
