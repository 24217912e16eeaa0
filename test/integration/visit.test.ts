import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, TicketView, VisitorStatus } from '../../server/src/protocol/index.js';
import { joinSocket, nextEvent, startServer, type TestServer } from '../support/server.js';

describe('a whole visit through the real server', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await server.login('city-staff');
  });
  afterAll(() => server.dispose());

  it('a visitor takes a ticket, a display sees the call, staff start and finish with an outcome', async () => {
    const display = await joinSocket(server.url, { role: 'display' });
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', {
      body: { serviceId: 'identity', language: 'fi', needs: ['hearing-loop'] },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.ticket.number).toBe('A001');
    expect(issued.body.ticket.position).toBe(0);
    expect(issued.body.print).toEqual({ status: 'no-printer' });

    expect((await server.api('POST', '/api/v1/counters/2/open', { token })).status).toBe(200);
    const called = nextEvent(display.socket, 'ticket:called');
    const next = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ number: 'A001', state: 'called', counterId: '2' });
    expect(next.body.callReason).toMatchObject({ rule: 'weighted-wait', matchedFeature: 'hearing-loop' });
    const event = await called;
    expect(event.call).toMatchObject({ number: 'A001', counterLabel: '2', language: 'fi', recall: false });
    expect(JSON.stringify(event)).not.toContain(issued.body.ticket.statusToken);

    const status = await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${issued.body.ticket.statusToken}`);
    expect(status.body).toMatchObject({ state: 'called', counter: { label: '2' } });

    expect((await server.api<TicketView>('POST', '/api/v1/counters/2/start', { token })).body.state).toBe('serving');
    const done = await server.api<TicketView>('POST', '/api/v1/counters/2/finish', { token, body: { outcome: 'resolved' } });
    expect(done.body).toMatchObject({ state: 'done', outcome: 'resolved' });

    const types = server.app.store.events.forTicket(next.body.id).map((e) => [e.type, e.userId]);
    const staffId = server.app.services.auth.verify(token)?.id;
    expect(types).toEqual([
      ['ticket_issued', null],
      ['ticket_called', staffId],
      ['ticket_started', staffId],
      ['ticket_finished', staffId],
    ]);
    display.socket.close();
  });

  it('a transferred visitor keeps their place in time ahead of later arrivals', async () => {
    const first = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } });
    await server.api('POST', '/api/v1/counters/3/open', { token });
    const later = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } });
    const called = await server.api<TicketView>('POST', '/api/v1/counters/3/next', { token });
    expect(called.body.number).toBe(first.body.ticket.number);
    await server.api('POST', '/api/v1/counters/3/transfer', { token, body: { serviceId: 'residence', note: 'needs a new address' } });
    const again = await server.api<TicketView>('POST', '/api/v1/counters/3/next', { token });
    expect(again.body.id).toBe(first.body.ticket.id);
    expect(again.body.serviceId).toBe('residence');
    expect(again.body.queuedAt).toBe(first.body.ticket.issuedAt);
    expect(again.body.note).toBe('needs a new address');
    await server.api('POST', '/api/v1/counters/3/start', { token });
    await server.api('POST', '/api/v1/counters/3/finish', { token });
    const last = await server.api<TicketView>('POST', '/api/v1/counters/3/next', { token });
    expect(last.body.id).toBe(later.body.ticket.id);
    await server.api('POST', '/api/v1/counters/3/no-show', { token });
  });

  it('a no-show comes back into the queue within the grace period, and a parked visit resumes', async () => {
    const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'lost-found' } });
    await server.api('POST', '/api/v1/counters/3/next', { token });
    const ns = await server.api<TicketView>('POST', '/api/v1/counters/3/no-show', { token });
    expect(ns.body.state).toBe('no-show');
    const back = await server.api<TicketView>('POST', `/api/v1/tickets/${t.body.ticket.id}/requeue`, { token });
    expect(back.body).toMatchObject({ state: 'waiting', queuedAt: t.body.ticket.issuedAt });
    await server.api('POST', '/api/v1/counters/3/next', { token });
    await server.api('POST', '/api/v1/counters/3/start', { token });
    expect((await server.api<TicketView>('POST', '/api/v1/counters/3/park', { token })).body.state).toBe('parked');
    const resumed = await server.api<TicketView>('POST', '/api/v1/counters/3/resume', { token, body: { ticketId: t.body.ticket.id } });
    expect(resumed.body.state).toBe('serving');
    await server.api('POST', '/api/v1/counters/3/finish', { token, body: { outcome: 'referred' } });
  });

  it('a visitor who leaves is recorded as abandoned and their link shows only their own ticket', async () => {
    const mine = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', language: 'sv' } });
    const status = await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${mine.body.ticket.statusToken}`);
    expect(status.body).toMatchObject({ number: mine.body.ticket.number, state: 'waiting', language: 'sv' });
    expect(Object.keys(status.body)).not.toContain('statusToken');
    const left = await server.api<VisitorStatus>('POST', `/api/v1/tickets/status/${mine.body.ticket.statusToken}/cancel`);
    expect(left.body.state).toBe('cancelled');
    expect(server.app.store.events.forTicket(mine.body.ticket.id).at(-1)?.type).toBe('ticket_cancelled');
    const unknown = await server.api('GET', '/api/v1/tickets/status/not-a-real-token');
    expect(unknown.status).toBe(404);
  });
});
