import { randomUUID } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '../../src/common/auth/staff-roles';
import { PUBLIC_ROUTES, isListedPublic } from '../support/public-routes';
import { routeTable, type RouteRow } from '../support/route-table';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { bearerFor, createStaffUser } from './staff-session-client';

/**
 * The whole route table, read from the running Express router (not a hand-kept list): every
 * route that is not on the exact public list (test/support/public-routes.ts, method + path)
 * answers an anonymous caller with 401 (API) or a redirect to sign-in (staff pages), every staff
 * role the route does not name with 403, and the roles it names are let through. A new route that
 * is open, or public without being listed, fails this test.
 */
describe('route table RBAC (every registered route, real stack)', () => {
  let stack: TestApp;
  let reference: string;
  const tokens = {} as Record<StaffRole, { Authorization: string }>;
  let routes: RouteRow[];

  beforeAll(async () => {
    stack = await startTestApp();
    tokens.admin = await adminAuth(stack.url);
    for (const role of ['handler', 'owner', 'auditor'] as const) {
      await createStaffUser(stack, `${role}@example.no`, role);
      tokens[role] = await bearerFor(stack, `${role}@example.no`);
    }
    const created = await fetch(`${stack.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...tokens.admin },
      body: JSON.stringify({ type: 'access', channel: 'letter', receivedAt: new Date().toISOString(), subject: { email: 'rbac@example.no' } }),
    });
    reference = (await created.json()).reference;
    routes = routeTable(stack.app!);
  });
  afterAll(() => stack.close());

  it('reads the route table from the running app', () => {
    const paths = routes.map((route) => `${route.method} ${route.path}`);
    expect(routes.length).toBeGreaterThan(40);
    expect(paths).toEqual(
      expect.arrayContaining([
        'get /staff',
        'get /staff/cases/:reference',
        'post /staff/cases/:reference/extend',
        'post /staff/cases/:reference/extension-letter/posted',
        'get /staff/cases/:reference/answer/extension-letter.pdf',
        'get /api/v1/cases/:reference/extension-letter.pdf',
        'post /api/v1/cases/:reference/extension-letter/posted',
        'post /staff/users',
        'post /staff/users/second-factor',
        'post /staff/users/:id/language',
        'post /staff/account/language',
        'post /staff/account/totp/start',
        'get /staff/tasks',
        'get /staff/systems',
        'get /api/v1/cases',
        'post /api/v1/cases/:reference/complete',
        'post /api/v1/cases/:reference/lift-restriction',
        'post /staff/cases/:reference/lift-restriction',
        'get /staff/cases/:reference/answer/letters/:letterId/:format',
        'get /staff/cases/:reference/answer/package.zip',
        'get /api/v1/cases/:reference/plan',
        'patch /api/v1/cases/:reference/plan/items/:itemId',
        'post /staff/cases/:reference/plan/items/:planItemId',
        'get /staff/cases/:reference/merge',
        'post /staff/cases/:reference/merge',
        'post /api/v1/cases/:reference/merge',
        'post /staff/account/passkeys/options',
        'post /staff/account/passkeys',
        'post /staff/account/passkeys/:passkeyId/remove',
      ]),
    );
    expect(paths.some((path) => path.startsWith('get /staff/queues'))).toBe(true);
  });

  it('opens the data map page to admins and auditors only', () => {
    expect(
      routes
        .find((route) => route.method === 'get' && route.path === '/staff/systems')
        ?.roles?.slice()
        .sort(),
    ).toEqual(['admin', 'auditor']);
  });

  it('has an access decision (@Roles or @Public) on every route Nest serves', () => {
    const undecided = routes.filter((route) => route.declared && !route.isPublic && !route.roles?.length);
    expect(undecided.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('keeps @Public to the listed public routes, and lists only routes that exist', () => {
    const unlisted = routes.filter((route) => route.isPublic && !isListedPublic(route.method, route.path));
    expect(unlisted.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    const served = new Set(routes.map((route) => `${route.method} ${route.path}`));
    expect(PUBLIC_ROUTES.filter((key) => !served.has(key))).toEqual([]);
  });

  it('answers anonymous callers with 401 (API) or a redirect to sign-in (pages) on every other route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((candidate) => !isListedPublic(candidate.method, candidate.path))) {
      const response = await call(route, {});
      const page = route.path.startsWith('/staff');
      // Express routes Nest did not declare are its middleware (`/{*path}`): they serve nothing
      // themselves, so for them "nothing here" (404) is as closed as 401.
      const ok =
        (page ? response.status === 303 && (response.headers.get('location') ?? '').startsWith('/staff/login') : response.status === 401) ||
        (!route.declared && response.status === 404);
      if (!ok) wrong.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every staff role a route does not name with 403', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const route of routes.filter((candidate) => candidate.declared && !candidate.isPublic)) {
      for (const role of STAFF_ROLES.filter((candidate) => !route.roles?.includes(candidate))) {
        checked += 1;
        const response = await call(route, tokens[role]);
        if (response.status !== 403) wrong.push(`${role}: ${route.method} ${route.path} → ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  // Last, because some of these calls change the case (a withdrawal, say); any answer but a
  // refusal will do. Staff page forms also need the session's CSRF token, so the sample is every
  // page and API read, and every API write (bearer tokens, no CSRF).
  it('lets every role a route names through (no 401, 403 or sign-in redirect)', async () => {
    const wrong: string[] = [];
    let checked = 0;
    const sample = routes.filter((route) => route.declared && !route.isPublic && (route.method === 'get' || route.path.startsWith('/api/')));
    for (const route of sample) {
      for (const role of route.roles ?? []) {
        checked += 1;
        // Logout revokes the token it is sent with: it gets a token of its own.
        const headers =
          route.path === '/api/v1/auth/logout' ? await (role === 'admin' ? adminAuth(stack.url) : bearerFor(stack, `${role}@example.no`)) : tokens[role];
        const response = await call(route, headers);
        const toSignIn = (response.headers.get('location') ?? '').startsWith('/staff/login');
        if (response.status === 401 || response.status === 403 || toSignIn) wrong.push(`${role}: ${route.method} ${route.path} → ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  function call(route: RouteRow, headers: Record<string, string>): Promise<Response> {
    const path = route.path
      .replace(':reference', reference)
      .replace(/:(taskId|id|holdId|packageId)\b/g, randomUUID())
      .replace(/\{?\*\w+\}?/g, 'x')
      .replace(/:(\w+)/g, 'x');
    const method = route.method === '_all' ? 'get' : route.method;
    return fetch(`${stack.url}${path}`, {
      method: method.toUpperCase(),
      redirect: 'manual',
      headers: { ...headers, ...(method === 'get' || method === 'head' ? {} : { 'Content-Type': 'application/json' }) },
      body: method === 'get' || method === 'head' ? undefined : '{}',
    });
  }
});
