import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, PublicSnapshot, StaffSnapshot, VisitorSnapshot } from '../../server/src/protocol/index.js';
import { joinSocket, nextEvent, startServer, type TestServer } from '../support/server.js';

describe('realtime: snapshot on join, then sequenced events per role', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await server.login('city-staff');
  });
  afterAll(() => server.dispose());

  it('every display event carries the next sequence number after the snapshot', async () => {
    const { socket, snapshot } = await joinSocket(server.url, { role: 'display', displayId: 'hall' });
    const snap = snapshot as PublicSnapshot;
    expect(snap.role).toBe('display');
    expect(snap.display?.id).toBe('hall');
    expect(snap.services).toHaveLength(7);
    const seqs: number[] = [];
    socket.onAny((_event, payload: { seq: number }) => seqs.push(payload.seq));
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
    await server.api('POST', '/api/v1/counters/1/open', { token });
    await server.api('POST', '/api/v1/counters/1/next', { token });
    await expect.poll(() => seqs.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    expect(seqs).toEqual(seqs.map((_, i) => snap.seq + i + 1));
    socket.close();
  });

  it('displays and kiosks never receive visitors’ tokens or needs; staff do get needs', async () => {
    const display = await joinSocket(server.url, { role: 'display' });
    const kiosk = await joinSocket(server.url, { role: 'kiosk', kioskId: 'entrance' });
    const staff = await joinSocket(server.url, { role: 'staff', token });
    const seen: string[] = [];
    display.socket.onAny((_e, p) => seen.push(JSON.stringify(p)));
    kiosk.socket.onAny((_e, p) => seen.push(JSON.stringify(p)));
    const staffTicket = nextEvent(staff.socket, 'ticket:changed');
    const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence', needs: ['low-desk', 'interpreter:ar'] } });
    expect((await staffTicket).ticket?.needs).toEqual(['low-desk', 'interpreter:ar']);
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(0);
    const all = seen.join('\n') + JSON.stringify(display.snapshot) + JSON.stringify(kiosk.snapshot);
    expect(all).not.toContain(issued.body.ticket.statusToken);
    expect(all).not.toContain('interpreter:ar');
    expect((staff.snapshot as StaffSnapshot).user.username).toBe('city-staff');
    for (const s of [display, kiosk, staff]) s.socket.close();
  });

  it("a visitor's socket sees only their own ticket, and is told when it is called", async () => {
    const mine = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'parking', language: 'de' } });
    const visitor = await joinSocket(server.url, { role: 'visitor', statusToken: mine.body.ticket.statusToken });
    const snap = visitor.snapshot as VisitorSnapshot;
    expect(snap.status).toMatchObject({ number: mine.body.ticket.number, state: 'waiting', language: 'de' });
    const updates: string[] = [];
    visitor.socket.on('visitor:status', (e) => updates.push(`${e.status.number}:${e.status.state}`));
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } });
    await server.api('POST', '/api/v1/counters/1/finish', { token }).catch(() => undefined);
    await server.api('POST', '/api/v1/counters/1/no-show', { token });
    await server.api('POST', '/api/v1/counters/1/next', { token });
    await server.api('POST', '/api/v1/counters/1/no-show', { token });
    await server.api('POST', '/api/v1/counters/1/next', { token });
    await expect.poll(() => updates.at(-1), { timeout: 5000 }).toBe(`${mine.body.ticket.number}:called`);
    expect(updates.every((u) => u.startsWith(mine.body.ticket.number))).toBe(true);
    visitor.socket.close();
  });

  it('joining with a bad request or an expired token is refused with a clear error', async () => {
    await expect(joinSocket(server.url, { role: 'staff', token: 'nope' })).rejects.toThrow(/Sign in again/);
    await expect(joinSocket(server.url, { role: 'visitor', statusToken: 'nope' })).rejects.toThrow(/not valid/);
    await expect(joinSocket(server.url, { role: 'display', displayId: 'no-such-display' })).rejects.toThrow(/no display/);
    await expect(joinSocket(server.url, { role: 'root' } as never)).rejects.toThrow();
    expect((await server.api('GET', '/api/v1/health')).status).toBe(200);
  });
});
