import { ADMIN_ROUTES } from './adminRoutes.js';
import { fillPath, type ParamsOf, type QueryValue } from './pathTemplate.js';
import { STAFF_ROUTES } from './staffRoutes.js';
import { VISIT_ROUTES } from './visitRoutes.js';

/**
 * THE route table of /api/v1: every route once, keyed by name. The server registers its handlers by these keys (and
 * refuses to start when a registered route is not here or a route here has no handler), GET /api/v1 lists it, the
 * OpenAPI document is built from it with the schemas of `protocol/routeSchemas.ts`, and the screens build their
 * request paths with `path(key, params)` instead of writing path strings. Zod-free: the screens import it.
 * What a route is: `routeDef.ts`; the routes themselves, in this order, in `visitRoutes.ts`, `staffRoutes.ts` and
 * `adminRoutes.ts` (a test holds that no key is in two parts).
 */
export const ROUTES = { ...VISIT_ROUTES, ...STAFF_ROUTES, ...ADMIN_ROUTES } as const;

export type RouteKey = keyof typeof ROUTES;

export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

/** The path parameters of a route, by name: `{ id: 'c1' }` for `/counters/:id/open`; `{}` when it has none. */
export type PathParams<K extends RouteKey> = ParamsOf<(typeof ROUTES)[K]['path']>;

/**
 * The path of a route with its parameters filled in (each one URL-encoded) and an optional query string (entries
 * that are null, undefined or '' are left out): `path('openCounter', { id: 'c1' })` → `/api/v1/counters/c1/open`.
 */
export function path<K extends RouteKey>(key: K, params: PathParams<K>, query?: Readonly<Record<string, QueryValue>>): string {
  return fillPath(key, ROUTES[key].path, params, query);
}
