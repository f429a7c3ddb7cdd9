import { startTestApp, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient, STAFF_PASSWORD } from '../staff-ui/staff-session-client';

/**
 * Issue #15, finding "The lockout tells an attacker when a password is right": after five failures
 * the right password got "Too many failed sign-ins" and a wrong one "Wrong e-mail or password", and
 * failures during the lock were not counted. Now a locked account answers every password alike,
 * each attempt during the lock counts and moves its end on, and each lock in a row lasts twice as
 * long. Both tests fail on the code before the fix.
 */
describe('account lockout without a password oracle', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => stack?.close());

  const apiLogin = (email: string, password: string) =>
    fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const answer = async (response: Response) => ({ status: response.status, body: await response.text() });
  const pageAnswer = async (email: string, password: string) => {
    const response = await new SessionClient(stack.url).signIn(email, password);
    const text = await response.text();
    // The page's visible text, without its per-session CSRF token.
    return { status: response.status, text: text.replace(/name="_csrf" value="[^"]+"/g, '').replace(/data-csrf="[^"]+"/g, '') };
  };
  const lockRow = async (id: string) =>
    (await stack.dataSource.query('SELECT failed_logins, lock_level, locked_until FROM staff_users WHERE id = $1', [id]))[0] as {
      failed_logins: number;
      lock_level: number;
      locked_until: Date;
    };

  it('while locked, the right and a wrong password get the same status, body and page text', async () => {
    await createStaffUser(stack, 'locked@example.no', 'handler');
    for (let attempt = 0; attempt < 5; attempt++) expect((await apiLogin('locked@example.no', 'wrong guess')).status).toBe(401);

    const right = await answer(await apiLogin('locked@example.no', STAFF_PASSWORD));
    const wrong = await answer(await apiLogin('locked@example.no', 'another wrong guess'));
    const unknown = await answer(await apiLogin('no-such-user@example.no', STAFF_PASSWORD));
    expect(right).toEqual(wrong);
    expect(right).toEqual(unknown);
    expect(right.status).toBe(401);
    expect(JSON.parse(right.body).message).toBe('Wrong e-mail or password.');

    const rightPage = await pageAnswer('locked@example.no', STAFF_PASSWORD);
    const wrongPage = await pageAnswer('locked@example.no', 'yet another guess');
    expect(rightPage).toEqual(wrongPage);
    expect(rightPage.status).toBe(401);
    expect(rightPage.text).toContain('Feil e-post eller passord.');
  });

  it('counts a failure during the lock and moves its end on; the next lock lasts twice as long', async () => {
    const id = await createStaffUser(stack, 'extended@example.no', 'handler');
    for (let attempt = 0; attempt < 5; attempt++) await apiLogin('extended@example.no', 'wrong guess');
    const first = await lockRow(id);
    expect(first.failed_logins).toBe(5);
    expect(first.lock_level).toBe(1);
    const lockedFor = new Date(first.locked_until).getTime() - Date.now();
    expect(lockedFor).toBeGreaterThan(14 * 60_000);
    expect(lockedFor).toBeLessThanOrEqual(15 * 60_000);

    await apiLogin('extended@example.no', STAFF_PASSWORD);
    const during = await lockRow(id);
    expect(during.failed_logins).toBe(6);
    expect(new Date(during.locked_until).getTime()).toBeGreaterThan(new Date(first.locked_until).getTime());

    for (let attempt = 0; attempt < 4; attempt++) await apiLogin('extended@example.no', 'wrong guess');
    const doubled = await lockRow(id);
    expect(doubled.failed_logins).toBe(10);
    expect(doubled.lock_level).toBe(2);
    expect(new Date(doubled.locked_until).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
  });
});
