import { Secret, TOTP } from 'otpauth';
import { FixedClock } from '../support/fixed-clock';
import { SmtpCapture } from '../support/smtp-capture';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app';
import { createStaffUser, SessionClient, STAFF_PASSWORD } from '../staff-ui/staff-session-client';

/**
 * Issue #15 point 2: TOTP second factor for staff. Enrolment on /staff/account (QR + key, confirmed
 * by a code, ten recovery codes shown once), sign-in in two steps on the page and with `code` on
 * the API, no reuse of a code, recovery codes single-use, wrong codes counting toward the lockout,
 * the admin's "required for all staff" rule, and a notice e-mail on every change.
 */
describe('TOTP second factor for staff', () => {
  const smtp = new SmtpCapture();
  const clock = new FixedClock(new Date());
  let stack: TestApp;

  beforeAll(async () => {
    stack = await startTestApp({ clock, env: { SMTP_URL: await smtp.start(), STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp.stop();
  });

  const codeAt = (secret: string, instant = clock.now()) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: instant.getTime() });
  /** Each sign-in with a code moves the clock a time step on: a code already used is refused. */
  const nextStep = () => clock.advance(30_000);
  const login = (email: string, password: string, code?: string) =>
    fetch(`${stack.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, ...(code === undefined ? {} : { code }) }),
    });

  /** Enrols through the account page as a person would: start, read the key, confirm with a code. */
  async function enrol(client: SessionClient): Promise<{ secret: string; recoveryCodes: string[] }> {
    const started = await client.submit('/staff/account', '/staff/account/totp/start', {});
    expect(started.status).toBe(200);
    const page = await started.text();
    expect(page).toMatch(/<div class="qr" data-testid="totp-qr"[^>]*><svg /);
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1];
    const wrong = await client.submit('/staff/account', '/staff/account/totp/confirm', {
      code: String((Number(codeAt(secret)) + 1) % 1_000_000).padStart(6, '0'),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Koden stemmer ikke');
    const confirmed = await client.submit('/staff/account', '/staff/account/totp/confirm', { code: codeAt(secret) });
    expect(confirmed.status).toBe(200);
    const html = await confirmed.text();
    const recoveryCodes = [...html.matchAll(/<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})<\/code><\/li>/g)].map((match) => match[1]);
    expect(recoveryCodes).toHaveLength(10);
    expect(html).not.toContain(secret);
    // Shown once: the page after never shows them (nor the key) again.
    const later = await (await client.get('/staff/account')).text();
    expect(later).not.toContain(recoveryCodes[0]);
    expect(later).not.toContain(secret);
    expect(later).toContain('Ubrukte gjenopprettingskoder: 10.');
    nextStep();
    return { secret, recoveryCodes };
  }

  async function enrolledUser(email: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    await createStaffUser(stack, email, 'handler');
    const client = new SessionClient(stack.url);
    expect((await client.signIn(email)).status).toBe(303);
    return enrol(client);
  }

  describe('API sign-in', () => {
    const email = 'totp.api@example.no';
    let secret: string;
    let recoveryCodes: string[];

    beforeAll(async () => {
      ({ secret, recoveryCodes } = await enrolledUser(email));
    });

    it('keeps neither the key nor a recovery code readable in the database', async () => {
      const [stored] = await stack.dataSource.query(`SELECT t.secret_sealed FROM staff_totp t JOIN staff_users u ON u.id = t.user_id WHERE u.email = $1`, [
        email,
      ]);
      expect(stored.secret_sealed).not.toContain(secret);
      expect(Buffer.from(stored.secret_sealed, 'base64').toString('latin1')).not.toContain(secret);
      const hashes = (
        await stack.dataSource.query(`SELECT r.code_hash FROM staff_recovery_codes r JOIN staff_users u ON u.id = r.user_id WHERE u.email = $1`, [email])
      ).map((row: { code_hash: string }) => row.code_hash);
      expect(hashes).toHaveLength(10);
      const plain = recoveryCodes.flatMap((code) => [code, code.replace(/-/g, '')]);
      for (const hash of hashes) for (const code of plain) expect(hash).not.toContain(code);
    });

    it('without a code: 401 second_factor_required (after a right password only)', async () => {
      const answer = await login(email, STAFF_PASSWORD);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'second_factor_required' });
      const wrongPassword = await login(email, 'not the password at all');
      expect(await wrongPassword.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password.' });
    });

    it('a wrong code answers exactly like a wrong password; the right one gives a token; the same code again is refused', async () => {
      const code = codeAt(secret);
      const wrongCode = await login(email, STAFF_PASSWORD, code === '000000' ? '111111' : '000000');
      expect(wrongCode.status).toBe(401);
      expect(await wrongCode.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password.' });
      const right = await login(email, STAFF_PASSWORD, code);
      expect(right.status).toBe(200);
      const { token } = await right.json();
      expect((await fetch(`${stack.url}/api/v1/cases`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      const reused = await login(email, STAFF_PASSWORD, code);
      expect(reused.status).toBe(401);
      expect(await reused.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password.' });
      nextStep();
    });

    it('accepts the code of the step before or after (a phone clock a little off), not two steps away', async () => {
      const farAhead = await login(email, STAFF_PASSWORD, codeAt(secret, new Date(clock.now().getTime() + 60_000)));
      expect(farAhead.status).toBe(401);
      expect((await login(email, STAFF_PASSWORD, codeAt(secret, new Date(clock.now().getTime() + 30_000)))).status).toBe(200);
      clock.advance(60_000);
    });

    it('a recovery code works once, typed in lower case without dashes too', async () => {
      const typed = recoveryCodes[0].replace(/-/g, '').toLowerCase();
      expect((await login(email, STAFF_PASSWORD, typed)).status).toBe(200);
      expect((await login(email, STAFF_PASSWORD, recoveryCodes[0])).status).toBe(401);
      expect((await login(email, STAFF_PASSWORD, recoveryCodes[1])).status).toBe(200);
    });
  });

  describe('staff pages', () => {
    const email = 'totp.page@example.no';
    let secret: string;

    beforeAll(async () => {
      ({ secret } = await enrolledUser(email));
    });

    it('a right password leads to the code page, not into the staff pages; a wrong code is refused; the right one signs in', async () => {
      const client = new SessionClient(stack.url);
      const password = await client.signIn(email);
      expect(password.status).toBe(303);
      expect(password.headers.get('location')).toBe('/staff/login/code');
      // Half signed in is not signed in.
      const staffPage = await client.get('/staff');
      expect(staffPage.status).toBe(303);
      expect(staffPage.headers.get('location')).toBe('/staff/login');
      const form = await client.get('/staff/login/code');
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('autocomplete="one-time-code"');
      const wrong = await client.submit('/staff/login/code', '/staff/login/code', { code: codeAt(secret) === '123456' ? '654321' : '123456' });
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('Koden er feil eller allerede brukt');
      expect((await client.get('/staff')).status).toBe(303);
      const right = await client.submit('/staff/login/code', '/staff/login/code', { code: codeAt(secret) });
      expect(right.status).toBe(303);
      expect(right.headers.get('location')).toBe('/staff');
      expect((await client.get('/staff')).status).toBe(200);
      nextStep();
    });

    it('the code page without a right password first sends back to sign-in', async () => {
      const client = new SessionClient(stack.url);
      const form = await client.get('/staff/login/code');
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toBe('/staff/login');
    });
  });

  describe('lockout', () => {
    it('wrong codes count toward the password lockout; re-entering the right password does not reset the count; while locked the right code is refused', async () => {
      const email = 'totp.locked@example.no';
      const { secret } = await enrolledUser(email);
      const wrongCode = () => (codeAt(secret) === '000000' ? '999999' : '000000');
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(email, STAFF_PASSWORD, wrongCode())).status).toBe(401);
      // The right password alone (no code) must not clear the four failures.
      expect(await (await login(email, STAFF_PASSWORD)).json()).toMatchObject({ code: 'second_factor_required' });
      expect((await login(email, STAFF_PASSWORD, wrongCode())).status).toBe(401);
      // Fifth failure: locked. The right code and password now answer like a wrong one.
      const locked = await login(email, STAFF_PASSWORD, codeAt(secret));
      expect(locked.status).toBe(401);
      expect(await locked.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail or password.' });
      // After the lock (15 min for the first, restarted by the refused attempt) the right code works.
      clock.advance(16 * 60_000);
      expect((await login(email, STAFF_PASSWORD, codeAt(secret))).status).toBe(200);
    });
  });

  describe('disable, new recovery codes, notices', () => {
    it('each change needs the password or a code, is e-mailed to the user, and turning it off ends the code step', async () => {
      const email = 'totp.changes@example.no';
      await createStaffUser(stack, email, 'auditor');
      const client = new SessionClient(stack.url);
      expect((await client.signIn(email)).status).toBe(303);
      const { secret, recoveryCodes } = await enrol(client);
      const enabled = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === 'Tofaktorautentisering slått på');
      expect(enabled.text).toContain('Var det ikke deg');
      expect(enabled.text).not.toContain(secret);

      const noProof = await client.submit('/staff/account', '/staff/account/totp/recovery-codes', { proof: 'not my password' });
      expect(noProof.status).toBe(400);
      expect(await noProof.text()).toContain('Skriv inn passordet ditt eller en gyldig kode fra appen');
      // English is now the account's language: the notices follow the account's setting.
      expect((await client.submit('/staff/account', '/staff/account/language', { language: 'en' })).status).toBe(303);
      const renewed = await client.submit('/staff/account', '/staff/account/totp/recovery-codes', { proof: codeAt(secret) });
      expect(renewed.status).toBe(200);
      const fresh = [...(await renewed.text()).matchAll(/<li><code>([A-Z2-7-]{19})<\/code><\/li>/g)].map((match) => match[1]);
      expect(fresh).toHaveLength(10);
      expect(fresh).not.toContain(recoveryCodes[0]);
      const regenerated = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === 'New recovery codes');
      expect(regenerated.text).toContain('If this was not you');
      nextStep();
      // The old set no longer works.
      expect((await login(email, STAFF_PASSWORD, recoveryCodes[2])).status).toBe(401);

      const disabled = await client.submit('/staff/account', '/staff/account/totp/disable', { proof: STAFF_PASSWORD });
      expect(disabled.status).toBe(303);
      expect(disabled.headers.get('location')).toBe('/staff/account?done=second-factor-off');
      const off = await smtp.waitFor((mail) => mail.to.includes(email) && mail.subject === 'Two-factor authentication turned off');
      expect(off.text).toContain('If this was not you');
      expect((await login(email, STAFF_PASSWORD)).status).toBe(200);
      expect((await login(email, STAFF_PASSWORD, fresh[0])).status).toBe(200);
    });
  });

  describe('admin requires a second factor for all staff', () => {
    it('a user without one reaches only enrolment (pages redirect, API 403); with one, everything opens; an auditor cannot change the rule', async () => {
      const admin = new SessionClient(stack.url);
      expect((await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
      const auditor = new SessionClient(stack.url);
      await createStaffUser(stack, 'totp.auditor@example.no', 'auditor');
      expect((await auditor.signIn('totp.auditor@example.no')).status).toBe(303);
      expect((await auditor.submit('/staff/users', '/staff/users/second-factor', { required: 'true' })).status).toBe(403);
      expect(await (await admin.get('/staff/users')).text()).toContain('Frivillig.');

      const bad = await admin.submit('/staff/users', '/staff/users/second-factor', { required: 'maybe' });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('required must be true or false');
      // Not before the admin has one: the rule would shut them out of this very page.
      const selfLock = await admin.submit('/staff/users', '/staff/users/second-factor', { required: 'true' });
      expect(selfLock.status).toBe(409);
      expect(await selfLock.text()).toContain('Set up your own second factor under My account first');
      await enrol(admin);
      const set = await admin.submit('/staff/users', '/staff/users/second-factor', { required: 'true' });
      expect(set.status).toBe(303);
      expect(await (await admin.get('/staff/users?done=second-factor')).text()).toContain('Kreves for alle ansatte');

      const email = 'totp.required@example.no';
      await createStaffUser(stack, email, 'handler');
      const refused = await login(email, STAFF_PASSWORD);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ statusCode: 403, code: 'second_factor_enrolment_required' });
      const client = new SessionClient(stack.url);
      expect((await client.signIn(email)).status).toBe(303);
      for (const path of ['/staff', '/staff/tasks', '/staff/cases/new']) {
        const page = await client.get(path);
        expect(page.status).toBe(303);
        expect(page.headers.get('location')).toBe('/staff/account');
      }
      const account = await client.get('/staff/account');
      expect(account.status).toBe(200);
      expect(await account.text()).toContain('Administratoren krever tofaktorautentisering');
      const { secret } = await enrol(client);
      expect((await client.get('/staff')).status).toBe(200);
      expect((await login(email, STAFF_PASSWORD, codeAt(secret))).status).toBe(200);
      nextStep();

      // Turning off a second factor while it is required sends the user back to enrolment.
      expect((await client.submit('/staff/account', '/staff/account/totp/disable', { proof: STAFF_PASSWORD })).status).toBe(303);
      expect((await client.get('/staff')).headers.get('location')).toBe('/staff/account');

      expect((await admin.submit('/staff/users', '/staff/users/second-factor', { required: 'false' })).status).toBe(303);
      expect((await client.get('/staff')).status).toBe(200);
      expect((await login('totp.auditor@example.no', STAFF_PASSWORD)).status).toBe(200);
    });
  });
});
