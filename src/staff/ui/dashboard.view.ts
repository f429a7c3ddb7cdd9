import type { CaseStage } from '../../cases/case-stage';
import type { OpenCaseCell, PeriodCounts, PeriodFigures } from '../../cases/reports/case-figures.service';
import type { ReportPeriod } from '../../cases/reports/report-period';
import { CHANNELS, REQUEST_TYPES, type Language } from '../../common/case-types';
import { barChart } from './bar-chart.view';
import type { DashboardCopy } from './pages/dashboard-copy';
import { fill, type StaffCopy } from './pages/staff-copy';

/** The stages an open case can be in, in the order a case moves. */
const OPEN_STAGES = ['awaiting_verification', 'awaiting_approval', 'paused', 'being_handled', 'awaiting_review'] as const satisfies readonly CaseStage[];

export interface Words {
  text: DashboardCopy;
  copy: StaffCopy;
  language: Language;
}

/** Open cases now: the totals, a chart by stage, and the stage × type table with its sums. */
export function openSection(cells: OpenCaseCell[], { text, copy }: Words) {
  const count = (match: (cell: OpenCaseCell) => boolean, field: 'count' | 'overdue' | 'dueThisWeek' = 'count') =>
    cells.filter(match).reduce((sum, cell) => sum + cell[field], 0);
  const rows = OPEN_STAGES.map((stage) => ({
    stage,
    label: copy.status[stage],
    cells: REQUEST_TYPES.map((type) => count((cell) => cell.stage === stage && cell.type === type)),
    total: count((cell) => cell.stage === stage),
  }));
  return {
    total: count(() => true),
    overdue: count(() => true, 'overdue'),
    dueThisWeek: count(() => true, 'dueThisWeek'),
    types: REQUEST_TYPES.map((type) => ({ type, label: copy.type[type] })),
    rows,
    typeTotals: REQUEST_TYPES.map((type) => count((cell) => cell.type === type)),
    chart: barChart(
      'chart-stages',
      text.byStageChart,
      text.byStageDesc,
      rows.map((row) => ({ label: row.label, value: row.total })),
    ),
  };
}

/** "9 av 10 (90 %)", or a dash when nothing was answered. */
function onTimeText(counts: PeriodCounts, text: DashboardCopy): string {
  if (!counts.answered) return text.none;
  return fill(text.onTimeValue, {
    onTime: String(counts.onTime),
    answered: String(counts.answered),
    // Rounded down: one late answer never shows as 100 %.
    percent: String(Math.floor((counts.onTime / counts.answered) * 100)),
  });
}

/** The summary above the queue (admins and auditors): open cases per stage, overdue, due within
 *  the week, and answered on time in the last 12 months, from the dashboard's own figures. */
export function queueSummary(cells: OpenCaseCell[], lastYear: PeriodFigures, words: Words) {
  const open = openSection(cells, words);
  return {
    text: words.text,
    stages: open.rows.map((row) => ({ stage: row.stage, label: row.label, count: row.total })),
    overdue: open.overdue,
    dueThisWeek: open.dueThisWeek,
    onTime: onTimeText(lastYear, words.text),
  };
}

/** A period's figures: received, answered, on time and the median, in all and per channel. */
export function periodSection(period: ReportPeriod, figures: PeriodFigures, { text, copy, language }: Words) {
  const number = new Intl.NumberFormat(language === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: 1 });
  const words = (counts: PeriodCounts) => ({
    received: counts.received,
    answered: counts.answered,
    onTime: onTimeText(counts, text),
    medianDays: counts.medianDays === null ? text.none : number.format(counts.medianDays),
  });
  const empty: PeriodCounts = { received: 0, answered: 0, onTime: 0, medianDays: null };
  const channels = CHANNELS.map((channel) => ({
    channel,
    label: copy.channel[channel],
    ...words(figures.channels.find((row) => row.channel === channel) ?? empty),
  }));
  return {
    ...words(figures),
    anything: figures.received > 0 || figures.answered > 0,
    channels,
    chart: barChart(
      'chart-channels',
      text.byChannelChart,
      text.byChannelDesc,
      channels.map((row) => ({ label: row.label, value: row.received })),
    ),
    downloadUrl: `/staff/dashboard/cases.csv?${new URLSearchParams({ from: period.from, to: period.to }).toString()}`,
  };
}
