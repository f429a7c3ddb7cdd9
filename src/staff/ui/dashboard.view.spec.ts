import { openSection, periodSection } from './dashboard.view';
import { DASHBOARD_COPY } from './pages/dashboard-copy';
import { STAFF_COPY } from './pages/staff-copy';

const words = (language: 'nb' | 'en') => ({ text: DASHBOARD_COPY[language], copy: STAFF_COPY[language], language });
const period = { from: '2026-01-01', to: '2026-12-31' };

describe('dashboard view', () => {
  it('rounds the on-time share down, so one late answer never reads as 100 %', () => {
    const view = periodSection(period, { received: 300, answered: 200, onTime: 199, medianDays: 12.25, channels: [] }, words('nb'));
    expect(view.onTime).toBe('199 av 200 (99 %)');
    expect(view.medianDays).toBe('12,3');
    expect(periodSection(period, { received: 1, answered: 1, onTime: 1, medianDays: 4, channels: [] }, words('en')).onTime).toBe('1 of 1 (100 %)');
  });

  it('shows a dash, not 0 % or NaN, when nothing was answered, and lists every channel', () => {
    const view = periodSection(
      period,
      { received: 2, answered: 0, onTime: 0, medianDays: null, channels: [{ channel: 'sms', received: 2, answered: 0, onTime: 0, medianDays: null }] },
      words('en'),
    );
    expect([view.onTime, view.medianDays]).toEqual(['–', '–']);
    expect(view.channels.map((row) => `${row.channel}:${row.received}`)).toEqual([
      'web:0',
      'email:0',
      'phone:0',
      'letter:0',
      'chat:0',
      'api:0',
      'sms:2',
      'in_person:0',
    ]);
    expect(view.downloadUrl).toBe('/staff/dashboard/cases.csv?from=2026-01-01&to=2026-12-31');
  });

  it('adds the open cells up by stage, by type and in all', () => {
    const view = openSection(
      [
        { type: 'access', stage: 'paused', count: 2, overdue: 1, dueThisWeek: 0 },
        { type: 'erasure', stage: 'paused', count: 1, overdue: 0, dueThisWeek: 1 },
        { type: 'access', stage: 'awaiting_review', count: 4, overdue: 2, dueThisWeek: 1 },
      ],
      words('nb'),
    );
    expect([view.total, view.overdue, view.dueThisWeek]).toEqual([7, 3, 2]);
    expect(view.rows.find((row) => row.stage === 'paused')).toMatchObject({ label: 'Venter på den registrerte', cells: [2, 0, 1, 0, 0, 0], total: 3 });
    expect(view.typeTotals).toEqual([6, 0, 1, 0, 0, 0]);
  });
});
