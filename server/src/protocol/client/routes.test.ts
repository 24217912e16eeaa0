import { describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from './adminRoutes.js';
import { queryString } from './pathTemplate.js';
import { errorStatuses, type RouteDef } from './routeDef.js';
import { path, ROUTE_KEYS, ROUTES } from './routes.js';
import { STAFF_ROUTES } from './staffRoutes.js';
import { VISIT_ROUTES } from './visitRoutes.js';

describe('the route table', () => {
  it('names every method and path once', () => {
    const seen = ROUTE_KEYS.map((k) => `${ROUTES[k].method} ${ROUTES[k].path}`);
    expect(new Set(seen).size).toBe(seen.length);
    for (const k of ROUTE_KEYS) expect(ROUTES[k].path.startsWith('/api/v1'), k).toBe(true);
  });

  it('is assembled from its parts with no key in two of them (a later part would hide an earlier route)', () => {
    const parts = [VISIT_ROUTES, STAFF_ROUTES, ADMIN_ROUTES].map((p) => Object.keys(p));
    expect(parts.flat()).toEqual(ROUTE_KEYS);
    expect(new Set(parts.flat()).size).toBe(ROUTE_KEYS.length);
  });

  it('builds paths with their parameters encoded and a query of the values that are set', () => {
    expect(path('openCounter', { id: 'c1' })).toBe('/api/v1/counters/c1/open');
    expect(path('displayClip', { id: 'hall', lang: 'fi', file: 'a b.wav' })).toBe('/api/v1/displays/hall/clips/fi/a%20b.wav');
    expect(path('visitorStatus', { token: 'x/y?z' })).toBe('/api/v1/tickets/status/x%2Fy%3Fz');
    expect(path('statsDaily', {}, { from: '2026-01-01', serviceId: '', userId: null, counterId: undefined, pageSize: 10 })).toBe(
      '/api/v1/stats/daily?from=2026-01-01&pageSize=10',
    );
    expect(path('apiIndex', {})).toBe('/api/v1');
    expect(queryString({ q: 'ä&b' })).toBe('q=%C3%A4%26b');
  });

  it('refuses to build a path with a parameter missing', () => {
    expect(() => path('ticket', { id: '' })).toThrow(/"id" is missing/);
  });

  it('derives the error statuses of a route from its kind', () => {
    const staffWithBody: RouteDef = ROUTES.callTicket;
    expect(errorStatuses(staffWithBody, { body: true, query: false })).toEqual([400, 401, 403, 404, 409, 413, 422, 429, 503]);
    const publicList: RouteDef = ROUTES.services;
    expect(errorStatuses(publicList, { body: false, query: false })).toEqual([401, 429, 503]);
  });
});
