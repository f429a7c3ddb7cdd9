import type { NestExpressApplication } from '@nestjs/platform-express';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/staff/auth/roles.decorator';
import { STAFF_ROLES, type StaffRole } from '../../src/staff/staff-user.entity';
import { adminAuth, startTestApp, type TestApp } from '../support/test-app';
import { bearerFor, createStaffUser } from './staff-session-client';

/**
 * The whole route table, read from the running Express router (not a hand-kept list): every
 * route that is not on the short public list below answers an anonymous caller with 401 (API)
 * or a redirect to sign-in (staff pages), and every staff role the route does not name with 403.
 * A new route that is open, or public without being listed here, fails this test.
 */
const PUBLIC_ROUTES: Array<[method: string, path: RegExp]> = [
  ['get', /^\/$/],
  ['post', /^\/$/],
  ['get', /^\/health$/],
  ['get', /^\/metrics$/],
  ['get', /^\/api\/docs/],
  ['post', /^\/api\/v1\/auth\/login$/],
  ['post', /^\/api\/v1\/requests$/],
  ['get', /^\/verify\//],
  ['post', /^\/verify\//],
  ['get', /^\/status\//],
  ['post', /^\/status\//],
  ['get', /^\/answers?\//],
  ['post', /^\/answers?\//],
  ['get', /^\/staff\/login$/],
  ['post', /^\/staff\/login$/],
  ['post', /^\/staff\/language$/],
];

interface RouteRow {
  method: string;
  path: string;
  roles?: StaffRole[];
  isPublic: boolean;
  declared: boolean;
}

const isPublicRoute = (method: string, path: string) => PUBLIC_ROUTES.some(([m, pattern]) => m === method && pattern.test(path));

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
    routes = routeTable(stack.app as NestExpressApplication);
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
        'post /staff/users',
        'get /staff/tasks',
        'get /staff/systems',
        'get /api/v1/cases',
        'post /api/v1/cases/:reference/complete',
        'post /api/v1/cases/:reference/lift-restriction',
        'post /staff/cases/:reference/lift-restriction',
        'get /staff/cases/:reference/answer/letters/:letterId/:format',
        'get /staff/cases/:reference/answer/package.zip',
      ]),
    );
    expect(paths.some((path) => path.startsWith('get /staff/queues'))).toBe(true);
  });

  it('opens the data map page to admins and auditors only', () => {
    expect(routes.find((route) => route.method === 'get' && route.path === '/staff/systems')?.roles?.slice().sort()).toEqual(['admin', 'auditor']);
  });

  it('has an access decision (@Roles or @Public) on every route Nest serves', () => {
    const undecided = routes.filter((route) => route.declared && !route.isPublic && !route.roles?.length);
    expect(undecided.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('keeps @Public to the listed public routes', () => {
    const unlisted = routes.filter((route) => route.isPublic && !isPublicRoute(route.method, route.path));
    expect(unlisted.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('answers anonymous callers with 401 (API) or a redirect to sign-in (pages) on every other route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((candidate) => !isPublicRoute(candidate.method, candidate.path))) {
      const response = await call(route, {});
      const page = route.path.startsWith('/staff');
      // Express routes Nest did not declare are its middleware (`/{*path}`): they serve nothing
      // themselves, so for them "nothing here" (404) is as closed as 401.
      const ok =
        (page
          ? response.status === 303 && (response.headers.get('location') ?? '').startsWith('/staff/login')
          : response.status === 401) || (!route.declared && response.status === 404);
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

/** Express's routes, each matched to its Nest handler's metadata where Nest registered it. */
function routeTable(app: NestExpressApplication): RouteRow[] {
  const declared = new Map<string, { roles?: StaffRole[]; isPublic: boolean }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const roles = Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, type);
        const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, type));
        for (const prefix of base) {
          for (const sub of ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '')) {
            const path = `/${[prefix, sub].map((part) => part.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
            declared.set(`${method === 'all' ? '_all' : method} ${path}`, { roles, isPublic });
          }
        }
      }
    }
  }
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router;
  const rows: RouteRow[] = [];
  for (const layer of router.stack) {
    if (!layer.route) continue;
    // fetch cannot send CONNECT or TRACE; an @All route is exercised through the others.
    for (const method of Object.keys(layer.route.methods).filter((name) => ['get', 'post', 'put', 'patch', 'delete', '_all'].includes(name))) {
      const meta = declared.get(`${method} ${layer.route.path}`);
      rows.push({ method, path: layer.route.path, roles: meta?.roles, isPublic: meta?.isPublic ?? false, declared: Boolean(meta) });
    }
  }
  return rows;
}
