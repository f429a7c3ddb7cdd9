import { SessionClient, csrfTokenIn } from '../staff-ui/staff-session-client';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';

/** Set-Cookie lines by cookie name. */
function setCookies(response: Response): Map<string, string> {
  return new Map(response.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
}

/**
 * The staff session as an attacker sees it: a session id planted before sign-in is worthless after
 * it, a cookie copied before sign-out is worthless after it (the session is gone server-side), and
 * behind https every cookie is Secure, HttpOnly, SameSite and __Host- prefixed.
 */
describe('staff session security', () => {
  describe('over http (PUBLIC_URL http://…)', () => {
    let stack: TestApp;
    beforeAll(async () => {
      stack = await startTestApp();
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('prevents fixation: the session id an attacker planted before sign-in does not become signed in', async () => {
      // The sign-in page hands out no session id (nothing is stored before sign-in), so the
      // attacker plants one of their own making, with the page's CSRF cookies and token…
      const attacker = new SessionClient(stack.url);
      const page = await attacker.get('/staff/login');
      const token = csrfTokenIn(await page.text());
      expect(attacker.cookie('dsr-staff')).toBeUndefined();
      const planted = `${attacker.cookieHeader()}; dsr-staff=${encodeURIComponent('s:planted-session-id.not-a-signature')}`;

      // …and plants it (with its CSRF cookie and token) in the victim's browser, who signs in.
      const signIn = await fetch(`${stack.url}/staff/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: planted },
        body: new URLSearchParams({ _csrf: token, email: TEST_ADMIN.email, password: TEST_ADMIN.password }).toString(),
      });
      expect(signIn.status).toBe(303);
      const issued = setCookies(signIn).get('dsr-staff');
      expect(issued).toBeDefined();
      expect(issued!.split(';')[0]).not.toBe(planted.split('; ').find((pair) => pair.startsWith('dsr-staff='))!);

      // The victim's new cookie is signed in; the attacker's planted one is not.
      const victimPage = await fetch(`${stack.url}/staff`, { redirect: 'manual', headers: { Cookie: issued!.split(';')[0] } });
      expect(victimPage.status).toBe(200);
      const attackerPage = await attacker.get('/staff');
      expect(attackerPage.status).toBe(303);
      expect(attackerPage.headers.get('location')).toMatch(/^\/staff\/login/);
    });

    it('invalidates the session server-side at sign-out: a copy of the cookie taken before no longer works', async () => {
      const staff = new SessionClient(stack.url);
      expect((await staff.signIn(TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(303);
      const stolen = staff.cookieHeader();
      const before = await fetch(`${stack.url}/staff`, { redirect: 'manual', headers: { Cookie: stolen } });
      expect(before.status).toBe(200);

      const signedOut = await staff.submit('/staff', '/staff/logout', {});
      expect(signedOut.status).toBe(303);
      const cleared = setCookies(signedOut).get('dsr-staff');
      expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);

      const replayed = await fetch(`${stack.url}/staff`, { redirect: 'manual', headers: { Cookie: stolen } });
      expect(replayed.status).toBe(303);
      expect(replayed.headers.get('location')).toMatch(/^\/staff\/login/);
      const token = csrfTokenIn(await (await fetch(`${stack.url}/staff/login`, { headers: { Cookie: stolen } })).text());
      const action = await fetch(`${stack.url}/staff/logout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: stolen },
        body: new URLSearchParams({ _csrf: token }).toString(),
      });
      expect([303, 401, 403]).toContain(action.status);
      expect(action.headers.get('location') ?? '').not.toBe('/staff');
    });

    it('marks the session, visitor and CSRF cookies HttpOnly and SameSite, and not Secure over http', async () => {
      const client = new SessionClient(stack.url);
      const page = await client.get('/staff/login');
      const token = csrfTokenIn(await page.text());
      const signIn = await client.request('POST', '/staff/login', { _csrf: token, email: TEST_ADMIN.email, password: TEST_ADMIN.password });
      const cookies = new Map([...setCookies(page), ...setCookies(signIn)]);
      for (const name of ['dsr-staff', 'dsr-staff-visitor', 'dsr-staff-csrf']) {
        expect(cookies.get(name)).toBeDefined();
        expect(cookies.get(name)).toMatch(/; HttpOnly/i);
        expect(cookies.get(name)).toMatch(/; SameSite=(Lax|Strict)/i);
        expect(cookies.get(name)).not.toMatch(/; Secure/i);
      }
    });
  });

  describe('behind https (PUBLIC_URL https://…, TLS ended by a proxy on this host)', () => {
    let stack: TestApp;
    beforeAll(async () => {
      stack = await startTestApp({ env: { PUBLIC_URL: 'https://dsr.example.no' } });
    });
    afterAll(async () => {
      await stack?.close();
    });

    /** As the TLS proxy forwards it (trust proxy is loopback). */
    const viaProxy = (path: string, init: RequestInit = {}) =>
      fetch(`${stack.url}${path}`, { redirect: 'manual', ...init, headers: { 'X-Forwarded-Proto': 'https', ...(init.headers as Record<string, string>) } });

    it('sets every cookie Secure, HttpOnly, SameSite and __Host- (staff session, staff CSRF, public form CSRF and visitor), and sends HSTS', async () => {
      const login = await viaProxy('/staff/login');
      const staffCookies = setCookies(login);
      const form = await viaProxy('/');
      const publicCookies = setCookies(form);
      const all = new Map([...staffCookies, ...publicCookies]);
      expect([...all.keys()].sort()).toEqual(['__Host-dsr-csrf', '__Host-dsr-staff-csrf', '__Host-dsr-staff-visitor', '__Host-dsr-visitor']);
      for (const [name, line] of all) {
        expect({
          name,
          secure: /; Secure/i.test(line),
          httpOnly: /; HttpOnly/i.test(line),
          sameSite: /; SameSite=(Lax|Strict)/i.test(line),
          path: /; Path=\/(;|$)/i.test(line),
          domain: /; Domain=/i.test(line),
        }).toEqual({
          name,
          secure: true,
          httpOnly: true,
          sameSite: true,
          path: true,
          domain: false,
        });
      }
      expect(login.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);

      // Signing in through the proxy issues a new Secure session cookie.
      const cookie = [...staffCookies.values()].map((line) => line.split(';')[0]).join('; ');
      const signIn = await viaProxy('/staff/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
        body: new URLSearchParams({ _csrf: csrfTokenIn(await login.text()), email: TEST_ADMIN.email, password: TEST_ADMIN.password }).toString(),
      });
      expect(signIn.status).toBe(303);
      const session = setCookies(signIn).get('__Host-dsr-staff');
      expect(session).toMatch(/; Secure/i);
      expect(session).toMatch(/; HttpOnly/i);
      expect(session!.split(';')[0]).not.toBe(cookie.split('; ').find((pair) => pair.startsWith('__Host-dsr-staff='))!);
    });
  });

  describe('behind https when TRUST_PROXY does not name this hop (TRUST_PROXY=192.0.2.0/24)', () => {
    let stack: TestApp;
    beforeAll(async () => {
      stack = await startTestApp({ env: { PUBLIC_URL: 'https://dsr.example.no', TRUST_PROXY: '192.0.2.0/24' } });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('ignores X-Forwarded-Proto from an untrusted peer, so no Secure session cookie is issued over plain http', async () => {
      const headers = { 'X-Forwarded-Proto': 'https' };
      const login = await fetch(`${stack.url}/staff/login`, { redirect: 'manual', headers });
      expect(login.status).toBe(200);
      // Loopback is trusted by default; here it is not, so the request counts as plain http.
      expect(setCookies(login).has('__Host-dsr-staff')).toBe(false);
    });
  });
});
