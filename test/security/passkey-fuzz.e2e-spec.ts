import fc from 'fast-check';
import { SoftwarePasskey } from '../support/software-passkey';
import { startTestApp, type TestApp } from '../support/test-app';
import { createStaffUser } from '../staff-ui/staff-session-client';
import { FuzzTally, anyContentType, anyQuery, anyText, anyValue, cookiesFrom, csrfIn, fuzzHttp } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

/**
 * Issue #15 (staff passkeys, new public routes): the passkey sign-in calls and the sign-in page's
 * two scripts under generated input — JSON of any shape, credentials near a real signed one,
 * broken CSRF, challenge cookies and content types. Never a 5xx, and nobody is signed in by it.
 */
describe('passkey sign-in routes under generated input (fast-check)', () => {
  let stack: TestApp;
  const tally = new FuzzTally(FUZZ_TARGETS.passkeys);
  let userId: string;
  const passkey = new SoftwarePasskey('localhost', 'http://localhost:3000');

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
    userId = await createStaffUser(stack, 'fuzzed.passkey@example.no', 'handler');
    await stack.dataSource.query(
      `INSERT INTO staff_passkeys (user_id, credential_id, public_key, counter, transports, device_type, backed_up, name)
       VALUES ($1, $2, $3, 0, '[]', 'singleDevice', false, 'Fuzzed')`,
      [userId, passkey.credentialId, passkey.cosePublicKey],
    );
  });
  afterAll(async () => {
    process.stdout.write(`passkey fuzz: ${tally.total} calls, ${tally.summary()}\n`);
    await stack?.close();
    expect(tally.serverErrors).toEqual([]);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
  });

  it('GET the two scripts with generated queries: always the script, never a 5xx', async () => {
    for (const path of ['/staff/assets/simplewebauthn-browser.js', '/staff/assets/passkeys.js']) {
      await fuzzHttp(stack.url, tally, anyQuery, (query) => ({ method: 'GET', path: `${path}${query}` }), 60);
      const response = await fetch(`${stack.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    }
    expect(await (await fetch(`${stack.url}/staff/assets/simplewebauthn-browser.js`)).text()).toMatch(/^\/\* \[@simplewebauthn\/browser@13\.3\.0\] \*\//);
  }, 120_000);

  it('POST options and verify: generated bodies, credentials, CSRF, cookies and content types, never a 5xx nor a sign-in', async () => {
    const page = await fetch(`${stack.url}/staff/login`);
    const session = { cookies: cookiesFrom(page), csrf: csrfIn(await page.text()) };
    /** A fresh challenge and its cookie, as the options call gives the page. */
    const freshChallenge = async (): Promise<{ cookie: string; challenge: string }> => {
      const options = await fetch(`${stack.url}/staff/login/passkey/options`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: session.cookies },
        body: JSON.stringify({ _csrf: session.csrf }),
      });
      const cookie = options.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .find((pair) => pair.startsWith('dsr-staff-passkey='))!;
      return { cookie, challenge: ((await options.json()) as { challenge: string }).challenge };
    };

    /** How a real signed answer is spoilt: one character of a response field changed, a top-level
     *  field replaced by any value or dropped — or no real answer at all, any value instead. */
    const spoil = fc.oneof(
      fc.record({
        kind: fc.constant('char' as const),
        field: fc.constantFrom('clientDataJSON', 'authenticatorData', 'signature', 'userHandle'),
        at: fc.nat(),
        char: fc.constantFrom(...'AZaz09_-'.split('')),
      }),
      fc.record({
        kind: fc.constant('replace' as const),
        // Not clientExtensionResults: the server ignores it, so replacing it leaves a good answer.
        field: fc.constantFrom('id', 'rawId', 'type', 'response'),
        value: anyValue,
      }),
      fc.record({ kind: fc.constant('drop' as const), field: fc.constantFrom('id', 'rawId', 'type', 'response') }),
      fc.record({ kind: fc.constant('any' as const), value: anyValue }),
    );
    type Spoil = typeof spoil extends fc.Arbitrary<infer T> ? T : never;
    const spoilt = (real: Record<string, unknown>, how: Spoil): unknown => {
      if (how.kind === 'any') return how.value;
      if (how.kind === 'replace') return { ...real, [how.field]: how.value };
      if (how.kind === 'drop') return Object.fromEntries(Object.entries(real).filter(([key]) => key !== how.field));
      const response = real.response as Record<string, string>;
      const value = response[how.field];
      // Not the last character: in base64url it may carry unused bits, and the bytes stay the same.
      const index = how.at % (value.length - 1);
      const char = value[index] === how.char ? (how.char === 'A' ? 'B' : 'A') : how.char;
      return { ...real, response: { ...response, [how.field]: value.slice(0, index) + char + value.slice(index + 1) } };
    };
    const body = fc.record({
      spoil,
      next: fc.oneof(anyText, fc.constant('/staff/tasks')),
      // Mostly a good token and a live challenge, so most answers reach the signature check.
      validCsrf: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      withChallenge: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      raw: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyText }),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: anyContentType }),
    });
    const toCall =
      (path: string) => async (value: { spoil: Spoil; next: string; validCsrf: boolean; withChallenge: boolean; raw: string | null; contentType: string }) => {
        const fresh = value.withChallenge ? await freshChallenge() : { cookie: '', challenge: 'AAAAAAAAAAAAAAAAAAAAAA' };
        const cookies = [value.validCsrf ? session.cookies : '', fresh.cookie].filter(Boolean).join('; ');
        const credential = spoilt(passkey.assertion(fresh.challenge, userId), value.spoil);
        return {
          method: 'POST' as const,
          path,
          headers: { 'Content-Type': value.contentType, ...(cookies ? { Cookie: cookies } : {}) },
          body: value.raw ?? JSON.stringify({ _csrf: value.validCsrf ? session.csrf : 'x', credential, next: value.next }),
        };
      };
    await fuzzHttp(stack.url, tally, body, toCall('/staff/login/passkey/options'), 60);
    await fuzzHttp(stack.url, tally, body, toCall('/staff/login/passkey/verify'), 120);
    expect(tally.byStatus.get(403)).toBeGreaterThan(10);
    expect(tally.byStatus.get(400)).toBeGreaterThan(10);
    expect(tally.byStatus.get(401)).toBeGreaterThan(5);
    // Nothing generated signed anyone in: the account has no last sign-in.
    const [row] = await stack.dataSource.query(`SELECT last_login_at FROM staff_users WHERE id = $1`, [userId]);
    expect(row.last_login_at).toBeNull();
  }, 180_000);
});
