import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/src/services/index.js';
import type { Snapshot } from '../../server/src/protocol/index.js';
import { joinSocket, nextEvent, startServer, type ClientSocket, type TestServer } from '../support/server.js';

const ADMIN: Actor = { userId: 1, name: 'Admin', role: 'admin', organisationId: null };
const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the events of one kind a socket receives, in arrival order with the others. */
function record(socket: ClientSocket, log: string[], label: string): void {
  socket.on('ticket:called', (e) => log.push(`${label} ticket:called ${e.call.number}`));
  socket.on('queue:changed', () => log.push(`${label} queue:changed`));
  socket.on('visitor:status', (e) => log.push(`${label} visitor:status ${e.status.state} ${e.status.position ?? '-'}`));
}

describe('the queue picture is coalesced; calls are not (the real server)', () => {
  let server: TestServer;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.dispose();
  });

  it('a burst of 60 issues costs the screens one estimate computation and one queue:changed; a call in it is sent at once', async () => {
    const { socket: display } = await joinSocket(server.url, { role: 'display' });
    sockets.push(display);
    const log: string[] = [];
    record(display, log, 'display');
    const { services } = server.app;
    services.counters.open('1', ADMIN, {});
    await settle();
    log.length = 0;
    const before = services.views.estimateComputations();
    // One turn of the event loop: 60 committed issues and a call, as a rush at the kiosks would bring within a window.
    for (let i = 0; i < 60; i++) services.tickets.issue({ serviceId: i % 2 === 0 ? 'identity' : 'parking', needs: [] });
    services.counters.callNext('1', ADMIN);
    await settle();
    expect(log).toEqual(['display ticket:called A001', 'display queue:changed']);
    // In a rush only the first issue gets a play of its own; the others are answered from the newest forecast (and
    // refined by the next), and the screens' batch is one more for everything.
    expect(services.views.estimateComputations() - before).toBeLessThanOrEqual(3);
  });

  it('status pages hear only about their own ticket, or when their place or estimate moved', async () => {
    const { services } = server.app;
    const waiting = services.tickets.active().filter((t) => t.state === 'waiting' && t.serviceId === 'parking');
    const followed = waiting.slice(0, 5);
    const log: string[] = [];
    for (const t of followed) {
      const { socket, snapshot } = await joinSocket(server.url, { role: 'visitor', statusToken: t.statusToken });
      expect((snapshot as Snapshot & { role: 'visitor' }).status.number).toBe(t.number);
      sockets.push(socket);
      record(socket, log, t.number);
    }
    // Issues for another service, behind everyone: nobody's place or estimate moves.
    services.tickets.issue({ serviceId: 'residence', needs: [] });
    await settle();
    const first = log.length; // the first batch after joining may confirm each page once
    expect(first).toBeLessThanOrEqual(followed.length);
    for (let i = 0; i < 20; i++) services.tickets.issue({ serviceId: 'residence', needs: [] });
    await settle();
    expect(log.slice(first)).toEqual([]);
    // A visitor's own ticket is called: that page is told at once, without waiting for the batch.
    const mine = followed[0];
    if (!mine) throw new Error('no parking ticket waiting');
    const toldAtOnce = nextEvent(sockets[sockets.length - followed.length] as ClientSocket, 'visitor:status', 2000);
    services.counters.open('3', ADMIN, {});
    const call = services.counters.callTicket('3', ADMIN, mine.id);
    expect((await toldAtOnce).status.state).toBe('called');
    expect(call.number).toBe(mine.number);
  });
});
