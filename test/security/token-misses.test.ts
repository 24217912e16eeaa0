import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Ack, Snapshot } from '../../server/src/protocol/index.js';
import { joinSocket, startServer, type TestServer } from '../support/server.js';

// Visitors' status links carry an unguessable token. A scanner trying tokens gets only misses (404); those are counted
// per client address and bounded, while lookups of real tickets never count — phones behind one guest-Wi-Fi NAT address
// share that address. The server trusts X-Forwarded-For from loopback, so one test acts as several machines.
describe('unknown visitor tokens are rate-limited per client address; real tickets are not', () => {
  let server: TestServer;
  const logs: string[] = [];
  const call = (method: string, p: string, from: string) => fetch(`${server.url}${p}`, { method, headers: { 'x-forwarded-for': from } });
  const unknown = (i: number) => `/api/v1/tickets/status/${'0'.repeat(40)}${String(i).padStart(4, '0')}`;

  beforeAll(async () => {
    // The monotonic clock (rate windows) stands still, so that a slow machine cannot refill a bucket mid-test.
    server = await startServer({ env: { VUORO_TOKEN_MISSES_PER_MINUTE: '5' }, monotonic: () => 1_000, log: (msg) => logs.push(msg) });
  });
  afterAll(() => server.dispose());

  async function realToken(): Promise<string> {
    const staff = await server.login('city-staff');
    const r = await server.api<{ ticket: { statusToken: string } }>('POST', '/api/v1/tickets', { token: staff, body: { serviceId: 'identity' } });
    expect(r.status).toBe(201);
    return r.body.ticket.statusToken;
  }

  it('many real lookups from one address are never refused', async () => {
    const token = await realToken();
    for (let i = 0; i < 30; i += 1) expect((await call('GET', `/api/v1/tickets/status/${token}`, '10.7.0.1')).status).toBe(200);
    expect((await call('GET', `/api/v1/tickets/status/${token}/feedback`, '10.7.0.1')).status).toBe(200);
  });

  it('past the budget of misses the address gets 429 with Retry-After on every token route, once-a-minute log; others are not affected', async () => {
    const from = '10.7.1.1';
    const token = await realToken();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call('GET', unknown(i), from)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const refused = await call('GET', `/api/v1/tickets/status/${token}`, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    expect((await call('POST', `${unknown(99)}/cancel`, from)).status).toBe(429);
    expect((await call('GET', `${unknown(99)}/notify`, from)).status).toBe(429);
    for (let i = 0; i < 20; i += 1) await call('GET', unknown(i), from);
    expect(logs.filter((l) => l.startsWith('visitor status:'))).toHaveLength(1);
    // Another address (another phone network) and the real visitor elsewhere go on.
    expect((await call('GET', unknown(1), '10.7.1.2')).status).toBe(404);
    expect((await call('GET', `/api/v1/tickets/status/${token}`, '10.7.1.3')).status).toBe(200);
  });

  it('four hundred parallel requests for one unknown token cost one lookup, all answered the same 404; a socket asking for it costs none', async () => {
    const { tickets } = server.app.services;
    const token = 'x'.repeat(24);
    const before = tickets.tokenLookups();
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, i) => call(i % 2 === 0 ? 'GET' : 'POST', `/api/v1/tickets/status/${token}${i % 2 === 0 ? '' : '/cancel'}`, '10.7.2.1')),
    );
    const bodies = await Promise.all(answers.map(async (a) => `${a.status} ${JSON.stringify(await a.json())}`));
    expect(new Set(bodies)).toEqual(new Set(['404 {"error":{"code":"not_found","message":"This ticket link is not valid. It may have expired."}}']));
    expect(tickets.tokenLookups() - before).toBe(1);
    // Only the one lookup counted against the address's budget of 5: it still gets answers, not 429.
    expect((await call('GET', unknown(500), '10.7.2.1')).status).toBe(404);
    await expect(joinSocket(server.url, { role: 'visitor', statusToken: token })).rejects.toThrow('This ticket link is not valid');
    expect(tickets.tokenLookups() - before).toBe(2);
  });

  it('distinct unknown tokens sent in parallel cannot slip under the budget: each miss counts in the turn of its lookup', async () => {
    const { tickets } = server.app.services;
    const before = tickets.tokenLookups();
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => call('GET', unknown(1000 + i), '10.7.3.1')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
    expect(tickets.tokenLookups() - before).toBe(5);
  });

  it("the status page's socket shares the address's budget: unknown tokens asked over a socket count, then both are refused", async () => {
    const socket = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': '10.7.5.1' } });
    try {
      const joinAs = (statusToken: string) =>
        new Promise<Ack<Snapshot>>((resolve) => socket.emit('hall:join', { role: 'visitor', statusToken }, resolve));
      const codes: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const r = await joinAs(unknown(2000 + i).split('/').at(-1) ?? '');
        codes.push(r.ok ? 'ok' : r.error.code);
      }
      expect(codes).toEqual(['not_found', 'not_found', 'not_found', 'not_found', 'not_found', 'too_many_requests']);
      expect((await call('GET', unknown(2100), '10.7.5.1')).status).toBe(429);
      // A token already known to be unknown is answered without counting, from another address.
      const again = connect(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': '10.7.5.2' } });
      try {
        const before = server.app.services.tickets.tokenLookups();
        const r = await new Promise<Ack<Snapshot>>((resolve) => again.emit('hall:join', { role: 'visitor', statusToken: unknown(2000).split('/').at(-1) ?? '' }, resolve));
        expect(r.ok ? 'ok' : r.error.code).toBe('not_found');
        expect(server.app.services.tickets.tokenLookups()).toBe(before);
      } finally {
        again.close();
      }
    } finally {
      socket.close();
    }
  });

  it('the visitor status page itself is served whatever the token (no lookup, nothing to count)', async () => {
    expect((await call('GET', '/t/unknown-token', '10.7.1.1')).status).toBe(200);
  });
});
