import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { bearerFor, createStaffUser, SessionClient, STAFF_PASSWORD } from '../staff-ui/staff-session-client';

/**
 * Issue #15, finding "Reactivating a user brings back their old sessions and 12-hour bearer tokens.
 * There is no API logout or token revocation." Sessions and tokens carry the user's session epoch;
 * a password change, role change, deactivation or "sign out everywhere" moves it on. Each test
 * fails on the code before the fix (tokens lived until they expired; no logout route).
 */
describe('staff sessions and tokens are revoked', () => {
  let stack: TestApp;
  let admin: SessionClient;

  beforeAll(async () => {
    stack = await startTestApp({ env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    admin = new SessionClient(stack.url);
    expect((await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
  });
  afterAll(() => stack?.close());

  const cases = (headers: Record<string, string>) => fetch(`${stack.url}/api/v1/cases`, { headers }).then((response) => response.status);
  /** A user with an open staff-page session and a bearer token, both working. */
  const openedBy = async (email: string) => {
    const id = await createStaffUser(stack, email, 'handler');
    const session = new SessionClient(stack.url);
    expect((await session.signIn(email)).status).toBe(303);
    const token = await bearerFor(stack, email);
    expect((await session.get('/staff')).status).toBe(200);
    expect(await cases(token)).toBe(200);
    return { id, session, token };
  };
  const expectSignedOut = async (session: SessionClient, token: Record<string, string>) => {
    const page = await session.get('/staff');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/staff/login');
    expect(await cases(token)).toBe(401);
  };

  it('a password change ends the sessions and tokens issued before it', async () => {
    const { session, token } = await openedBy('pw-revoked@example.no');
    const other = await bearerFor(stack, 'pw-revoked@example.no');
    const changed = await fetch(`${stack.url}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...other },
      body: JSON.stringify({ current: STAFF_PASSWORD, new: 'completely different words' }),
    });
    expect(changed.status).toBe(200);
    await expectSignedOut(session, token);
    expect(await cases(other)).toBe(401);
  });

  it('a role change ends the sessions and tokens issued before it', async () => {
    const { id, session, token } = await openedBy('role-revoked@example.no');
    expect((await admin.submit('/staff/users', `/staff/users/${id}/role`, { role: 'auditor' })).status).toBe(303);
    await expectSignedOut(session, token);
    // Signing in again gives the new role.
    const again = await bearerFor(stack, 'role-revoked@example.no');
    expect(await cases(again)).toBe(200);
  });

  it('deactivation ends them, and reactivation brings none back', async () => {
    const { id, session, token } = await openedBy('reactivated@example.no');
    expect((await admin.submit('/staff/users', `/staff/users/${id}/deactivate`, {})).status).toBe(303);
    expect((await admin.submit('/staff/users', `/staff/users/${id}/reactivate`, {})).status).toBe(303);
    await expectSignedOut(session, token);
    expect(await cases(await bearerFor(stack, 'reactivated@example.no'))).toBe(200);
  });

  it('POST /api/v1/auth/logout revokes the presented token only', async () => {
    await createStaffUser(stack, 'logout@example.no', 'handler');
    const first = await bearerFor(stack, 'logout@example.no');
    const second = await bearerFor(stack, 'logout@example.no');
    const out = await fetch(`${stack.url}/api/v1/auth/logout`, { method: 'POST', headers: first });
    expect(out.status).toBe(204);
    expect(await cases(first)).toBe(401);
    expect((await fetch(`${stack.url}/api/v1/auth/logout`, { method: 'POST', headers: first })).status).toBe(401);
    expect(await cases(second)).toBe(200);
  });

  it('"Sign out everywhere" on /staff/account ends every session and token of the user, this one included', async () => {
    const { session, token } = await openedBy('everywhere@example.no');
    const elsewhere = new SessionClient(stack.url);
    expect((await elsewhere.signIn('everywhere@example.no')).status).toBe(303);
    const account = await session.get('/staff/account');
    expect(await account.clone().text()).toContain('Logg ut overalt');
    const out = await session.submit('/staff/account', '/staff/account/sign-out-everywhere', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/staff/login?signedOut=1');
    await expectSignedOut(elsewhere, token);
    expect((await session.get('/staff')).status).toBe(303);
  });
});
