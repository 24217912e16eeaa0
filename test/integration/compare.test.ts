import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, IssueTicketResponse } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

// Two scripted days in the demo hall (Helsinki, UTC+2): Monday 2 March (A, before) and Tuesday 3 March (B, after).
const MON = Date.UTC(2026, 2, 2, 6, 0);
const TUE = Date.UTC(2026, 2, 3, 6, 0);
const MIN = 60_000;

describe('before/after: two periods side by side, with a bootstrap interval on the change in the mean wait', () => {
  let server: TestServer;
  let t = MON;
  let admin = '';
  const ok = async (method: string, p: string, token?: string, body?: unknown) => {
    const r = await server.api(method, p, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    server = await startServer({ now: () => t });
    /** Two identity visits on a day, both called `wait` minutes after they were issued. */
    const day = async (start: number, wait: number) => {
      t = start;
      const staff = await server.login('city-staff'); // a session lasts a working day
      await ok('POST', '/api/v1/counters/1/open', staff);
      for (const i of [0, 1]) {
        t = start + i * 30 * MIN;
        const tk = ((await ok('POST', '/api/v1/tickets', undefined, { serviceId: 'identity' })) as IssueTicketResponse).ticket;
        t += wait * MIN;
        await ok('POST', '/api/v1/counters/1/call', staff, { ticketId: tk.id });
        await ok('POST', '/api/v1/counters/1/start', staff);
        t += 5 * MIN;
        await ok('POST', '/api/v1/counters/1/finish', staff, { outcome: 'resolved' });
      }
      await ok('POST', '/api/v1/counters/1/close', staff);
    };
    await day(MON, 10);
    await day(TUE, 2);
    t = TUE + 10 * 60 * MIN;
    admin = await server.login('admin');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const query = 'aFrom=2026-03-02&aTo=2026-03-02&bFrom=2026-03-03&bTo=2026-03-03';

  it('gives every figure of both periods and a real 8-minute drop in the mean wait', async () => {
    const r = await server.api<Comparison>('GET', `/api/v1/stats/compare?${query}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.a).toMatchObject({ from: '2026-03-02', to: '2026-03-02', figures: { visits: 2, done: 2, meanWaitMs: 10 * MIN } });
    expect(r.body.b).toMatchObject({ from: '2026-03-03', to: '2026-03-03', figures: { visits: 2, done: 2, meanWaitMs: 2 * MIN } });
    // Every wait of A is 10 min and of B 2 min: every resample differs by exactly −8 min.
    expect(r.body.meanWait).toEqual({ diffMs: -8 * MIN, lowMs: -8 * MIN, highMs: -8 * MIN, likelyReal: true, resamples: 1000 });
  });

  it('the same period twice is no change; the CSV has the figures side by side; bad dates get 422', async () => {
    const same = await server.api<Comparison>('GET', '/api/v1/stats/compare?aFrom=2026-03-02&aTo=2026-03-02&bFrom=2026-03-02&bTo=2026-03-02', { token: admin });
    expect(same.body.meanWait).toMatchObject({ diffMs: 0, likelyReal: false });
    const res = await fetch(`${server.url}/api/v1/stats/compare?${query}&format=csv`, { headers: { authorization: `Bearer ${admin}` } });
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('figure,a,b,difference,low95,high95,likelyReal');
    expect(lines).toContain(`meanWaitMs,${10 * MIN},${2 * MIN},${-8 * MIN},,,`);
    expect(lines).toContain(`meanWaitMs (bootstrap),${10 * MIN},${2 * MIN},${-8 * MIN},${-8 * MIN},${-8 * MIN},true`);
    const bad = await server.api('GET', '/api/v1/stats/compare?aFrom=2026-03-03&aTo=2026-03-02&bFrom=2026-03-03&bTo=2026-03-03', { token: admin });
    expect(bad.status).toBe(422);
    expect((await server.api('GET', `/api/v1/stats/compare?${query}`)).status).toBe(401);
  });
});
