import type { CaseReportRow } from '../../cases/reports/case-report-rows.service';
import { CASE_REPORT_COLUMNS, caseReportLine, csvLine } from './case-report-csv';

const row = (change: Partial<CaseReportRow>): CaseReportRow => ({
  id: 'id',
  reference: 'DSR-2026-000001',
  type: 'erasure',
  channel: 'letter',
  receivedOn: '2026-03-05',
  deadline: '2026-04-04',
  extended: false,
  answeredOn: '2026-03-20',
  daysToAnswer: 15,
  onTime: true,
  stage: 'completed',
  rejectionCode: null,
  ...change,
});

describe('case report CSV', () => {
  it('writes the header and a completed case with its answer letter kind', () => {
    expect(csvLine(CASE_REPORT_COLUMNS)).toBe('reference,type,channel,received_on,deadline,extended,answered_on,days_to_answer,on_time,stage,outcome\r\n');
    expect(caseReportLine(row({}), 'erasure-partial')).toBe(
      'DSR-2026-000001,erasure,letter,2026-03-05,2026-04-04,false,2026-03-20,15,true,completed,erasure-partial\r\n',
    );
  });

  it('gives a refusal its reason code and leaves an open case’s answer cells empty', () => {
    expect(caseReportLine(row({ stage: 'rejected', rejectionCode: 'excessive', onTime: false, daysToAnswer: 40, answeredOn: '2026-04-14' }), 'refusal')).toBe(
      'DSR-2026-000001,erasure,letter,2026-03-05,2026-04-04,false,2026-04-14,40,false,rejected,excessive\r\n',
    );
    expect(caseReportLine(row({ stage: 'paused', extended: true, answeredOn: null, daysToAnswer: null, onTime: null }), undefined)).toBe(
      'DSR-2026-000001,erasure,letter,2026-03-05,2026-04-04,true,,,,paused,\r\n',
    );
  });

  it('neutralises a cell a spreadsheet would run as a formula', () => {
    expect(caseReportLine(row({ reference: "=cmd|' /C calc'!A0" }), '@SUM(A1)')).toBe(
      `'=cmd|' /C calc'!A0,erasure,letter,2026-03-05,2026-04-04,false,2026-03-20,15,true,completed,'@SUM(A1)\r\n`,
    );
  });
});
