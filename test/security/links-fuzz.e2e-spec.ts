import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { LinkSigner } from '../../src/public-site/link-signer';
import { AnswerLinkSigner } from '../../src/responses/download/answer-link-signer';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { FuzzTally, anyContentType, anyQuery, anySegment, anyText, anyValue, cookiesFrom, csrfIn, fuzzHttp, mutatedToken } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

/**
 * The pages behind e-mailed links and the staff sign-in, fuzzed: 2,500 verification and status
 * calls with random and mutated real tokens, 1,500 calls to the answer pages with random tokens
 * and codes (with and without a CSRF token), 1,000 calls to the proof pages, 1,000 sign-in
 * bodies. Never a 5xx.
 */
describe('links, answer pages and sign-in under generated input (fast-check)', () => {
  let stack: TestApp;
  const tally = new FuzzTally(FUZZ_TARGETS.links);
  const realTokens: string[] = [];
  let answerTokens: string[] = [];

  beforeAll(async () => {
    // Limits out of the way: this run is about what the handlers do with odd input, not about 429s
    // (the rate limits have their own tests).
    stack = await startTestApp({ role: 'api', env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000000', STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
    // Real cases, so mutated tokens start from ones the server would accept.
    for (const email of ['kari@example.no', 'ola@example.no', 'ingrid@example.no']) {
      const response = await fetch(`${stack.url}/api/v1/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'access', email }),
      });
      expect(response.status).toBe(202);
    }
    const ids: Array<{ id: string }> = await stack.dataSource.query('SELECT id FROM cases');
    const signer = new LinkSigner(stack.config.APP_SECRET);
    for (const { id } of ids) {
      realTokens.push(
        signer.sign('verify', id, new Date(Date.now() + 86_400_000)),
        signer.sign('status', id, null),
        signer.sign('verify', id, new Date(Date.now() - 1000)),
      );
    }
    const answers = new AnswerLinkSigner(stack.config.APP_SECRET);
    answerTokens = [...ids.map(({ id }) => answers.sign(id)), answers.sign(randomUUID()), answers.sign(randomUUID())];
  });
  afterAll(async () => {
    await stack?.close();
  });

  const token = () => fc.oneof({ weight: 3, arbitrary: mutatedToken(fc.constantFrom(...realTokens)) }, { weight: 2, arbitrary: anySegment });

  it('GET /verify/{token}, POST /verify/{token}, GET /status/{token}: 2,500 random and mutated tokens, never a 5xx', async () => {
    const before = tally.total;
    const call = fc.record({
      route: fc.constantFrom('GET /verify/', 'POST /verify/', 'GET /status/'),
      token: token(),
      query: anyQuery,
      body: fc.option(fc.tuple(anyContentType, anyText), { nil: undefined }),
    });
    await fuzzHttp(
      stack.url,
      tally,
      call,
      (value) => {
        const [method, path] = value.route.split(' ') as ['GET' | 'POST', string];
        const body = method === 'POST' && value.body ? { headers: { 'Content-Type': value.body[0] }, body: value.body[1] } : {};
        return { method, path: `${path}${value.token}${value.query}`, ...body };
      },
      2500,
    );
    expect(tally.total - before).toBeGreaterThanOrEqual(2500);
    // The real tokens came through unmutated often enough to reach the pages behind them.
    expect(tally.byStatus.get(200)).toBeGreaterThan(20);
    expect(tally.byStatus.get(400)).toBeGreaterThan(500);
  }, 120_000);

  it('/answer/{token}, /answer/{token}/code and /answer/{token}/download: 1,500 random tokens and codes, never a 5xx', async () => {
    const page = await fetch(`${stack.url}/`);
    const browser = { cookies: cookiesFrom(page), csrf: csrfIn(await page.text()) };
    const before = tally.total;
    const call = fc.record({
      route: fc.constantFrom('GET', 'POST code', 'POST download'),
      token: fc.oneof(mutatedToken(fc.constantFrom(...answerTokens)), anySegment, fc.constantFrom(...answerTokens, ...realTokens)),
      code: fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^[\d ]{0,12}$/), anyText),
      extra: fc.dictionary(fc.constantFrom('lang', 'code', '_csrf', '__proto__'), anyText, { maxKeys: 2 }),
      csrf: fc.boolean(),
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: anyContentType }),
      query: anyQuery,
    });
    await fuzzHttp(
      stack.url,
      tally,
      call,
      (value) => {
        if (value.route === 'GET') return { method: 'GET', path: `/answer/${value.token}${value.query}` };
        const form = new URLSearchParams({ ...value.extra, code: value.code });
        if (value.csrf) form.set('_csrf', browser.csrf);
        const step = value.route === 'POST code' ? 'code' : 'download';
        return {
          method: 'POST',
          path: `/answer/${value.token}/${step}${value.query}`,
          headers: { 'Content-Type': value.contentType, ...(value.csrf ? { Cookie: browser.cookies } : {}) },
          body: form.toString(),
        };
      },
      1500,
    );
    expect(tally.total - before).toBeGreaterThanOrEqual(1500);
  }, 120_000);

  it('/status/{token}/prove and /prove/code: 1,000 random tokens, identifiers and codes, never a 5xx', async () => {
    const page = await fetch(`${stack.url}/`);
    const browser = { cookies: cookiesFrom(page), csrf: csrfIn(await page.text()) };
    const before = tally.total;
    const call = fc.record({
      route: fc.constantFrom('GET', 'POST', 'POST code'),
      token: token(),
      identifier: fc.oneof(fc.uuid(), anyText),
      code: fc.oneof(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^[\d -]{0,14}$/), anyText),
      extra: fc.dictionary(fc.constantFrom('lang', 'identifier', 'code', '_csrf', '__proto__'), anyText, { maxKeys: 2 }),
      csrf: fc.boolean(),
      contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: anyContentType }),
      query: anyQuery,
    });
    await fuzzHttp(
      stack.url,
      tally,
      call,
      (value) => {
        if (value.route === 'GET') return { method: 'GET', path: `/status/${value.token}/prove${value.query}` };
        const form = new URLSearchParams({ ...value.extra, identifier: value.identifier, code: value.code });
        if (value.csrf) form.set('_csrf', browser.csrf);
        return {
          method: 'POST',
          path: `/status/${value.token}/prove${value.route === 'POST code' ? '/code' : ''}${value.query}`,
          headers: { 'Content-Type': value.contentType, ...(value.csrf ? { Cookie: browser.cookies } : {}) },
          body: form.toString(),
        };
      },
      1000,
    );
    expect(tally.total - before).toBeGreaterThanOrEqual(1000);
  }, 120_000);

  it('POST /api/v1/auth/login: 1,000 generated bodies (a few dozen reach the password check), never a 5xx', async () => {
    const before = tally.total;
    const body = fc.oneof(
      // Each well-formed pair costs an argon2 verification (~0.2 s of CPU), so they are a few percent.
      {
        weight: 1,
        arbitrary: fc
          .record({ email: fc.oneof(fc.emailAddress(), fc.constant(TEST_ADMIN.email)), password: fc.string({ minLength: 1, maxLength: 200 }) })
          .map((value) => JSON.stringify(value)),
      },
      {
        weight: 20,
        arbitrary: fc.record({ email: fc.oneof(fc.emailAddress(), anyValue), password: anyValue }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
      },
      {
        weight: 6,
        arbitrary: fc
          .record({ email: anyValue, password: fc.string({ minLength: 1, maxLength: 200 }) }, { requiredKeys: [] })
          .map((value) => JSON.stringify(value)),
      },
      { weight: 5, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
      { weight: 5, arbitrary: anyText },
    );
    await fuzzHttp(
      stack.url,
      tally,
      fc.record({ body, contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: anyContentType }) }),
      (value) => ({ method: 'POST', path: '/api/v1/auth/login', headers: { 'Content-Type': value.contentType }, body: value.body }),
      1000,
    );
    expect(tally.total - before).toBeGreaterThanOrEqual(1000);
    // With the per-address limit raised, the run reached the password check rather than measuring 429s.
    expect(tally.byStatus.get(401)).toBeGreaterThan(10);
    expect(tally.byStatus.get(429)).toBeUndefined();
  }, 120_000);

  afterAll(() => {
    process.stdout.write(`links/answer/login fuzz: ${tally.total} calls, ${tally.summary()}\n`);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.total).toBeGreaterThanOrEqual(5000);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
  });
});
