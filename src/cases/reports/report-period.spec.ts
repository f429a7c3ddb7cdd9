import { lastTwelveMonths, periodProblemsEn, readReportPeriod } from './report-period';

describe('readReportPeriod', () => {
  const today = '2026-12-05';

  it('defaults to the last 12 months up to today', () => {
    expect(lastTwelveMonths(today)).toEqual({ from: '2025-12-06', to: '2026-12-05' });
    expect(readReportPeriod({}, today)).toEqual({ period: { from: '2025-12-06', to: '2026-12-05' }, problems: [] });
    expect(readReportPeriod({ from: '', to: '' }, today).period).toEqual({ from: '2025-12-06', to: '2026-12-05' });
  });

  it('keeps the ends given, filling in only the missing one', () => {
    expect(readReportPeriod({ from: '2026-01-01', to: '2026-06-30' }, today).period).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(readReportPeriod({ from: '2026-11-01' }, today).period).toEqual({ from: '2026-11-01', to: '2026-12-05' });
    expect(readReportPeriod({ from: '2026-03-01', to: '2026-03-01' }, today).period).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('names each field that is not a real date, and a to before from', () => {
    expect(readReportPeriod({ from: '2026-02-30', to: ['2026-01-01'] }, today).problems).toEqual([
      { field: 'from', code: 'not_a_date' },
      { field: 'to', code: 'not_a_date' },
    ]);
    expect(readReportPeriod({ from: '01.02.2026' }, today).problems).toEqual([{ field: 'from', code: 'not_a_date' }]);
    const backwards = readReportPeriod({ from: '2026-05-01', to: '2026-04-30' }, today);
    expect(backwards).toEqual({ period: null, problems: [{ field: 'to', code: 'before_from' }] });
    expect(periodProblemsEn(backwards.problems)).toEqual([{ field: 'to', problem: 'must not be before from' }]);
  });
});
