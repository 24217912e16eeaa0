import { describe, expect, it } from 'vitest';
import { CENTRAL_ROUTE_KEYS, CENTRAL_ROUTES, centralPath } from './centralRoutes.js';
import { ROUTES } from './routes.js';

describe('the central route table', () => {
  it('names every method and path once, all under /api/v1', () => {
    const seen = CENTRAL_ROUTE_KEYS.map((k) => `${CENTRAL_ROUTES[k].method} ${CENTRAL_ROUTES[k].path}`);
    expect(new Set(seen).size).toBe(seen.length);
    for (const k of CENTRAL_ROUTE_KEYS) expect(CENTRAL_ROUTES[k].path.startsWith('/api/v1'), k).toBe(true);
  });

  it('builds paths with their parameters encoded and a query of the values that are set', () => {
    expect(centralPath('putCatalogueEntry', { id: 'pass port' })).toBe('/api/v1/central/catalogue/pass%20port');
    expect(centralPath('statsCounters', {}, { from: '2026-01-01', to: '2026-01-07', hallId: '' })).toBe('/api/v1/stats/counters?from=2026-01-01&to=2026-01-07');
    expect(() => centralPath('rotateHallCredential', { id: '' })).toThrow(/"id" is missing/);
  });

  it("agrees with the hall's table on the routes the counter app's shared screens call on either server", () => {
    // SignIn and sign-out (api/session.ts), the mode probe (App.tsx: health) and the heatmap's CSV link (ArrivalsSection).
    for (const key of ['signIn', 'whoAmI', 'signOut', 'health', 'statsHeatmap'] as const) {
      expect({ method: CENTRAL_ROUTES[key].method, path: CENTRAL_ROUTES[key].path }, key).toEqual({ method: ROUTES[key].method, path: ROUTES[key].path });
    }
  });
});
