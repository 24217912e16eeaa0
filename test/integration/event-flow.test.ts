import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, IssueTicketResponse, TicketView } from '../../server/src/protocol/index.js';
import { joinSocket, nextEvent, startServer, type TestServer } from '../support/server.js';

async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('one flow of typed events after each commit (the real server)', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await server.login('admin');
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('consumers get the typed events of each action after its commit, in order, with the ids of the log', async () => {
    const seen: DomainEvent[] = [];
    const stop = server.app.services.events.subscribe({ name: 'test', handle: (events) => seen.push(...events) });
    try {
      expect((await server.api('POST', '/api/v1/counters/1/open', { token })).status).toBe(200);
      const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'identity', language: 'fi' } });
      expect(issued.status).toBe(201);
      const called = await server.api<TicketView>('POST', '/api/v1/counters/1/next', { token });
      expect(called.status).toBe(200);
      const id = issued.body.ticket.id;
      expect(seen.map((e) => e.type)).toEqual(['counter_opened', 'ticket_issued', 'ticket_called']);
      const [opened, issue, call] = seen;
      expect(opened).toMatchObject({ type: 'counter_opened', counterId: '1', ticketId: null });
      expect(issue).toMatchObject({ type: 'ticket_issued', ticketId: id, serviceId: 'identity', data: { number: 'A001', language: 'fi', needs: [] } });
      expect(call).toMatchObject({ type: 'ticket_called', ticketId: id, counterId: '1', data: { reason: { rule: expect.any(String) as string } } });
      const log = server.app.services.events.since((opened?.id ?? 1) - 1, 10);
      expect(log).toEqual(seen);
    } finally {
      stop();
    }
  });

  it('a consumer that throws does not break a ticket issue, nor the displays', async () => {
    const stop = server.app.services.events.subscribe({
      name: 'broken integration',
      handle: () => {
        throw new Error('the integration is down');
      },
    });
    const { socket } = await joinSocket(server.url, { role: 'display' });
    try {
      const changed = nextEvent(socket, 'queue:changed');
      const issued = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' } });
      expect(issued.status).toBe(201);
      expect(issued.body.ticket.number).toBe('B001');
      const e = await changed;
      expect(e.services.find((s) => s.id === 'residence')?.waiting).toBe(1);
    } finally {
      stop();
      socket.close();
    }
  });
});

describe('after a restart, consumers catch up from the event log by id', () => {
  it('the statistics projector projects the events it had not seen, without a statistics request', async () => {
    let server = await startServer();
    try {
      const token = await server.login('admin');
      await server.api('POST', '/api/v1/counters/1/open', { token });
      for (let i = 0; i < 3; i++) await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      await server.api('POST', '/api/v1/counters/1/next', { token });
      const db = () => server.app.store.db;
      const mark = () => (db().prepare('SELECT last_event_id AS id FROM stats_progress WHERE id = 1').get() as { id: number }).id;
      const visits = () => (db().prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;
      await eventually(() => visits() === 3, 'the live projection has the three visits');
      const lastEvent = server.app.store.events.lastId();
      expect(mark()).toBe(lastEvent);
      // As if the process had stopped before projecting anything of today.
      db().prepare('UPDATE stats_progress SET last_event_id = 0').run();
      db().prepare('DELETE FROM visits').run();
      db().prepare('DELETE FROM visit_legs').run();
      server = await server.restart();
      await eventually(() => visits() === 3, 'the projector caught up after the restart');
      expect(mark()).toBeGreaterThanOrEqual(lastEvent);
      const called = db().prepare("SELECT count(*) AS n FROM visits WHERE first_called_at IS NOT NULL").get() as { n: number };
      expect(called.n).toBe(1);
    } finally {
      await server.dispose();
    }
  });
});
