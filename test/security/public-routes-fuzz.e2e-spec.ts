import fc from 'fast-check';
import { isListedPublic } from '../support/public-routes';
import { routeTable } from '../support/route-table';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { FuzzTally, anyContentType, anyQuery, anySegment, anyText, cookiesFrom, csrfIn, fuzzHttp } from './fuzz-support';
import { FUZZ_TARGETS, MIN_INPUTS_PER_ROUTE } from './fuzz-targets';

/**
 * The rest of the public surface, fuzzed: the form page and its query, the staff sign-in page and
 * form, the language switch, /health, /metrics and the OpenAPI pages (3,000 generated inputs), and
 * the check that every public route of the running app — every @Public handler, and every other
 * route an anonymous caller gets a 2xx from — is the target of some fuzz file (fuzz-targets.ts),
 * each of which fails when a target got fewer than MIN_INPUTS_PER_ROUTE inputs.
 */
describe('the other public routes under generated input (fast-check)', () => {
  let stack: TestApp;
  const tally = new FuzzTally([...FUZZ_TARGETS.pages, ...FUZZ_TARGETS.docs]);

  beforeAll(async () => {
    stack = await startTestApp({ role: 'api', env: { INTAKE_RATE_LIMIT_PER_MINUTE: '1000000', STAFF_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('fuzzes every public route the app serves', async () => {
    const fuzzed = new Set<string>(Object.values(FUZZ_TARGETS).flat());
    const open: string[] = [];
    for (const route of routeTable(stack.app!)) {
      const key = `${route.method} ${route.path}`;
      if (route.isPublic) open.push(key);
      else if (!route.declared && !route.path.includes('*')) {
        // Not a Nest handler (Swagger UI, say): public if an anonymous caller gets a page from it.
        const response = await fetch(`${stack.url}${route.path}`, { method: route.method === '_all' ? 'GET' : route.method.toUpperCase(), redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status < 300) open.push(key);
      }
    }
    expect(open.length).toBeGreaterThan(20);
    expect([...new Set(open)].filter((key) => !fuzzed.has(key))).toEqual([]);
    // And the public list the RBAC test keeps is the same set (nothing open that it does not list).
    expect(open.filter((key) => !isListedPublic(...(key.split(' ') as [string, string])))).toEqual([]);
  });

  const headers = fc.record(
    {
      'Accept-Language': fc.oneof(
        fc.constantFrom('nb', 'en', 'en-GB,en;q=0.8', '*', 'x'.repeat(300)),
        anyText.map((text) => text.replace(/[^\x20-\x7e]/g, '')),
      ),
      Cookie: fc.oneof(
        fc.constantFrom('dsr.sid=s%3Aabc.def', 'dsr-staff-csrf=x', 'a=b; a=c', '=;=;'),
        fc.stringMatching(/^[\x21-\x7e]{0,120}$/).map((text) => text.replace(/[;,]/g, '')),
      ),
      Accept: fc.constantFrom('text/html', 'application/json', '*/*', 'image/png'),
    },
    { requiredKeys: [] },
  );

  it('GET /, GET /staff/login, /health, /metrics, /favicon.ico: 1,100 generated queries and headers, never a 5xx', async () => {
    const before = tally.total;
    const next = fc.oneof(
      fc.constantFrom('/staff', '//evil.example', 'https://evil.example/', '/\\evil.example', '/staff/cases/x', 'javascript:alert(1)'),
      anyText,
    );
    const call = fc.record({
      route: fc.constantFrom('/', '/', '/', '/staff/login', '/staff/login', '/health', '/metrics', '/favicon.ico'),
      query: fc.oneof(
        anyQuery,
        next.map((value) => `?next=${encodeURIComponent(value)}`),
        fc.constantFrom('?signedOut=1', '?lang=en&next=/staff'),
      ),
      headers,
    });
    await fuzzHttp(stack.url, tally, call, (value) => ({ method: 'GET', path: `${value.route}${value.query}`, headers: value.headers }), 1100);
    expect(tally.total - before).toBeGreaterThanOrEqual(1100);
    expect(tally.byStatus.get(200)).toBeGreaterThan(500);
  }, 120_000);

  it('POST /staff/login and POST /staff/language: 500 generated forms each, some with a valid CSRF token and cookie, never a 5xx', async () => {
    const sessions = await Promise.all(
      ['/staff/login', '/staff/login?lang=en', '/staff/login'].map(async (path) => {
        const page = await fetch(`${stack.url}${path}`);
        return { cookies: cookiesFrom(page), csrf: csrfIn(await page.text()) };
      }),
    );
    const before = tally.total;
    const fields = fc.record(
      {
        email: fc.oneof(fc.emailAddress(), fc.constant(TEST_ADMIN.email), anyText),
        // Wrong passwords only: a right one would sign in, which the staff session tests cover.
        password: fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), anyText),
        language: fc.oneof(fc.constantFrom('nb', 'en'), anyText),
        next: fc.oneof(fc.constantFrom('/staff', '//evil.example', 'https://evil.example/'), anyText, anySegment),
      },
      { requiredKeys: [] },
    );
    // Each sign-in with a valid token costs an argon2 check (~0.3 s of CPU here), so few of those.
    const csrf = (validWeight: number) =>
      fc.oneof(
        { weight: validWeight, arbitrary: fc.constant('valid' as const) },
        { weight: 16, arbitrary: fc.constantFrom('none', 'token-only', 'other-session', 'mangled') },
      );
    const post = (route: string, validWeight: number) =>
      fc.record({
        route: fc.constant(route),
        fields,
        extra: fc.array(fc.tuple(fc.constantFrom('_csrf', 'email', 'password', 'next', '__proto__'), anyText), { maxLength: 2 }),
        session: fc.nat({ max: sessions.length - 1 }),
        csrf: csrf(validWeight),
        contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: anyContentType }),
        raw: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyText }),
        query: anyQuery,
      });
    type Post = typeof post extends (...args: never[]) => fc.Arbitrary<infer T> ? T : never;
    const toCall = (value: Post) => {
      const session = sessions[value.session];
      const form = new URLSearchParams(value.fields);
      for (const [name, text] of value.extra) form.append(name, text);
      if (value.csrf === 'valid' || value.csrf === 'token-only' || value.csrf === 'mangled') form.set('_csrf', session.csrf);
      if (value.csrf === 'other-session') form.set('_csrf', sessions[(value.session + 1) % sessions.length].csrf);
      const cookie = {
        valid: session.cookies,
        none: '',
        'token-only': '',
        mangled: session.cookies.replace(/=([^;]{4})/g, '=x$1'),
        'other-session': session.cookies,
      }[value.csrf];
      return {
        method: 'POST' as const,
        path: `${value.route}${value.query}`,
        headers: { 'Content-Type': value.contentType, ...(cookie ? { Cookie: cookie } : {}) },
        body: value.raw ?? form.toString(),
      };
    };
    await fuzzHttp(stack.url, tally, post('/staff/login', 1), toCall, 500);
    await fuzzHttp(stack.url, tally, post('/staff/language', 8), toCall, 500);
    expect(tally.total - before).toBeGreaterThanOrEqual(1000);
    // Both sides of the CSRF check and of the password check were reached.
    expect(tally.byStatus.get(303)).toBeGreaterThan(20);
    expect(tally.byStatus.get(403)).toBeGreaterThan(100);
    expect(tally.byStatus.get(401)).toBeGreaterThan(3);
  }, 120_000);

  it('serves the tab icon every page asks for (an ICO, cacheable), not a 404', async () => {
    const response = await fetch(`${stack.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/x-icon');
    expect(response.headers.get('cache-control')).toContain('max-age');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it('the OpenAPI pages: 100 generated queries and headers each, never a 5xx', async () => {
    const before = tally.total;
    for (const key of FUZZ_TARGETS.docs) {
      const path = key.split(' ')[1];
      await fuzzHttp(
        stack.url,
        tally,
        fc.record({ query: anyQuery, headers }),
        (value) => ({ method: 'GET', path: `${path}${value.query}`, headers: value.headers }),
        100,
      );
    }
    expect(tally.total - before).toBeGreaterThanOrEqual(100 * FUZZ_TARGETS.docs.length);
  }, 120_000);

  afterAll(() => {
    process.stdout.write(`public routes fuzz: ${tally.total} calls, ${tally.summary()}\n`);
    expect(tally.serverErrors).toEqual([]);
    expect(tally.total).toBeGreaterThanOrEqual(2900);
    expect(tally.underFuzzed(MIN_INPUTS_PER_ROUTE)).toEqual([]);
  });
});
