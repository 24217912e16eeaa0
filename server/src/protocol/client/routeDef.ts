import type { ApiScope } from '../integrations.js';

/**
 * What a route of the hall's API is (method, path, who may call it) and the statuses it answers. The table itself is
 * `routes.ts`, assembled from its parts (`visitRoutes.ts`, `staffRoutes.ts`, `adminRoutes.ts`). Zod-free.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: anyone, the visitor holding the ticket's token, or signed-in staff of at least this role. */
export type RouteAccess = 'public' | 'visitor' | 'staff' | 'supervisor' | 'admin';

export interface RouteDef {
  method: HttpMethod;
  /** Full path with `:name` parameters, e.g. `/api/v1/counters/:id/open`. */
  path: string;
  access: RouteAccess;
  /** The API key scope that may use the route (staff routes without a scope refuse API keys). */
  scope?: ApiScope;
  summary: string;
  /** Success statuses (the first is the usual one); 200 when absent. */
  ok?: readonly number[];
  /** Error statuses this route answers besides the ones every route of its kind may give (see `errorStatuses`). */
  errors?: readonly number[];
}

export const API_BASE = '/api/v1';

/** The success statuses of a route. */
export function okStatuses(def: RouteDef): readonly number[] {
  return def.ok ?? [200];
}

/**
 * The error statuses a route may answer: its own (`errors`) plus what follows from its kind — a body or query that
 * does not parse (400, 422; a body over the limit 413), a path parameter naming nothing (404), a staff route without
 * or with the wrong credentials (401, 403), an API key over its rate (429; any route, as the key is checked first),
 * and the database being unavailable (503).
 */
export function errorStatuses(def: RouteDef, has: { body: boolean; query: boolean }): number[] {
  const out = new Set<number>([401, 429, 503, ...(def.errors ?? [])]);
  if (has.body) [400, 413, 422].forEach((s) => out.add(s));
  if (has.query) [400, 422].forEach((s) => out.add(s));
  if (def.path.includes(':')) [400, 404].forEach((s) => out.add(s));
  if (def.access !== 'public' && def.access !== 'visitor') out.add(403);
  if (def.scope) out.add(403);
  return [...out].sort((a, b) => a - b);
}
