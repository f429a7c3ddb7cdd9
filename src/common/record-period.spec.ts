import { parseRecordDates, recordSpan } from './record-period';

describe('the days a request says the records are from', () => {
  it('reads a period and single dates, sorted and without repeats', () => {
    const { dates, problems } = parseRecordDates({ period: { from: '2026-05-03', to: '2026-05-05' }, recordDates: ['2026-04-25', '2026-04-20', '2026-04-25'] });
    expect(problems).toEqual([]);
    expect(dates).toEqual({ period: { from: '2026-05-03', to: '2026-05-05' }, recordDates: ['2026-04-20', '2026-04-25'] });
    expect(recordSpan(dates)).toEqual({ from: '2026-04-20', to: '2026-05-05' });
    expect(recordSpan({})).toBeNull();
    expect(parseRecordDates(undefined)).toEqual({ dates: {}, problems: [] });
  });

  it('names the field of each problem', () => {
    expect(parseRecordDates({ period: '2026-05-03' }).problems).toEqual([{ field: 'details.period', code: 'not_object' }]);
    expect(parseRecordDates({ period: { from: '2026-02-30', to: '2026-05-05', at: 1 } }).problems).toEqual([
      { field: 'details.period.at', code: 'unknown_field' },
      { field: 'details.period.from', code: 'invalid_date' },
    ]);
    expect(parseRecordDates({ period: { from: '2026-05-05', to: '2026-05-03' } }).problems).toEqual([
      { field: 'details.period.to', code: 'dates_out_of_order' },
    ]);
    expect(parseRecordDates({ recordDates: '2026-05-03' }).problems).toEqual([{ field: 'details.recordDates', code: 'not_date_list' }]);
    expect(parseRecordDates({ recordDates: ['2026-05-03', 'yesterday'] }).problems).toEqual([{ field: 'details.recordDates[1]', code: 'invalid_date' }]);
    expect(parseRecordDates({ recordDates: Array.from({ length: 32 }, () => '2026-05-03') }).problems).toEqual([
      { field: 'details.recordDates', code: 'too_many_dates', max: 31 },
    ]);
  });
});
