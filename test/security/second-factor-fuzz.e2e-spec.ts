import fc from 'fast-check';
import { Secret } from 'otpauth';
import { SecondFactorCheck } from '../../src/staff/second-factor/second-factor-check.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { createStaffUser, csrfTokenIn, SessionClient } from '../staff-ui/staff-session-client';
import { FuzzTally, anyContentType, anyQuery, anyText, fuzzHttp, mutatedToken } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

/**
 * Issue #15 point 2 (TOTP, a new public page): the sign-in's code step under generated input —
 * codes, recovery-code look-alikes, the pending-sign-in cookie altered or missing, broken CSRF and
 * content types. Never a 5xx, and no generated input ends up signed in.
 */
describe('sign-in code page under generated input (fast-check)', () => {
  let stack: TestApp;
  const tally = new FuzzTally(FUZZ_TARGETS.secondFactor);
  let cookies: string;
  let pendingValue: string;
  let csrf: string;

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
    const id = await createStaffUser(stack, 'fuzzed.totp@example.no', 'handler');
    const sealed = stack.context.get(SecondFactorCheck).cipher.seal(new Secret({ size: 20 }).base32, id);
    await stack.dataSource.query(`INSERT INTO staff_totp (user_id, secret_sealed, confirmed_at) VALUES ($1, $2, now())`, [id, sealed]);
    const client = new SessionClient(stack.url);
    expect((await client.signIn('fuzzed.totp@example.no')).headers.get('location')).toBe('/staff/login/code');
    csrf = csrfTokenIn(await (await client.get('/staff/login/code')).text());
    pendingValue = client.cookie('dsr-staff-code')!;
    cookies = client
      .cookieHeader()
      .split('; ')
      .filter((pair) => !pair.startsWith('dsr-staff-code='))
      .join('; ');
  });
  afterAll(async () => {
    process.stdout.write(`second factor fuzz: ${tally.total} calls, ${tally.summary()}\n`);
    await stack?.close();
    expect(tally.serverErrors).toEqual([]);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
  });

  const cookieFor = (pending: string) => (pending ? `${cookies}; dsr-staff-code=${pending}` : cookies);

  it('GET the code page: generated queries and pending cookies, never a 5xx', async () => {
    const pending = fc.oneof(fc.constant(pendingValue), mutatedToken(fc.constant(pendingValue)), fc.constant(''));
    await fuzzHttp(
      stack.url,
      tally,
      fc.tuple(anyQuery, pending),
      ([query, value]) => ({ method: 'GET', path: `/staff/login/code${query}`, headers: { Cookie: cookieFor(value) } }),
      60,
    );
    expect(tally.byStatus.get(200)).toBeGreaterThan(5);
  }, 120_000);

  it('POST codes: generated codes, cookies, CSRF and content types, never a 5xx, never signed in', async () => {
    // The GET test's redirects (no pending sign-in → back to sign-in) are counted already.
    const redirectsBefore = tally.byStatus.get(303) ?? 0;
    const form = fc.record({
      code: fc.oneof(
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/),
        fc.string({ maxLength: 80 }),
        anyText,
      ),
      pending: fc.oneof(
        { weight: 4, arbitrary: fc.constant(pendingValue) },
        { weight: 1, arbitrary: mutatedToken(fc.constant(pendingValue)) },
        { weight: 1, arbitrary: fc.constant('') },
      ),
      validCsrf: fc.boolean(),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: anyContentType }),
    });
    await fuzzHttp(
      stack.url,
      tally,
      form,
      (value) => ({
        method: 'POST',
        path: '/staff/login/code',
        headers: { 'Content-Type': value.contentType, Cookie: value.validCsrf ? cookieFor(value.pending) : `dsr-staff-code=${value.pending}` },
        body: new URLSearchParams({ code: value.code, _csrf: value.validCsrf ? csrf : 'x' }).toString(),
      }),
      200,
    );
    expect(tally.byStatus.get(403)).toBeGreaterThan(10);
    expect(tally.byStatus.get(401)).toBeGreaterThan(10);
    // Nothing generated signed in: no answer redirected into the staff pages.
    expect(tally.byStatus.get(303) ?? 0).toBe(redirectsBefore);
  }, 180_000);
});
