import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckInResult, EntranceCode, ErrorBody, HallConfigInput, IssueTicketResponse, RemoteJoined, RemoteServiceView, TicketView, VisitorStatus } from '../../server/src/protocol/index.js';
import { appointmentHall, helsinki } from '../support/appointmentHall.js';
import { startServer, type TestServer } from '../support/server.js';

/** Joining from home on the real server: join → held → check in → called; a held ticket never blocks a counter. */

function hall(): HallConfigInput {
  const h = appointmentHall();
  h.services = h.services.map((s) => {
    if (s.id === 'residence') return { ...s, remote: { dailyCap: 20, maxEstimateMinutes: 120, graceMinutes: 10, hallNetworks: ['10.50.0.0/16'] } };
    if (s.id === 'parking') return { ...s, remote: { dailyCap: 1, maxEstimateMinutes: 120, graceMinutes: 10 } };
    if (s.id === 'lost-found') return { ...s, remote: { dailyCap: 5, maxEstimateMinutes: 5 } };
    return s;
  });
  return h;
}

describe('joining the queue from home', () => {
  let server: TestServer;
  let clock = helsinki(9, 0);
  let staff: string;
  let address = 1;
  const home = () => ({ 'x-forwarded-for': `203.0.113.${address++}` });

  beforeAll(async () => {
    server = await startServer({ hall: hall(), now: () => clock });
    staff = await server.login('city-staff');
    expect((await server.api('POST', '/api/v1/counters/2/open', { token: staff, body: { services: ['residence', 'parking', 'lost-found'] } })).status).toBe(200);
  });
  afterAll(() => server.dispose());

  const join = (serviceId: string, headers = home()) => server.api<RemoteJoined & ErrorBody>('POST', '/api/v1/remote', { body: { serviceId, language: 'fi' }, headers });
  const walkIn = async (serviceId: string) => (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId }, headers: home() })).body.ticket;
  const status = async (path: string) => (await server.api<VisitorStatus>('GET', `/api/v1/tickets/status/${path.replace('/t/', '')}`, { headers: home() })).body;
  const next = async () => {
    const r = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await server.api('POST', '/api/v1/counters/2/start', { token: staff });
    await server.api('POST', '/api/v1/counters/2/finish', { token: staff, body: {} });
    return r.body;
  };

  it('lists the services that can be joined from home, and whether now', async () => {
    const list = (await server.api<RemoteServiceView[]>('GET', '/api/v1/remote/services', { headers: home() })).body;
    expect(list.map((s) => [s.id, s.state])).toEqual([
      ['residence', 'open'],
      ['parking', 'open'],
      ['lost-found', 'open'],
    ]);
  });

  it('a remote ticket is held until check-in: the counter calls the walk-in behind it, the remote one is skipped, not lost', async () => {
    clock = helsinki(9, 0);
    const joined = await join('residence');
    expect(joined.status).toBe(201);
    expect(joined.body.arrivalCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect((await status(joined.body.ticket.statusPath)).remote).toMatchObject({ held: true, arrivalCode: joined.body.arrivalCode, skippedAt: null, canSayHere: true });
    clock = helsinki(9, 5);
    const w1 = await walkIn('residence');
    clock = helsinki(9, 6);
    // The held ticket came first but does not block the counter.
    expect((await next()).number).toBe(w1.number);
    const skipped = await status(joined.body.ticket.statusPath);
    expect(skipped.state).toBe('waiting');
    expect(skipped.remote).toMatchObject({ held: true, skippedAt: helsinki(9, 6), expiresAt: helsinki(9, 16) });
    const events = server.app.store.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'ticket_skipped' AND ticket_id = ?").get(joined.body.ticket.id) as { n: number };
    expect(events.n).toBe(1);

    // It checks in at the kiosk with its arrival code and is called in its place (before a later walk-in).
    const w2 = await walkIn('residence');
    clock = helsinki(9, 10);
    const checked = await server.api<CheckInResult>('POST', '/api/v1/appointments/check-in', { body: { code: joined.body.arrivalCode }, headers: home() });
    expect(checked.body).toMatchObject({ kind: 'remote-checked-in', ticket: { number: joined.body.ticket.number } });
    expect((await status(joined.body.ticket.statusPath)).remote?.held).toBe(false);
    expect((await next()).number).toBe(joined.body.ticket.number);
    expect((await next()).number).toBe(w2.number);
  });

  it('"I\'m here" on the status page counts only from the hall\'s network; elsewhere it names the kiosk code', async () => {
    clock = helsinki(10, 0);
    const joined = (await join('residence')).body;
    const token = joined.ticket.statusPath.replace('/t/', '');
    const away = await server.api<ErrorBody>('POST', `/api/v1/tickets/status/${token}/here`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(away.status).toBe(403);
    expect(away.body.error.message).toContain(joined.arrivalCode);
    expect((await status(joined.ticket.statusPath)).remote?.held).toBe(true);
    const here = await server.api<VisitorStatus>('POST', `/api/v1/tickets/status/${token}/here`, { headers: { 'x-forwarded-for': '10.50.3.4' } });
    expect(here.status).toBe(200);
    expect(here.body.remote?.held).toBe(false);
    const event = server.app.store.db.prepare("SELECT data FROM events WHERE type = 'ticket_checked_in' AND ticket_id = ?").get(joined.ticket.id) as { data: string };
    expect(JSON.parse(event.data)).toEqual({ how: 'status-page' });
    expect((await next()).number).toBe(joined.ticket.number);
  });

  it('a held ticket whose turn passed expires after the grace, recorded as not checked in', async () => {
    clock = helsinki(11, 0);
    const joined = (await join('residence')).body;
    const w = await walkIn('residence');
    clock = helsinki(11, 2);
    expect((await next()).number).toBe(w.number);
    clock = helsinki(11, 12);
    expect(server.app.services.remote.expireHeld()).toBe(0);
    clock = helsinki(11, 12) + 1;
    expect(server.app.services.remote.expireHeld()).toBe(1);
    expect((await status(joined.ticket.statusPath)).state).toBe('cancelled');
    const ev = server.app.store.db.prepare("SELECT data FROM events WHERE type = 'ticket_expired' AND ticket_id = ?").get(joined.ticket.id) as { data: string };
    expect(JSON.parse(ev.data)).toEqual({ from: 'waiting', notCheckedIn: true });
    const late = await server.api<ErrorBody>('POST', '/api/v1/appointments/check-in', { body: { code: joined.arrivalCode }, headers: home() });
    expect([late.status, late.body.error.code]).toEqual([409, 'invalid_transition']);
  });

  it('the daily cap, the wait limit and bad input close remote joining with clear answers and change nothing', async () => {
    clock = helsinki(12, 0);
    expect((await join('parking')).status).toBe(201);
    const capped = await join('parking');
    expect([capped.status, capped.body.error.code]).toEqual([409, 'daily_cap_reached']);
    // lost-found: at most 5 minutes' wait; three walk-ins make it longer.
    for (let i = 0; i < 3; i++) await walkIn('lost-found');
    const tooLong = await join('lost-found');
    expect([tooLong.status, tooLong.body.error.code]).toEqual([409, 'service_closed']);
    const before = (server.app.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    for (const [body, code] of [
      [{ serviceId: 'identity' }, 'validation_failed'],
      [{ serviceId: 'nope' }, 'unknown_service'],
      [{ serviceId: 'residence', language: 'xx' }, 'validation_failed'],
      [{ serviceId: 'immigration' }, 'validation_failed'],
    ] as const) {
      const r = await server.api<ErrorBody>('POST', '/api/v1/remote', { body, headers: home() });
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    expect((server.app.store.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(before);
  });

  it('one address may take only a few places a minute', async () => {
    clock = helsinki(13, 0);
    const same = { 'x-forwarded-for': '198.51.100.99' };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await join('residence', same)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('scanning the entrance QR checks in from any network, with today\'s code only; yesterday\'s photo no longer works', async () => {
    clock = helsinki(14, 0);
    const anon = await server.api<ErrorBody>('GET', '/api/v1/remote/entrance');
    expect(anon.status).toBe(401);
    const today = (await server.api<EntranceCode>('GET', '/api/v1/remote/entrance', { token: staff })).body;
    expect(today.code).toMatch(/^[2-9A-Z]{8}$/);
    expect(today.path).toBe(`/arrive?code=${today.code}`);
    expect((await server.api<EntranceCode>('GET', '/api/v1/remote/entrance', { token: staff })).body.code).toBe(today.code);
    const joined = (await join('residence')).body;
    const token = joined.ticket.statusPath.replace('/t/', '');
    const fromPhone = { 'x-forwarded-for': '198.51.100.20' }; // mobile data: not the hall's network
    for (const [entrance, status] of [['AAAAAAAA', 403], ['nope', 422], [today.code.toLowerCase().slice(0, 7), 422]] as const) {
      const r = await server.api<ErrorBody>('POST', `/api/v1/tickets/status/${token}/here`, { body: { entrance }, headers: fromPhone });
      expect(r.status, entrance).toBe(status);
    }
    expect((await status(joined.ticket.statusPath)).remote?.held).toBe(true);

    // The next day the code has changed: yesterday's (photographed) code checks nobody in.
    clock = helsinki(9, 0, 17);
    const nextDayStaff = await server.login('city-staff');
    const tomorrow = (await server.api<EntranceCode>('GET', '/api/v1/remote/entrance', { token: nextDayStaff })).body;
    expect(tomorrow.code).not.toBe(today.code);
    expect(tomorrow.validOn).toBe('2026-03-17');
    const later = (await join('residence')).body;
    const laterToken = later.ticket.statusPath.replace('/t/', '');
    const stale = await server.api<ErrorBody>('POST', `/api/v1/tickets/status/${laterToken}/here`, { body: { entrance: today.code }, headers: fromPhone });
    expect([stale.status, stale.body.error.code]).toEqual([403, 'forbidden']);
    const ok = await server.api<VisitorStatus>('POST', `/api/v1/tickets/status/${laterToken}/here`, { body: { entrance: tomorrow.code.toLowerCase() }, headers: fromPhone });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.remote?.held).toBe(false);
    const event = server.app.store.db.prepare("SELECT data FROM events WHERE type = 'ticket_checked_in' AND ticket_id = ?").get(later.ticket.id) as { data: string };
    expect(JSON.parse(event.data)).toEqual({ how: 'status-page' });
  });
});
