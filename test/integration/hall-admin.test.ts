import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, HallConfig, IssueTicketResponse, ServiceStatus, UserView } from '../../server/src/protocol/index.js';
import { demoHall, joinSocket, nextEvent, startServer, type TestServer } from '../support/server.js';

describe('supervisor tools and hall administration', () => {
  let server: TestServer;
  let admin: string;
  let supervisor: string;
  let staff: string;

  beforeAll(async () => {
    server = await startServer();
    [admin, supervisor, staff] = await Promise.all([server.login('admin'), server.login('city-supervisor'), server.login('city-staff')]);
  });
  afterAll(() => server.dispose());

  it('a supervisor stops a service for today: the kiosk is told and new tickets are refused', async () => {
    const kiosk = await joinSocket(server.url, { role: 'kiosk' });
    const changed = nextEvent(kiosk.socket, 'queue:changed');
    const r = await server.api<ServiceStatus>('PUT', '/api/v1/services/parking/stopped', { token: supervisor, body: { stopped: true } });
    expect(r.body.availability.state).toBe('stopped');
    expect((await changed).services.find((s) => s.id === 'parking')?.open).toBe(false);
    const refused = await server.api<ErrorBody>('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('service_stopped');
    await server.api('PUT', '/api/v1/services/parking/stopped', { token: supervisor, body: { stopped: false } });
    expect((await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'parking' } })).status).toBe(201);
    const plain = await server.api('PUT', '/api/v1/services/parking/stopped', { token: staff, body: { stopped: true } });
    expect(plain.status).toBe(403);
    kiosk.socket.close();
  });

  it('an announcement reaches the displays and can be cleared', async () => {
    const display = await joinSocket(server.url, { role: 'display' });
    const said = nextEvent(display.socket, 'hall:announcement');
    await server.api('PUT', '/api/v1/announcement', { token: supervisor, body: { text: 'Counter 3 closes at 15:00 today.' } });
    expect((await said).text).toBe('Counter 3 closes at 15:00 today.');
    const cleared = nextEvent(display.socket, 'hall:announcement');
    await server.api('PUT', '/api/v1/announcement', { token: supervisor, body: { text: null } });
    expect((await cleared).text).toBeNull();
    display.socket.close();
  });

  it('an admin edits a service: validated, applied live, audited; a bad edit changes nothing', async () => {
    const display = await joinSocket(server.url, { role: 'display' });
    const config = (await server.api<HallConfig>('GET', '/api/v1/admin/config', { token: admin })).body;
    expect(config.demoAccounts).toEqual([]);
    const parking = config.services.find((s) => s.id === 'parking');
    const bad = await server.api<ErrorBody>('PUT', '/api/v1/admin/services/parking', { token: admin, body: { ...parking, prefix: 'lower' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('prefix');
    const dup = await server.api<ErrorBody>('PUT', '/api/v1/admin/services/parking', { token: admin, body: { ...parking, prefix: 'A' } });
    expect(dup.status).toBe(422);
    expect(dup.body.error.message).toMatch(/duplicate prefix/);
    const configChanged = nextEvent(display.socket, 'hall:config');
    const ok = await server.api('PUT', '/api/v1/admin/services/parking', {
      token: admin,
      body: { ...parking, name: { ...parking?.name, en: 'Parking and resident permits' } },
    });
    expect(ok.status).toBe(200);
    await configChanged;
    const services = (await server.api<ServiceStatus[]>('GET', '/api/v1/services')).body;
    expect(services.find((s) => s.id === 'parking')?.name.en).toBe('Parking and resident permits');
    const audit = server.app.store.db.prepare("SELECT data FROM events WHERE type = 'config_changed' ORDER BY id DESC LIMIT 1").get() as { data: string };
    expect(JSON.parse(audit.data)).toEqual({ what: 'services:update:parking' });
    display.socket.close();
  });

  it('a service with visitors waiting cannot be deleted; an unused one can', async () => {
    const t = await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'lost-found' } });
    expect(t.status).toBe(201);
    const stillServed = await server.api<ErrorBody>('DELETE', '/api/v1/admin/services/lost-found', { token: admin });
    expect(stillServed.status).toBe(422);
    expect(stillServed.body.error.message).toMatch(/unknown service/);
    const counters = (await server.api<HallConfig['counters']>('GET', '/api/v1/admin/counters', { token: admin })).body;
    for (const c of counters.filter((x) => x.profile.some((p) => p.serviceId === 'lost-found'))) {
      await server.api('PUT', `/api/v1/admin/counters/${c.id}`, { token: admin, body: { ...c, profile: c.profile.filter((p) => p.serviceId !== 'lost-found') } });
    }
    const refused = await server.api<ErrorBody>('DELETE', '/api/v1/admin/services/lost-found', { token: admin });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(t.body.ticket.number);
    await server.api('POST', `/api/v1/tickets/status/${t.body.ticket.statusToken}/cancel`);
    expect((await server.api('DELETE', '/api/v1/admin/services/lost-found', { token: admin })).status).toBe(204);
  });

  it('an admin creates a staff user who can sign in; a short password is refused', async () => {
    const short = await server.api<ErrorBody>('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'eero', displayName: 'Eero', password: 'short', role: 'staff', organisationId: 'city' },
    });
    expect(short.status).toBe(422);
    const created = await server.api<UserView>('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'eero', displayName: 'Eero', password: 'a-long-enough-password', role: 'staff', organisationId: 'city' },
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('password');
    const token = await server.login('eero', 'a-long-enough-password');
    await server.api('PATCH', `/api/v1/admin/users/${created.body.id}`, { token: admin, body: { disabled: true } });
    expect((await server.api('GET', '/api/v1/session', { token })).status).toBe(401);
    const hash = server.app.store.db.prepare("SELECT password_hash AS h FROM users WHERE username = 'eero'").get() as { h: string };
    expect(hash.h).toMatch(/^scrypt\$/);
  });

  it('a closed service shows when it opens next and takes no tickets', async () => {
    const hall = demoHall();
    const monFri = [{ open: '08:00', close: '17:00' }];
    hall.hall.hours = { mon: monFri, tue: monFri, wed: monFri, thu: monFri, fri: [{ open: '08:00', close: '13:00' }], sat: [], sun: [] };
    // Friday 2026-11-27 14:00 in Helsinki = 12:00 UTC: closed until Monday 08:00 (06:00 UTC).
    const closed = await startServer({ hall, now: () => Date.UTC(2026, 10, 27, 12, 0) });
    try {
      const s = (await closed.api<ServiceStatus[]>('GET', '/api/v1/services')).body[0];
      expect(s?.availability).toEqual({ state: 'closed', nextOpenAt: Date.UTC(2026, 10, 30, 6, 0) });
      const r = await closed.api<ErrorBody>('POST', '/api/v1/tickets', { body: { serviceId: 'identity' } });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'service_closed', details: { nextOpenAt: Date.UTC(2026, 10, 30, 6, 0) } });
    } finally {
      await closed.dispose();
    }
  });
});
