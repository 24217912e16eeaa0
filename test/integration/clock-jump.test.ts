import { afterEach, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, TicketView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';

describe('the wall clock jumps back (an NTP correction)', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('a ticket issued after the jump is still called after the one issued before it', async () => {
    let now = Date.UTC(2026, 2, 3, 10, 0, 0);
    server = await startServer({ now: () => now });
    const token = await server.login('city-staff');
    const before = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } });
    now += 2 * 60_000;
    now -= 3600_000; // the clock is corrected an hour back
    const after = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } });
    expect(after.body.ticket.issuedAt).toBeGreaterThanOrEqual(before.body.ticket.issuedAt);

    expect((await server.api('POST', '/api/v1/counters/2/open', { token })).status).toBe(200);
    const first = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token });
    expect(first.body.number).toBe(before.body.ticket.number);
    await server.api('POST', '/api/v1/counters/2/start', { token });
    await server.api('POST', '/api/v1/counters/2/finish', { token, body: { outcome: 'resolved' } });
    const second = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token });
    expect(second.body.number).toBe(after.body.ticket.number);
  });

  it('a sign-in lockout set before the jump ends on time, not an hour later', async () => {
    let now = Date.UTC(2026, 2, 3, 10, 0, 0);
    let tick = 1_000_000;
    server = await startServer({ now: () => now, monotonic: () => tick });
    for (let i = 0; i < 5; i++) {
      expect((await server.api('POST', '/api/v1/session', { body: { username: 'city-staff', password: 'wrong-password' } })).status).toBe(401);
    }
    const locked = await server.api('POST', '/api/v1/session', { body: { username: 'city-staff', password: 'demo-city-staff' } });
    expect(locked.status).toBe(429);
    now -= 3600_000; // the wall clock is corrected an hour back…
    tick += 2 * 60_000; // …while two real minutes pass
    now += 2 * 60_000;
    const again = await server.api('POST', '/api/v1/session', { body: { username: 'city-staff', password: 'demo-city-staff' } });
    expect(again.status).toBe(201);
  });
});
