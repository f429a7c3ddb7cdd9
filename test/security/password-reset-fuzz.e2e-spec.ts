import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { createStaffUser } from '../staff-ui/staff-session-client';
import { FuzzTally, anyContentType, anyQuery, anySegment, anyText, cookiesFrom, csrfIn, fuzzHttp, mutatedToken } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

/**
 * Issue #15 (staff password reset, new public routes): "forgot password" and the page behind its
 * e-mailed link under generated input — addresses, tokens near a real one, passwords, broken CSRF
 * and content types. Never a 5xx; the real link still works afterwards only if nobody guessed it.
 */
describe('password reset pages under generated input (fast-check)', () => {
  let stack: TestApp;
  const tally = new FuzzTally(FUZZ_TARGETS.passwordReset);
  const token = randomBytes(32).toString('base64url');

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env: { STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
    const id = await createStaffUser(stack, 'fuzzed@example.no', 'handler');
    // A live link, as the e-mail would carry it (only its hash is stored).
    await stack.dataSource.query(`INSERT INTO staff_password_resets (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
      id,
      createHash('sha256').update(token).digest('hex'),
    ]);
  });
  afterAll(async () => {
    process.stdout.write(`password reset fuzz: ${tally.total} calls, ${tally.summary()}\n`);
    await stack?.close();
    expect(tally.serverErrors).toEqual([]);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
  });

  const tokenSegment = fc.oneof(mutatedToken(fc.constant(token)), anySegment);

  it('GET the request form and the link page: generated queries and tokens, never a 5xx', async () => {
    await fuzzHttp(stack.url, tally, anyQuery, (query) => ({ method: 'GET', path: `/staff/password-reset${query}` }), 60);
    await fuzzHttp(
      stack.url,
      tally,
      fc.tuple(tokenSegment, anyQuery),
      ([segment, query]) => ({ method: 'GET', path: `/staff/password-reset/${segment}${query}` }),
      80,
    );
    expect(tally.byStatus.get(410)).toBeGreaterThan(10);
  }, 120_000);

  it('POST both forms: generated fields, tokens, CSRF and content types, never a 5xx', async () => {
    const page = await fetch(`${stack.url}/staff/password-reset`);
    const session = { cookies: cookiesFrom(page), csrf: csrfIn(await page.text()) };
    const form = fc.record({
      email: fc.oneof(fc.emailAddress(), fc.constant('fuzzed@example.no'), anyText),
      // Never a password the rules accept together with the real token: that would spend the link.
      new: fc.oneof(
        fc.string({ maxLength: 11 }),
        anyText.map((text) => text.slice(0, 11)),
        fc.constant('qwerty123456'),
      ),
      validCsrf: fc.boolean(),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: anyContentType }),
    });
    const toCall = (path: string) => (value: { email: string; new: string; validCsrf: boolean; contentType: string }) => {
      const body = new URLSearchParams({ email: value.email, new: value.new, _csrf: value.validCsrf ? session.csrf : 'x' });
      return {
        method: 'POST' as const,
        path,
        headers: { 'Content-Type': value.contentType, ...(value.validCsrf ? { Cookie: session.cookies } : {}) },
        body: body.toString(),
      };
    };
    await fuzzHttp(stack.url, tally, form, toCall('/staff/password-reset'), 60);
    await fuzzHttp(stack.url, tally, fc.tuple(tokenSegment, form), ([segment, value]) => toCall(`/staff/password-reset/${segment}`)(value), 80);
    expect(tally.byStatus.get(403)).toBeGreaterThan(10);
    // The real link was never spent by a weak password.
    expect((await fetch(`${stack.url}/staff/password-reset/${token}`)).status).toBe(200);
  }, 120_000);
});
