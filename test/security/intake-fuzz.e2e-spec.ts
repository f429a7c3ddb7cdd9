import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/test-app';
import { FuzzTally, anyContentType, anyQuery, anyText, anyValue, cookiesFrom, csrfIn, fuzzHttp } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'objection', 'restriction', 'portability'] as const;

/**
 * The two ways in for the public, fuzzed: the JSON intake and the HTML form, each with 2,500
 * generated inputs (the form half with a valid CSRF token and cookie, half without). Whatever
 * arrives, the answer is 2xx, 3xx or 4xx, never 5xx. The rate limit is raised so the run measures
 * the handlers, not the 429 page.
 */
describe('public intake under generated input (fast-check)', () => {
  let stack: TestApp;
  const tally = new FuzzTally(FUZZ_TARGETS.intake);

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000000' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const plausible = fc.record(
    {
      type: fc.oneof(fc.constantFrom(...REQUEST_TYPES), anyValue),
      email: fc.oneof(fc.emailAddress(), anyValue),
      name: anyValue,
      phone: fc.oneof(fc.stringMatching(/^\+?[0-9 ()-]{5,30}$/), anyValue),
      customerNumber: anyValue,
      language: fc.oneof(fc.constantFrom('nb', 'en'), anyValue),
      details: fc.oneof(anyValue, fc.dictionary(fc.constantFrom('text', 'field', 'correctedValue', 'processing', 'grounds', 'other'), anyValue)),
    },
    { requiredKeys: [] },
  );
  const valid = fc.record({
    type: fc.constantFrom('access', 'erasure', 'restriction', 'portability'),
    email: fc.emailAddress(),
    name: fc.string({ maxLength: 60 }),
  });

  it('POST /api/v1/requests: 2,500 generated bodies, headers and content types, never a 5xx', async () => {
    const body = fc.oneof(
      { weight: 1, arbitrary: valid.map((value) => JSON.stringify(value)) },
      { weight: 5, arbitrary: plausible.map((value) => JSON.stringify(value)) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
      { weight: 2, arbitrary: anyText },
      { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '{"type":"access","email":"a@b.no","__proto__":{"polluted":1}}',
          '{"constructor":{"prototype":{"x":1}}}',
          'x'.repeat(200_000),
        ),
      },
    );
    const call = fc.record({
      body,
      contentType: fc.oneof({ weight: 4, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: anyContentType }),
      key: fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,100}$/), fc.stringMatching(/^[\x20-\x7e]{0,120}$/)), { nil: undefined }),
      query: anyQuery,
    });
    await fuzzHttp(
      stack.url,
      tally,
      call,
      (value) => ({
        method: 'POST',
        path: `/api/v1/requests${value.query}`,
        headers: { 'Content-Type': value.contentType, ...(value.key === undefined ? {} : { 'Idempotency-Key': value.key }) },
        body: value.body,
      }),
      2500,
    );
    expect(tally.byStatus.get(202)).toBeGreaterThan(50);
    expect(tally.byStatus.get(400)).toBeGreaterThan(500);
  }, 120_000);

  /** Form fields as a browser posts them, plus anything a client could add or repeat. */
  const formFields = fc.record(
    {
      type: fc.oneof(fc.constantFrom(...REQUEST_TYPES), anyText),
      email: fc.oneof(fc.emailAddress(), anyText),
      name: anyText,
      phone: anyText,
      customerNumber: anyText,
      lang: fc.oneof(fc.constantFrom('nb', 'en'), anyText),
      text: anyText,
      rectificationField: anyText,
      correctedValue: anyText,
      objectionProcessing: fc.oneof(fc.constantFrom('direct_marketing', 'legitimate_interest'), anyText),
      objectionGrounds: anyText,
      idempotencyKey: fc.oneof(fc.uuid(), anyText),
      website: fc.oneof(fc.constant(''), anyText),
    },
    { requiredKeys: [] },
  );
  const extraPairs = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom('_csrf', 'type', 'email', 'lang', '__proto__', 'constructor'), fc.string({ maxLength: 10 })), anyText),
    { maxLength: 3 },
  );

  it('POST / (the form): 2,500 generated posts, half with a valid CSRF token and cookie, never a 5xx', async () => {
    const sessions = await Promise.all(
      ['/', '/?lang=en', '/', '/?lang=en'].map(async (path) => {
        const page = await fetch(`${stack.url}${path}`);
        return { cookies: cookiesFrom(page), csrf: csrfIn(await page.text()) };
      }),
    );
    const before = tally.total;
    const validForm = fc.record({
      type: fc.constantFrom('access', 'erasure', 'portability'),
      email: fc.emailAddress(),
      lang: fc.constantFrom('nb', 'en'),
      idempotencyKey: fc.uuid(),
    });
    const post = fc.record({
      fields: fc.oneof({ weight: 1, arbitrary: validForm }, { weight: 2, arbitrary: formFields }),
      extra: extraPairs,
      session: fc.nat({ max: sessions.length - 1 }),
      // valid: cookie and token; none: neither; token-only: a token without its cookie; mangled: a cookie from elsewhere.
      csrf: fc.constantFrom('valid', 'valid', 'none', 'token-only', 'mangled', 'other-session'),
      contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: anyContentType }),
      // Now and then a body that is not a form at all.
      raw: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyText }),
      query: anyQuery,
    });
    await fuzzHttp(
      stack.url,
      tally,
      post,
      (value) => {
        const session = sessions[value.session];
        const other = sessions[(value.session + 1) % sessions.length];
        const form = new URLSearchParams(value.fields);
        for (const [name, text] of value.extra) form.append(name, text);
        if (value.csrf === 'valid' || value.csrf === 'token-only' || value.csrf === 'mangled') form.set('_csrf', session.csrf);
        if (value.csrf === 'other-session') form.set('_csrf', other.csrf);
        const cookie = {
          valid: session.cookies,
          none: '',
          'token-only': '',
          mangled: session.cookies.replace(/=([^;]{4})/g, '=x$1'),
          'other-session': session.cookies,
        }[value.csrf];
        return {
          method: 'POST',
          path: `/${value.query}`,
          headers: { 'Content-Type': value.contentType, ...(cookie ? { Cookie: cookie } : {}) },
          body: value.raw ?? form.toString(),
        };
      },
      2500,
    );
    expect(tally.total - before).toBeGreaterThanOrEqual(2500);
    // Both outcomes of the CSRF check and of validation were really reached.
    for (const status of [200, 400, 403]) expect(tally.byStatus.get(status)).toBeGreaterThan(50);
  }, 120_000);

  afterAll(() => {
    process.stdout.write(`intake fuzz: ${tally.total} calls, ${tally.summary()}\n`);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.total).toBeGreaterThanOrEqual(5000);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
  });
});
