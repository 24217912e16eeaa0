import type { RequestHandler, Router } from 'express';
import { API_BASE, type HttpMethod, type RouteDef } from '../protocol/client/routeDef.js';
import { ROUTES, type RouteKey } from '../protocol/client/routes.js';
import type { AuthService } from '../services/authService.js';
import { requireRole, requireScopeOfKey } from './auth.js';

/** Registers a route's handlers by its key in the route table. */
export type RegisterRoute = (key: RouteKey, ...handlers: RequestHandler[]) => void;

/**
 * Routers register their handlers by route key: the method and path come from the route table, and so does the
 * access check in front of the handlers — staff routes require a session of the route's role (or an API key with the
 * route's scope), public routes with a scope refuse an API key without it. `auth` may be null for a router of
 * public routes only.
 */
export function routesOn(r: Router, auth: AuthService | null): RegisterRoute {
  return (key, ...handlers) => {
    const def: RouteDef = ROUTES[key];
    const guard: RequestHandler[] = [];
    if (def.access === 'staff' || def.access === 'supervisor' || def.access === 'admin') {
      if (!auth) throw new Error(`The route "${key}" needs a signed-in user; register it on a router that has the auth service.`);
      guard.push(requireRole(auth, def.access, def.scope));
    } else if (def.scope) {
      guard.push(requireScopeOfKey(def.scope));
    }
    register(r, def.method, localPath(def), [...guard, ...handlers]);
  };
}

/** Registers handlers for one method and path (inside the /api/v1 router) on an express router. */
export function register(r: Router, method: HttpMethod, local: string, handlers: RequestHandler[]): void {
  switch (method) {
    case 'GET':
      r.get(local, ...handlers);
      break;
    case 'POST':
      r.post(local, ...handlers);
      break;
    case 'PUT':
      r.put(local, ...handlers);
      break;
    case 'PATCH':
      r.patch(local, ...handlers);
      break;
    case 'DELETE':
      r.delete(local, ...handlers);
      break;
  }
}

/**
 * A middleware that runs `handler` before the route `key` only (a route of its own would count as a second
 * registration): for what the composition adds in front of one route, such as a larger body limit.
 */
export function beforeRoute(key: RouteKey, handler: RequestHandler): RequestHandler {
  const def: RouteDef = ROUTES[key];
  const local = localPath(def);
  return (req, res, next) => (req.method === def.method && req.path === local ? handler(req, res, next) : next());
}

/** The path of a route (of the hall's or the central table) inside the /api/v1 router. */
export function localPath(def: { path: string }): string {
  return def.path.slice(API_BASE.length) || '/';
}

interface LayerLike {
  route?: { path?: unknown; methods?: Record<string, boolean> };
  handle?: { stack?: unknown };
}

/**
 * Every method and path registered on an express router and the routers mounted inside it without a path (the way
 * app.ts composes /api/v1).
 */
export function registeredRoutes(router: { stack?: unknown }, prefix = API_BASE): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack = Array.isArray(router.stack) ? (router.stack as LayerLike[]) : [];
  for (const layer of stack) {
    if (layer.route && typeof layer.route.path === 'string') {
      for (const [m, on] of Object.entries(layer.route.methods ?? {})) {
        if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: layer.route.path === '/' ? prefix : prefix + layer.route.path });
      }
    } else if (layer.handle && Array.isArray(layer.handle.stack)) {
      out.push(...registeredRoutes(layer.handle as { stack: unknown }, prefix));
    }
  }
  return out;
}

/**
 * The server refuses to start when what its routers registered differs from its route table (the hall's by default): a route without a
 * handler, a handler for a route the table does not name, or one registered twice.
 */
export function checkRoutesAgainstTable(
  registered: readonly { method: string; path: string }[],
  routes: Readonly<Record<string, { method: string; path: string }>> = ROUTES,
): void {
  const key = (m: string, p: string) => `${m} ${p}`;
  const table = new Set(Object.values(routes).map((d) => key(d.method, d.path)));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const r of registered) {
    const k = key(r.method, r.path);
    if (!table.has(k)) problems.push(`${k} is registered but not in the route table`);
    if (seen.has(k)) problems.push(`${k} is registered twice`);
    seen.add(k);
  }
  for (const k of table) if (!seen.has(k)) problems.push(`${k} is in the route table but has no handler`);
  if (problems.length > 0) throw new Error(`The API routes do not match the route table:\n  ${problems.join('\n  ')}`);
}
