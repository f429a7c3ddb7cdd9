import { pageText, postJson } from '../intake/intake-helpers';
import { adminAuth, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { SessionClient } from './staff-session-client';

const DAY = 24 * 60 * 60_000;
const REFRESH = /<meta http-equiv="refresh" content="10">/;

/**
 * The case page follows the case's state: "complete" only once no task is open, a self-refresh
 * (no JavaScript) only while a connector task is queued or running, and refusals explained in the
 * page's language rather than the API's English.
 */
describe('case page state: complete button, task refresh, refusals in the page language', () => {
  let stack: TestApp;
  let auth: { Authorization: string };
  let staff: SessionClient;

  beforeAll(async () => {
    stack = await startTestApp();
    auth = await adminAuth(stack.url);
    staff = new SessionClient(stack.url);
    await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(() => stack.close());

  const register = async (receivedAt = new Date()): Promise<{ id: string; reference: string }> => {
    const created = await postJson(
      `${stack.url}/api/v1/cases`,
      {
        type: 'access',
        channel: 'letter',
        receivedAt: receivedAt.toISOString(),
        subject: { email: 'kari@example.no' },
        identityVerified: { method: 'signed letter' },
      },
      auth,
    );
    expect(created.status).toBe(201);
    return created.json();
  };
  /** The fan-out's own tasks (the default data map makes each a manual task), once they have settled. */
  const settledTasks = async (reference: string): Promise<string[]> => {
    for (;;) {
      const body = await (await fetch(`${stack.url}/api/v1/cases/${reference}`, { headers: auth })).json();
      const tasks = body.tasks as Array<{ id: string; status: string }>;
      if (tasks.length > 0 && tasks.every((task) => task.status === 'manual')) return tasks.map((task) => task.id);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const setTasks = (ids: string[], status: string) => stack.dataSource.query('UPDATE case_tasks SET status = $2 WHERE id = ANY($1)', [ids, status]);
  const casePage = async (reference: string) => (await staff.get(`/staff/cases/${reference}`)).text();
  const completeForm = (reference: string) => `action="/staff/cases/${reference}/complete"`;

  it('shows "complete" only when no task is open, and refreshes itself only while a task is queued or running', async () => {
    const { reference } = await register();
    const tasks = await settledTasks(reference);
    let html = await casePage(reference);
    expect(html).not.toContain(completeForm(reference));
    expect(html).not.toMatch(REFRESH);

    // Posting "complete" anyway (an old tab) is refused in Norwegian.
    const refused = await staff.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/complete`, {});
    expect(refused.status).toBe(409);
    const refusedText = pageText(await refused.text());
    expect(refusedText).toContain(`${tasks.length} oppgave(r) kjører fortsatt eller venter på en person.`);
    expect(refusedText).not.toContain('Cannot complete');

    for (const running of ['pending', 'running']) {
      await setTasks(tasks.slice(0, 1), running);
      html = await casePage(reference);
      expect(html).toMatch(REFRESH);
      expect(html).not.toContain(completeForm(reference));
    }

    await setTasks(tasks, 'done');
    html = await casePage(reference);
    expect(html).toContain(completeForm(reference));
    expect(html).not.toMatch(REFRESH);
    // Completing asks first: the button inside the confirmation says what it does.
    expect(html).toContain('<button>Ja, fullfør saken</button>');
  });

  it('explains a refusal by the state in the page language, with the status as the page names it', async () => {
    const { reference } = await register();
    const stalePage = `/staff/cases/${reference}`;
    expect(
      (
        await postJson(
          `${stack.url}/api/v1/cases/${reference}/reject`,
          { reasonCode: 'manifestly_unfounded', reason: 'The same request for the fifth time.' },
          auth,
        )
      ).status,
    ).toBe(200);

    const nb = pageText(await (await staff.submit(stalePage, `/staff/cases/${reference}/complete`, {})).text());
    expect(nb).toContain('Handlingen ble ikke utført: Saken er avsluttet (avvist).');
    expect(nb).not.toContain('Cannot complete');

    const english = new SessionClient(stack.url);
    await english.submit('/staff/login', '/staff/language', { language: 'en', next: '/staff/login' });
    await english.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const en = pageText(await (await english.submit(stalePage, `/staff/cases/${reference}/flag`, { reason: 'Looks excessive.' })).text());
    expect(en).toContain('Nothing was done: The case is closed (rejected).');
  });

  it('explains a second extension and an extension after the first deadline in Norwegian', async () => {
    const { reference } = await register();
    const extend = () => staff.submit(`/staff/cases/${reference}`, `/staff/cases/${reference}/extend`, { reason: 'Nine systems and a paper archive.' });
    expect((await extend()).status).toBe(303);
    const second = await postJson(`${stack.url}/api/v1/cases/${reference}/extend`, { reason: 'Once more, please.' }, auth);
    expect(second.status).toBe(409);
    // The form is gone once extended; an old tab posting it again gets the reason in Norwegian.
    const again = pageText(await (await extend()).text());
    expect(again).toContain('Fristen er allerede forlenget. GDPR tillater bare én forlengelse');
    expect(again).not.toContain('already been extended');

    const late = await register(new Date(Date.now() - 60 * DAY));
    const [{ statutory_due: statutory }] = await stack.dataSource.query('SELECT statutory_due FROM cases WHERE reference = $1', [late.reference]);
    const tooLate = pageText(
      await (
        await staff.submit(`/staff/cases/${late.reference}`, `/staff/cases/${late.reference}/extend`, { reason: 'Nine systems and a paper archive.' })
      ).text(),
    );
    expect(tooLate).toContain(`Den første fristen var ${statutory}.`);
    expect(tooLate).not.toContain('The first deadline');
  });
});
