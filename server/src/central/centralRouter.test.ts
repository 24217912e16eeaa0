import { describe, expect, it } from 'vitest';
import { CENTRAL_ROUTE_KEYS, CENTRAL_ROUTES } from '../protocol/client/centralRoutes.js';
import { registeredRoutes } from '../http/routeTable.js';
import { centralRouter, type CentralServices } from './centralRouter.js';

describe('the central router', () => {
  it('registers exactly the routes of the central route table, each once', () => {
    // Registering touches none of the services; they are only called by requests.
    const router = centralRouter({} as CentralServices);
    const registered = registeredRoutes(router).map((r) => `${r.method} ${r.path}`).sort();
    const table = CENTRAL_ROUTE_KEYS.map((k) => `${CENTRAL_ROUTES[k].method} ${CENTRAL_ROUTES[k].path}`).sort();
    expect(registered).toEqual(table);
  });
});
