import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from '../../src/common/auth/roles.decorator';
import type { StaffRole } from '../../src/common/auth/staff-roles';

export interface RouteRow {
  method: string;
  path: string;
  roles?: StaffRole[];
  /** Marked @Public() on the handler or its controller. */
  isPublic: boolean;
  /** A Nest handler; false for routes others put on Express (Swagger UI, bull-board, middleware). */
  declared: boolean;
}

/** Express's routes as the running app serves them, each matched to its Nest handler's access
 *  metadata where Nest registered it — read from the app, not from a hand-kept list. */
export function routeTable(app: INestApplication): RouteRow[] {
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
            const path = `/${[prefix, sub]
              .map((part) => part.replace(/^\/|\/$/g, ''))
              .filter(Boolean)
              .join('/')}`;
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

/** `get /status/:token` — the form the public route list and the fuzz coverage use. */
export const routeKey = (route: Pick<RouteRow, 'method' | 'path'>) => `${route.method} ${route.path}`;
