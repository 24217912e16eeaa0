import { afterEach, describe, expect, it } from 'vitest';
import type { IssueTicketResponse, TicketView } from '../../server/src/protocol/index.js';
import { demoHall, startServer, type TestServer } from '../support/server.js';

/** Sets today's last sequence of a service, as if that many tickets had been given out already. */
function pretendIssued(server: TestServer, serviceId: string, lastSeq: number): void {
  const s = server.app.services;
  const today = s.hall.current().today(Date.now());
  server.app.store.db
    .prepare('INSERT INTO numbering (service_id, local_date, last_seq, issued) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET last_seq = excluded.last_seq')
    .run(serviceId, today, lastSeq, lastSeq);
}

async function issue(server: TestServer, serviceId = 'identity'): Promise<IssueTicketResponse['ticket']> {
  const r = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId } });
  expect(r.status).toBe(201);
  return r.body.ticket;
}

describe('ticket numbers within a day', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('after A999 comes A1000 (four digits), not A001 again', async () => {
    server = await startServer();
    expect((await issue(server)).number).toBe('A001');
    pretendIssued(server, 'identity', 999);
    const next = await issue(server);
    expect(next.number).toBe('A1000');
    const staff = await server.api<TicketView[]>('GET', '/api/v1/tickets', { token: await server.login('city-staff') });
    const numbers = staff.body.map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('when the sequence wraps, a number still waiting is skipped', async () => {
    const hall = demoHall();
    hall.policy = { ...hall.policy, numbering: { digits: 3, maxDigits: 3 } };
    server = await startServer({ hall });
    expect((await issue(server)).number).toBe('A001');
    expect((await issue(server)).number).toBe('A002');
    pretendIssued(server, 'identity', 999);
    expect((await issue(server)).number).toBe('A003');
  });

  it('a number is given again once its ticket is no longer active', async () => {
    const hall = demoHall();
    hall.policy = { ...hall.policy, numbering: { digits: 2, maxDigits: 2 } };
    server = await startServer({ hall });
    const first = await issue(server);
    expect(first.number).toBe('A01');
    expect((await server.api('POST', `/api/v1/tickets/status/${first.statusToken}/cancel`)).status).toBeLessThan(300);
    pretendIssued(server, 'identity', 99);
    expect((await issue(server)).number).toBe('A01');
  });
});
