import { pageText } from '../intake/intake-helpers';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient, signedInStaff } from './staff-session-client';

/** Each staff member's own language: set on /staff/account or by an admin on /staff/users, used at
 *  every sign-in; the layout's switch is for one session only. */
describe('per-user staff language (real PostgreSQL and Redis)', () => {
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp();
  });
  afterAll(async () => {
    await stack.close();
  });

  const languageOf = async (email: string) => (await stack.dataSource.query('SELECT language FROM staff_users WHERE email = $1', [email]))[0].language;

  it('is Norwegian for a new account, and a handler sets English on the account page: this session and the next sign-in open in English', async () => {
    const handler = await signedInStaff(stack, 'lang.handler@example.no', 'handler');
    expect(await languageOf('lang.handler@example.no')).toBe('nb');
    const account = pageText(await (await handler.get('/staff/account')).text());
    expect(account).toContain('Språket ditt');

    const saved = await handler.submit('/staff/account', '/staff/account/language', { language: 'en' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/staff/account?done=language');
    expect(pageText(await (await handler.get('/staff/account?done=language')).text())).toContain('Your language is saved.');
    expect(await languageOf('lang.handler@example.no')).toBe('en');
    expect(await (await handler.get('/staff')).text()).toContain('Case queue');

    const again = new SessionClient(stack.url);
    expect((await again.signIn('lang.handler@example.no')).status).toBe(303);
    const queue = await (await again.get('/staff')).text();
    expect(queue).toContain('<html lang="en">');
    expect(queue).toContain('Case queue');
    const audit = await stack.dataSource.query(`SELECT data FROM audit_events WHERE type = 'staff.language_changed'`);
    expect(audit).toEqual(expect.arrayContaining([{ data: expect.objectContaining({ language: 'en' }) }]));
  });

  it('refuses a language that is not nb or en with a 400 naming the field, in the page language', async () => {
    const handler = await signedInStaff(stack, 'lang.bad@example.no', 'handler');
    const refused = await handler.submit('/staff/account', '/staff/account/language', { language: 'de' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="language-language-error"');
    expect(pageText(html)).toContain('Velg norsk eller engelsk.');
    expect(await languageOf('lang.bad@example.no')).toBe('nb');
  });

  it("lets an admin set another user's language on the users page; the layout switch changes only the session", async () => {
    await createStaffUser(stack, 'lang.owner@example.no', 'owner');
    const [{ id }] = await stack.dataSource.query(`SELECT id FROM staff_users WHERE email = 'lang.owner@example.no'`);
    const admin = new SessionClient(stack.url);
    await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const users = await (await admin.get('/staff/users')).text();
    expect(users).toContain(`action="/staff/users/${id}/language"`);
    const changed = await admin.submit('/staff/users', `/staff/users/${id}/language`, { language: 'en' });
    expect(changed.status).toBe(303);
    expect(await languageOf('lang.owner@example.no')).toBe('en');
    const row = pageText(await (await admin.get('/staff/users')).text());
    expect(row).toContain('Engelsk');
    expect((await admin.submit('/staff/users', `/staff/users/${id}/language`, { language: 'xx' })).status).toBe(400);

    const owner = new SessionClient(stack.url);
    await owner.signIn('lang.owner@example.no');
    expect(await (await owner.get('/staff/tasks')).text()).toContain('My manual tasks');
    // The layout's switch: Norwegian for this session, the account stays English.
    await owner.submit('/staff/tasks', '/staff/language', { language: 'nb', next: '/staff/tasks' });
    expect(await (await owner.get('/staff/tasks')).text()).toContain('Mine manuelle oppgaver');
    expect(await languageOf('lang.owner@example.no')).toBe('en');
  });

  it('a choice on the sign-in page holds for the session it starts and is then forgotten', async () => {
    const visitor = new SessionClient(stack.url);
    await visitor.submit('/staff/login', '/staff/language', { language: 'en', next: '/staff/login' });
    expect(visitor.cookie('dsr-staff-lang')).toBe('en');
    await visitor.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(await (await visitor.get('/staff')).text()).toContain('Case queue');
    expect(visitor.cookie('dsr-staff-lang')).toBeUndefined();
    expect(await languageOf(TEST_ADMIN.email)).toBe('nb');
  });
});
