import { Router } from 'express';
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '../protocol/client/routeDef.js';
import { ROUTE_KEYS, ROUTES } from '../protocol/client/routes.js';
import { checkRoutesAgainstTable, registeredRoutes, routesOn } from './routeTable.js';

const all = () => ROUTE_KEYS.map((k) => ({ method: ROUTES[k].method as string, path: ROUTES[k].path as string }));

describe('routers are held to the route table', () => {
  it('registers a route by key at its method and path', () => {
    const r = Router();
    routesOn(r, null)('services', (_req, res) => void res.end());
    routesOn(r, null)('visitorCancel', (_req, res) => void res.end());
    expect(registeredRoutes(r)).toEqual([
      { method: 'GET', path: '/api/v1/services' },
      { method: 'POST', path: '/api/v1/tickets/status/:token/cancel' },
    ]);
  });

  it('refuses a staff route on a router without the auth service', () => {
    expect(() => routesOn(Router(), null)('openCounter', (_req, res) => void res.end())).toThrow(/needs a signed-in user/);
  });

  it('accepts exactly the table, and names what differs otherwise', () => {
    expect(() => checkRoutesAgainstTable(all())).not.toThrow();
    const missing = all().filter((r) => r.path !== (ROUTES.finish as RouteDef).path);
    expect(() => checkRoutesAgainstTable(missing)).toThrow('POST /api/v1/counters/:id/finish is in the route table but has no handler');
    expect(() => checkRoutesAgainstTable([...all(), { method: 'GET', path: '/api/v1/secret' }])).toThrow('GET /api/v1/secret is registered but not in the route table');
    expect(() => checkRoutesAgainstTable([...all(), { method: 'GET', path: '/api/v1/services' }])).toThrow('GET /api/v1/services is registered twice');
  });
});
