import { FirstAdminService } from '../../src/staff/first-admin.service';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, csrfTokenIn, SessionClient, STAFF_PASSWORD } from '../staff-ui/staff-session-client';

/**
 * Issue #15, finding "No way to change or reset a password": the first admin's generated password
 * was permanent, an admin kept knowing every password they set, and nobody could change or reset
 * one. Each test here fails on the code before the fix (no /api/v1/auth/password, no
 * /staff/account, no /staff/password-reset, no forced change).
 */
describe('staff passwords: change, reset by e-mail, forced change of a generated or admin-set one', () => {
  const smtp = new SmtpCapture();
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ env: { SMTP_URL: await smtp.start(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const login = (email: string, password: string) =>
    fetch(`${stack.url}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const bearer = async (email: string, password: string) => {
    const response = await login(email, password);
    expect(response.status).toBe(200);
    return { Authorization: `Bearer ${(await response.json()).token}` };
  };
  const changePassword = (headers: Record<string, string>, current: string, next: string) =>
    fetch(`${stack.url}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ current, new: next }),
    });

  describe('change password (API)', () => {
    const email = 'changer@example.no';
    const NEW = 'a brand new staff passphrase';

    it('refuses a wrong current password with 400 naming current', async () => {
      await createStaffUser(stack, email, 'handler');
      const answer = await changePassword(await bearer(email, STAFF_PASSWORD), 'not my password', NEW);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ statusCode: 400, details: [{ field: 'current', problem: 'wrongCurrent' }] });
    });

    it.each([
      ['too short', 'short pass', 'tooShort'],
      ['too long', 'x'.repeat(129), 'tooLong'],
      ['on the common-password list', 'qwerty123456', 'common'],
      ['the e-mail address', `my ${email} pass`, 'containsEmail'],
    ])('refuses a new password %s with 400 naming new', async (_label, next, problem) => {
      const answer = await changePassword(await bearer(email, STAFF_PASSWORD), STAFF_PASSWORD, next);
      expect(answer.status).toBe(400);
      const body = await answer.json();
      expect(body.details).toEqual([{ field: 'new', problem }]);
      expect(body.message).toMatch(/^new /);
    });

    it('changes it: the old password is refused, the new one accepted, the answer carries a working token', async () => {
      const answer = await changePassword(await bearer(email, STAFF_PASSWORD), STAFF_PASSWORD, NEW);
      expect(answer.status).toBe(200);
      const { token } = await answer.json();
      expect((await fetch(`${stack.url}/api/v1/cases`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await login(email, STAFF_PASSWORD)).status).toBe(401);
      expect((await login(email, NEW)).status).toBe(200);
    });
  });

  describe('change password (page)', () => {
    it('re-renders the form naming the problem, then changes it and says so', async () => {
      const email = 'pagechanger@example.no';
      await createStaffUser(stack, email, 'auditor');
      const page = new SessionClient(stack.url);
      expect((await page.signIn(email)).status).toBe(303);
      const weak = await page.submit('/staff/account', '/staff/account/password', { current: STAFF_PASSWORD, new: 'password1234' });
      expect(weak.status).toBe(400);
      expect(await weak.text()).toContain('Dette passordet er vanlig eller har vært lekket');
      const done = await page.submit('/staff/account', '/staff/account/password', { current: STAFF_PASSWORD, new: 'en helt ny og lang setning' });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe('/staff/account?done=password');
      // This session carries on; the old password no longer signs in.
      expect(await (await page.get('/staff/account?done=password')).text()).toContain('Passordet er byttet');
      expect((await new SessionClient(stack.url).signIn(email)).status).toBe(401);
      expect((await new SessionClient(stack.url).signIn(email, 'en helt ny og lang setning')).status).toBe(303);
    });
  });

  describe('forced change', () => {
    it('a generated first-admin password opens nothing but its change: API 403 password_change_required, pages redirect; after the change all is open', async () => {
      // A fresh database with no staff user: the first admin is created with a generated password.
      await stack.dataSource.query(`TRUNCATE staff_users CASCADE`);
      let result: Awaited<ReturnType<FirstAdminService['ensureFirstAdmin']>>;
      try {
        (stack.config as { ADMIN_PASSWORD?: string }).ADMIN_PASSWORD = undefined;
        result = await stack.context.get(FirstAdminService).ensureFirstAdmin();
      } finally {
        (stack.config as { ADMIN_PASSWORD?: string }).ADMIN_PASSWORD = TEST_ADMIN.password;
      }
      expect(result).toMatchObject({ status: 'created', email: TEST_ADMIN.email, generatedPassword: expect.any(String) });
      const generated = (result as { generatedPassword: string }).generatedPassword;

      const headers = await bearer(TEST_ADMIN.email, generated);
      const refused = await fetch(`${stack.url}/api/v1/cases`, { headers });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ statusCode: 403, code: 'password_change_required' });

      const page = new SessionClient(stack.url);
      expect((await page.signIn(TEST_ADMIN.email, generated)).status).toBe(303);
      const queue = await page.get('/staff');
      expect(queue.status).toBe(303);
      expect(queue.headers.get('location')).toBe('/staff/account');
      expect(await (await page.get('/staff/account')).text()).toContain('Du må velge ditt eget passord før du kan fortsette.');

      const changed = await changePassword(headers, generated, 'the boss now has an own passphrase');
      expect(changed.status).toBe(200);
      const { token } = await changed.json();
      expect((await fetch(`${stack.url}/api/v1/cases`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      const fresh = new SessionClient(stack.url);
      expect((await fresh.signIn(TEST_ADMIN.email, 'the boss now has an own passphrase')).status).toBe(303);
      expect((await fresh.get('/staff')).status).toBe(200);
    });

    it('a password an admin sets in the users form must be changed by its user at first sign-in', async () => {
      const admin = new SessionClient(stack.url);
      expect((await admin.signIn(TEST_ADMIN.email, 'the boss now has an own passphrase')).status).toBe(303);
      const set = 'an admin chose this one';
      expect((await admin.submit('/staff/users', '/staff/users', { name: 'Nils', email: 'nils@example.no', role: 'handler', password: set })).status).toBe(303);
      const headers = await bearer('nils@example.no', set);
      expect(await (await fetch(`${stack.url}/api/v1/cases`, { headers })).json()).toMatchObject({ code: 'password_change_required' });
      const user = new SessionClient(stack.url);
      await user.signIn('nils@example.no', set);
      const changed = await user.submit('/staff/account', '/staff/account/password', { current: set, new: 'he picks his own words now' });
      expect(changed.status).toBe(303);
      expect(changed.headers.get('location')).toBe('/staff');
      expect((await user.get('/staff')).status).toBe(200);
    });
  });

  describe('reset by e-mailed single-use link', () => {
    const email = 'forgetful@example.no';
    const ask = async (address: string) => {
      const page = new SessionClient(stack.url);
      const form = await page.get('/staff/password-reset');
      return page.request('POST', '/staff/password-reset', { _csrf: csrfTokenIn(await form.text()), email: address });
    };
    const visibleText = async (response: Response) => (await response.text()).replace(/name="_csrf" value="[^"]+"/g, '');

    it('links to the reset form from the sign-in page', async () => {
      expect(await (await new SessionClient(stack.url).get('/staff/login')).text()).toContain('<a href="/staff/password-reset">Glemt passord?</a>');
    });

    it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
      await createStaffUser(stack, email, 'handler');
      const known = await ask(email);
      const unknown = await ask('nobody-here@example.no');
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(await visibleText(unknown)).toBe(await visibleText(known));
      await smtp.waitFor((mail) => mail.to.includes(email));
      expect(smtp.to('nobody-here@example.no')).toEqual([]);
    });

    it('the link sets a new password once; a second use is refused; the link is cut from the stored e-mail', async () => {
      const mail = await smtp.waitFor((message) => message.to.includes(email));
      const link = /http\S+\/staff\/password-reset\/([A-Za-z0-9_-]{43})/.exec(mail.text)!;
      const path = new URL(link[0]).pathname;
      const page = new SessionClient(stack.url);
      const form = await page.get(path);
      expect(form.status).toBe(200);
      const weak = await page.request('POST', path, { _csrf: csrfTokenIn(await form.clone().text()), new: 'abc' });
      expect(weak.status).toBe(400);
      const saved = await page.request('POST', path, { _csrf: csrfTokenIn(await form.text()), new: 'reset to this passphrase' });
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe('/staff/login?reset=1');
      expect((await login(email, STAFF_PASSWORD)).status).toBe(401);
      expect((await login(email, 'reset to this passphrase')).status).toBe(200);

      const again = new SessionClient(stack.url);
      const spent = await again.get(path);
      expect(spent.status).toBe(410);
      expect(await spent.text()).toContain('Lenken er allerede brukt eller eldre enn en time');
      const reused = await again.request('POST', path, {
        _csrf: csrfTokenIn(await (await again.get('/staff/password-reset')).text()),
        new: 'another new passphrase',
      });
      expect(reused.status).toBe(410);
      expect((await login(email, 'another new passphrase')).status).toBe(401);

      const [stored] = await stack.dataSource.query(`SELECT text_body FROM outbound_emails WHERE kind = 'staff-password-reset'`);
      expect(stored.text_body).not.toContain(link[1]);
    });

    it('sends at most three links an hour to one address, answering the same each time', async () => {
      const address = 'flooded@example.no';
      await createStaffUser(stack, address, 'handler');
      for (let attempt = 0; attempt < 5; attempt++) expect((await ask(address)).status).toBe(200);
      const [{ count }] = await stack.dataSource.query(
        `SELECT count(*)::int AS count FROM staff_password_resets r JOIN staff_users u ON u.id = r.user_id WHERE u.email = $1`,
        [address],
      );
      expect(count).toBe(3);
    });
  });
});
