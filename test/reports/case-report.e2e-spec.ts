import { FixedClock } from '../support/fixed-clock';
import { dataMapWithoutRoutineDeletion } from '../support/quiet-data-map';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { bearerFor, createStaffUser, signedInStaff } from '../staff-ui/staff-session-client';
import { REPORT_NOW, seedReportCases, type SeededCases } from './report-seed';

/**
 * GET /api/v1/reports/cases.csv: one line per case received in the period, no personal data,
 * formula-safe, admins and auditors only, a bad period refused naming the field. The app runs
 * without workers (ROLE=api), so the seeded cases stay in the stages they were put in.
 */
describe('case report CSV (REST)', () => {
  const clock = new FixedClock(new Date(REPORT_NOW));
  let stack: TestApp;
  let admin: { Authorization: string };
  let cases: SeededCases;

  beforeAll(async () => {
    stack = await startTestApp({ clock, role: 'api', env: { SYSTEMS_FILE: dataMapWithoutRoutineDeletion() } });
    admin = await adminAuth(stack.url);
    cases = await seedReportCases(stack, clock, admin);
  });
  afterAll(() => stack?.close());

  const report = (query: string, headers: Record<string, string> = admin) => fetch(`${stack.url}/api/v1/reports/cases.csv${query}`, { headers });

  it('lists every case received in the last 12 months by default, with its deadline, answer and outcome', async () => {
    const response = await report('');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="cases-2025-06-16-2026-06-15.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const c = cases;
    expect((await response.text()).split('\r\n')).toEqual([
      'reference,type,channel,received_on,deadline,extended,answered_on,days_to_answer,on_time,stage,outcome',
      `${c.completedLate},erasure,letter,2026-02-02,2026-03-02,false,2026-03-10,36,false,completed,'=cmd|' /C calc'!A0`,
      `${c.completedOnTime},access,email,2026-03-02,2026-04-01,false,2026-03-20,18,true,completed,access`,
      `${c.refusedOnTime},rectification,phone,2026-04-01,2026-05-01,false,2026-04-11,10,true,rejected,excessive`,
      `${c.approval},erasure,web,2026-05-01,2026-05-31,false,,,,awaiting_approval,`,
      `${c.withdrawn},access,email,2026-05-04,2026-06-03,false,,,,withdrawn,`,
      `${c.neverConfirmed},access,web,2026-05-10,2026-06-09,false,,,,rejected,unverified`,
      `${c.review},objection,sms,2026-05-16,2026-06-15,false,,,,awaiting_review,`,
      `${c.handled},access,phone,2026-05-20,2026-06-19,false,,,,being_handled,`,
      `${c.paused},rectification,letter,2026-06-01,2026-07-01,false,,,,paused,`,
      `${c.extended},access,in_person,2026-06-05,2026-09-07,true,,,,awaiting_verification,`,
      `${c.unconfirmed},access,email,2026-06-10,2026-07-10,false,,,,awaiting_verification,`,
      '',
    ]);
  });

  it('uses the deadline the case itself shows (extension and paused days included)', async () => {
    for (const reference of [cases.extended, cases.handled, cases.completedLate]) {
      const json = (await (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: admin })).json()) as { deadlines: { effective: string } };
      const line = (await (await report('')).text()).split('\r\n').find((row) => row.startsWith(`${reference},`));
      expect(line?.split(',')[4]).toBe(json.deadlines.effective);
    }
  });

  it('carries no name or e-mail address of anyone', async () => {
    const body = await (await report('?from=2025-01-01&to=2026-06-15')).text();
    expect(body).not.toMatch(/@|Person \d/);
    expect(body.split('\r\n')).toHaveLength(2 + 13);
  });

  it('narrows to the period asked for', async () => {
    const response = await report('?from=2026-03-01&to=2026-03-31');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="cases-2026-03-01-2026-03-31.csv"');
    expect((await response.text()).split('\r\n')).toEqual([
      'reference,type,channel,received_on,deadline,extended,answered_on,days_to_answer,on_time,stage,outcome',
      `${cases.completedOnTime},access,email,2026-03-02,2026-04-01,false,2026-03-20,18,true,completed,access`,
      '',
    ]);
    expect((await (await report('?from=2030-01-01&to=2030-12-31')).text()).split('\r\n')).toHaveLength(2);
  });

  it('refuses a bad period with a 400 naming the field', async () => {
    const bad = async (query: string) => {
      const response = await report(query);
      expect(response.status).toBe(400);
      return ((await response.json()) as { details: unknown }).details;
    };
    expect(await bad('?from=2026-02-30')).toEqual([{ field: 'from', problem: 'must be a real calendar date as YYYY-MM-DD' }]);
    expect(await bad('?from=2026-05-01&to=30.04.2026')).toEqual([{ field: 'to', problem: 'must be a real calendar date as YYYY-MM-DD' }]);
    expect(await bad('?from=2026-05-01&to=2026-04-30')).toEqual([{ field: 'to', problem: 'must not be before from' }]);
    expect(await bad('?from=2026-01-01&from=2026-02-01')).toEqual([{ field: 'from', problem: 'must be a real calendar date as YYYY-MM-DD' }]);
    expect(await bad('?since=2026-01-01')).toEqual([{ field: 'since', problem: 'should not exist' }]);
  });

  it('is for admins and auditors: handlers and owners get 403, nobody signed in 401', async () => {
    for (const role of ['handler', 'owner', 'auditor'] as const) await createStaffUser(stack, `report.${role}@example.no`, role);
    expect((await report('', await bearerFor(stack, 'report.auditor@example.no'))).status).toBe(200);
    expect((await report('', await bearerFor(stack, 'report.handler@example.no'))).status).toBe(403);
    expect((await report('', await bearerFor(stack, 'report.owner@example.no'))).status).toBe(403);
    expect((await report('', {})).status).toBe(401);
    // The API is bearer-only: a staff session cookie does not open it.
    const session = await signedInStaff(stack, 'report.session@example.no', 'admin');
    expect((await session.request('GET', '/api/v1/reports/cases.csv')).status).toBe(401);
  });

  it('is documented in the OpenAPI description', async () => {
    const document = (await (await fetch(`${stack.url}/api/docs-json`)).json()) as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    };
    const operation = document.paths['/api/v1/reports/cases.csv']?.get;
    expect(operation?.parameters?.map((parameter) => parameter.name).sort()).toEqual(['from', 'to']);
  });
});
