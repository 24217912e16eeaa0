import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, TicketView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('many kiosks and counters at the same moment', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.dispose());

  it('120 tickets taken at once for one service get 120 different numbers in sequence', async () => {
    const results = await Promise.all(
      Array.from({ length: 120 }, () => server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'vehicles' } })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.ticket.number).sort();
    expect(new Set(numbers).size).toBe(120);
    expect(numbers[0]).toBe('K001');
    expect(numbers.at(-1)).toBe('K120');
  });

  it('counters calling at once never get the same ticket, and nobody is called twice', async () => {
    const staff = await Promise.all(['county-staff', 'county-supervisor'].map((u) => server.login(u)));
    const counters = ['4', '5', '6'];
    // Two staff members hold counters; a supervisor may act at any counter.
    await server.api('POST', '/api/v1/counters/4/open', { token: staff[0] });
    await server.api('POST', '/api/v1/counters/5/open', { token: staff[1] });
    await server.api('POST', '/api/v1/counters/6/open', { token: staff[1] });
    const calledIds: number[] = [];
    for (let round = 0; round < 40; round++) {
      const calls = await Promise.all(
        counters.map((c, i) => server.api<TicketView>('POST', `/api/v1/counters/${c}/next`, { token: staff[i === 0 ? 0 : 1] })),
      );
      const ok = calls.filter((r) => r.status === 200);
      if (ok.length === 0) break;
      calledIds.push(...ok.map((r) => r.body.id));
      await Promise.all(counters.map((c, i) => server.api('POST', `/api/v1/counters/${c}/no-show`, { token: staff[i === 0 ? 0 : 1] })));
    }
    expect(calledIds).toHaveLength(120);
    expect(new Set(calledIds).size).toBe(120);
    const calls = server.app.store.db.prepare("SELECT count(*) AS n, count(DISTINCT ticket_id) AS d FROM events WHERE type = 'ticket_called'").get() as { n: number; d: number };
    expect(calls).toEqual({ n: 120, d: 120 });
  }, 120_000); // 120 calls through HTTP: generous for a loaded shared machine (not a timing assertion)
});
