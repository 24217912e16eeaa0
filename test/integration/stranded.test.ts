import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, ServiceStatus, StaffSnapshot, StrandedReason, TicketView } from '../../server/src/protocol/index.js';
import { joinSocket, startServer, type TestServer } from '../support/server.js';

interface StrandedView {
  ticket: TicketView;
  reason: StrandedReason;
}

describe('a visitor transferred to a named counter is never stranded', () => {
  let server: TestServer;
  let staff: string;
  let supervisor: string;

  beforeEach(async () => {
    server = await startServer();
    staff = await server.login('city-staff');
    supervisor = await server.login('city-supervisor');
  });
  afterEach(() => server.dispose());

  const issue = async (serviceId: string) =>
    (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } })).body.ticket;

  it('a transfer to a closed counter is refused and the visitor stays at the counter', async () => {
    const b = await issue('residence');
    expect((await server.api('POST', '/api/v1/counters/7/open', { token: staff })).status).toBe(200);
    expect((await server.api<TicketView>('POST', '/api/v1/counters/7/next', { token: staff })).body.number).toBe(b.number);
    const refused = await server.api<{ error: { code: string; message: string } }>('POST', '/api/v1/counters/7/transfer', {
      token: staff,
      body: { counterId: '2' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('counter_closed');
    expect(refused.body.error.message).toMatch(/Counter 2 is closed/);
    const still = await server.api<TicketView>('GET', `/api/v1/tickets/${b.id}`, { token: staff });
    expect(still.body).toMatchObject({ state: 'called', counterId: '7', targetCounterId: null });
  });

  it('when the named counter closes, the visitor goes back to the service queue and another counter calls them', async () => {
    const b = await issue('residence');
    const other = supervisor;
    await server.api('POST', '/api/v1/counters/7/open', { token: staff });
    await server.api('POST', '/api/v1/counters/7/next', { token: staff });
    expect((await server.api('POST', '/api/v1/counters/2/open', { token: other })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/7/transfer', { token: staff, body: { counterId: '2' } })).status).toBe(200);
    expect((await server.api('POST', '/api/v1/counters/2/close', { token: other })).status).toBe(200);

    const t = await server.api<TicketView>('GET', `/api/v1/tickets/${b.id}`, { token: staff });
    expect(t.body).toMatchObject({ state: 'waiting', serviceId: 'residence', targetCounterId: null, queuedAt: b.issuedAt });
    expect((await server.api<StrandedView[]>('GET', '/api/v1/tickets/stranded', { token: supervisor })).body).toEqual([]);

    const board = await server.api<ServiceStatus[]>('GET', '/api/v1/services');
    expect(board.body.find((s) => s.id === 'residence')).toMatchObject({ waiting: 1 });

    await server.api('POST', '/api/v1/counters/7/close', { token: staff });
    await server.api('POST', '/api/v1/counters/3/open', { token: staff });
    const called = await server.api<TicketView>('POST', '/api/v1/counters/3/next', { token: staff });
    expect(called.status).toBe(200);
    expect(called.body.number).toBe(b.number);
  });

  it('a ticket whose service no open counter serves is listed as stranded to supervisors, and one click fixes it', async () => {
    const c = await issue('parking');
    // Only a city counter serving other city services is open.
    await server.api('POST', '/api/v1/counters/3/open', { token: staff, body: { services: ['identity', 'residence'] } });
    const list = await server.api<StrandedView[]>('GET', '/api/v1/tickets/stranded', { token: supervisor });
    expect(list.body.map((s) => [s.ticket.number, s.reason])).toEqual([[c.number, 'no-open-counter']]);
    expect((await server.api('GET', '/api/v1/tickets/stranded', { token: staff })).status).toBe(403);

    // The supervisor's screen gets the same tickets and counters to show them from.
    const { socket, snapshot } = await joinSocket(server.url, { role: 'staff', token: supervisor });
    const snap = snapshot as StaffSnapshot;
    expect(snap.tickets.some((t) => t.id === c.id && t.state === 'waiting')).toBe(true);
    socket.close();

    // The fix: a counter that is open takes the service into its work.
    const profile = await server.api('PUT', '/api/v1/counters/3/profile', {
      token: supervisor,
      body: { services: [{ serviceId: 'identity', weight: 1 }, { serviceId: 'residence', weight: 1 }, { serviceId: 'parking', weight: 1 }] },
    });
    expect(profile.status).toBe(200);
    expect((await server.api<StrandedView[]>('GET', '/api/v1/tickets/stranded', { token: supervisor })).body).toEqual([]);
  });

  it('moving a waiting ticket sent to a named counter to a service clears the named counter', async () => {
    const b = await issue('residence');
    const other = supervisor;
    await server.api('POST', '/api/v1/counters/7/open', { token: staff });
    await server.api('POST', '/api/v1/counters/7/next', { token: staff });
    await server.api('POST', '/api/v1/counters/2/open', { token: other });
    await server.api('POST', '/api/v1/counters/7/transfer', { token: staff, body: { counterId: '2' } });
    const moved = await server.api<TicketView>('POST', `/api/v1/tickets/${b.id}/service`, { token: staff, body: { serviceId: 'identity' } });
    expect(moved.body).toMatchObject({ serviceId: 'identity', targetCounterId: null });
  });
});
