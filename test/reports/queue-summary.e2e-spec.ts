import { humanDate } from '../../src/common/human-date';
import { pageText } from '../intake/intake-helpers';
import { FixedClock } from '../support/fixed-clock';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { SessionClient, signedInStaff } from '../staff-ui/staff-session-client';
import { REPORT_NOW, seedReportCases, type SeededCases } from './report-seed';

/**
 * Issue 17 asks for the dashboard at /staff for admins and auditors; /staff stays the queue, with
 * the dashboard's headline figures above it for those two roles (test/reports/report-seed.ts has
 * the expected figures of the seeded cases) and a link to the whole dashboard. Handlers work the
 * queue and see no summary. The queue's dates are in words, the exact day in <time datetime>.
 */
describe('the summary above the queue at /staff (real app, PostgreSQL)', () => {
  const clock = new FixedClock(new Date(REPORT_NOW));
  let stack: TestApp;
  let cases: SeededCases;

  beforeAll(async () => {
    stack = await startTestApp({ clock, role: 'api', env: { SYSTEMS_FILE: dataMapWithoutRoutineDeletion(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    cases = await seedReportCases(stack, clock, await adminAuth(stack.url));
    clock.set(REPORT_NOW);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const summaryOf = (html: string): string | null => /<section[^>]*data-testid="summary"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
  const figure = (section: string, attribute: string) => new RegExp(`<dd ${attribute}>([^<]*)</dd>`).exec(section)?.[1];

  it('shows an admin open cases by stage, overdue, due within 7 days and answered on time in the last 12 months', async () => {
    const admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const html = await (await admin.get('/staff')).text();
    const section = summaryOf(html);
    expect(section).not.toBeNull();
    expect(pageText(section!)).toContain('Kort oversikt');
    expect(
      Object.fromEntries(
        ['awaiting_verification', 'awaiting_approval', 'paused', 'being_handled', 'awaiting_review'].map((stage) => [
          stage,
          figure(section!, `data-stage="${stage}"`),
        ]),
      ),
    ).toEqual({ awaiting_verification: '2', awaiting_approval: '1', paused: '1', being_handled: '1', awaiting_review: '1' });
    expect(figure(section!, 'data-testid="summary-overdue"')).toBe('1');
    expect(figure(section!, 'data-testid="summary-due-week"')).toBe('2');
    expect(figure(section!, 'data-testid="summary-on-time"')).toBe('3 av 4 (75 %)');
    expect(section).toContain('<a href="/staff/dashboard">Hele oversikten</a>');
    // Still the queue below it.
    expect(html).toContain('data-testid="queue"');
  });

  it('shows the auditor the same summary, in English when they read English', async () => {
    const auditor = await signedInStaff(stack, 'summary.auditor@example.no', 'auditor');
    await stack.dataSource.query(`UPDATE staff_users SET language = 'en' WHERE email = 'summary.auditor@example.no'`);
    const again = new SessionClient(stack.url);
    await again.signIn('summary.auditor@example.no');
    const section = summaryOf(await (await again.get('/staff')).text());
    expect(pageText(section ?? '')).toContain('At a glance');
    expect(figure(section ?? '', 'data-testid="summary-on-time"')).toBe('3 of 4 (75 %)');
    expect(figure(section ?? '', 'data-stage="awaiting_verification"')).toBe('2');
    expect(summaryOf(await (await auditor.get('/staff')).text())).not.toBeNull();
  });

  it('shows a handler the queue without the summary', async () => {
    const handler = await signedInStaff(stack, 'summary.handler@example.no', 'handler');
    const html = await (await handler.get('/staff')).text();
    expect(html).toContain('data-testid="queue"');
    expect(summaryOf(html)).toBeNull();
    expect(html).not.toContain('Kort oversikt');
  });

  it('writes the queue dates in words, the exact day and instant in <time datetime>', async () => {
    const handler = await signedInStaff(stack, 'dates.handler@example.no', 'handler');
    const html = await (await handler.get('/staff')).text();
    const [row] = await stack.dataSource.query(`SELECT effective_due::text AS due, received_at FROM cases WHERE reference = $1`, [cases.handled]);
    const line = new RegExp(`<tr data-reference="${cases.handled}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(line).toContain(`<time datetime="${row.due}">${humanDate(row.due, 'nb')}</time>`);
    const received = new Date(row.received_at);
    expect(line).toContain(`<time datetime="${received.toISOString()}">${humanDate(received, 'nb', { withTime: true })}</time>`);
    expect(pageText(line)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
