import { afterEach, describe, expect, it } from 'vitest';
import type { StaffSnapshot, TicketView } from '../../server/src/protocol/index.js';
import { STAFF_SNAPSHOT_WAITING_PER_SERVICE } from '../../server/src/protocol/index.js';
import { joinSocket, startServer, type TestServer } from '../support/server.js';

describe('nobody on the network can flood the queue', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.dispose());

  it('an anonymous client gets its rate of tickets, then 429 with Retry-After and no ticket', async () => {
    server = await startServer({ env: { VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) {
      expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).status).toBe(201);
    }
    const res = await fetch(`${server.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'identity' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    const token = await server.login('city-staff');
    expect((await server.api<TicketView[]>('GET', '/api/v1/tickets', { token })).body).toHaveLength(3);
  });

  it('a kiosk with its credential (an API key with the tickets:issue scope) and staff are not held to the anonymous rate', async () => {
    server = await startServer({ env: { VUORO_ANONYMOUS_TICKETS_PER_MINUTE: '1' } });
    const admin = await server.login('admin');
    const created = await server.api<{ secret: string }>('POST', '/api/v1/admin/api-keys', {
      token: admin,
      body: { name: 'Kiosk entrance', scopes: ['tickets:issue'], ratePerMinute: 30 },
    });
    expect(created.status).toBe(201);
    const kiosk = { authorization: `Bearer ${created.body.secret}` };
    for (let i = 0; i < 5; i++) {
      expect((await server.api('POST', '/api/v1/tickets', { headers: kiosk, body: { serviceId: 'identity', kioskId: 'entrance' } })).status).toBe(201);
    }
    const staff = await server.login('city-staff');
    for (let i = 0; i < 3; i++) expect((await server.api('POST', '/api/v1/tickets', { token: staff, body: { serviceId: 'identity' } })).status).toBe(201);
    expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).status).toBe(201);
    expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } })).status).toBe(429);
  });

  it('GET /tickets is paged and a staff snapshot lists a bounded number of waiting tickets per service', async () => {
    server = await startServer();
    const extra = 15;
    // A flood's worth of waiting tickets, written straight into the database (issuing each would take minutes here).
    const today = server.app.services.hall.current().today(Date.now());
    const insert = server.app.store.db.prepare(
      `INSERT INTO tickets (number, service_id, original_service_id, local_date, state, language, needs, issued_at, queued_at, status_token)
       VALUES (?, ?, ?, ?, 'waiting', 'en', '[]', ?, ?, ?)`,
    );
    const at = Date.now() - 3600_000;
    for (let i = 1; i <= STAFF_SNAPSHOT_WAITING_PER_SERVICE + extra; i++) {
      insert.run(`A${String(i).padStart(3, '0')}`, 'identity', 'identity', today, at + i, at + i, `flood-${i}`);
    }
    insert.run('B001', 'residence', 'residence', today, at + 100_000, at + 100_000, 'flood-b');
    const token = await server.login('city-staff');

    const page = await fetch(`${server.url}/api/v1/tickets?limit=50&offset=10`, { headers: { authorization: `Bearer ${token}` } });
    expect(page.headers.get('x-total-count')).toBe(String(STAFF_SNAPSHOT_WAITING_PER_SERVICE + extra + 1));
    const rows = (await page.json()) as TicketView[];
    expect(rows).toHaveLength(50);
    expect(rows[0]?.number).toBe('A011');
    expect((await server.api('GET', '/api/v1/tickets?limit=100000', { token })).status).toBe(422);

    const { socket, snapshot } = await joinSocket(server.url, { role: 'staff', token });
    const snap = snapshot as StaffSnapshot;
    expect(snap.tickets.filter((t) => t.serviceId === 'identity')).toHaveLength(STAFF_SNAPSHOT_WAITING_PER_SERVICE);
    expect(snap.tickets.filter((t) => t.serviceId === 'residence')).toHaveLength(1);
    expect(snap.ticketsOmitted).toBe(extra);
    expect(snap.services.find((s) => s.id === 'identity')?.waiting).toBe(STAFF_SNAPSHOT_WAITING_PER_SERVICE + extra);
    socket.close();
  });
});
