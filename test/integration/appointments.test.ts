import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AffectedBooking,
  AppointmentStats,
  AppointmentStaffView,
  AppointmentView,
  CheckInResult,
  CreatedApiKey,
  ErrorBody,
  HallConfig,
  IssueTicketResponse,
  SlotsView,
  TicketView,
} from '../../server/src/protocol/index.js';
import { appointmentHall } from '../support/appointmentHall.js';
import { startServer, type TestServer } from '../support/server.js';

/** Appointments end to end on the real server: book → check in → called in the right order relative to walk-ins. */

const MIN = 60_000;
// Monday 16 March 2026, Helsinki (UTC+2). The demo hall is open around the clock.
const at = (hour: number, minute = 0, day = 16): number => Date.UTC(2026, 2, day, hour - 2, minute);

const hall = appointmentHall;

interface Booked {
  appointment: AppointmentView;
  managePath: string;
}

describe('appointments on the real server', () => {
  let server: TestServer;
  let clock = at(8, 0);
  let tick = 0;
  let staff: string;
  let supervisor: string;
  /** A different client address per call keeps the anonymous limits out of tests not about them. */
  let address = 1;
  const from = () => ({ 'x-forwarded-for': `10.0.${Math.floor(address / 250)}.${(address++ % 250) + 1}` });

  beforeAll(async () => {
    server = await startServer({ hall: hall(), now: () => clock, monotonic: () => tick });
    staff = await server.login('city-staff');
    supervisor = await server.login('city-supervisor');
  });
  afterAll(() => server.dispose());

  const book = (serviceId: string, when: number, extra: Record<string, unknown> = {}, token?: string) =>
    server.api<Booked & ErrorBody>('POST', '/api/v1/appointments', { body: { serviceId, at: when, ...extra }, headers: from(), ...(token ? { token } : {}) });
  const checkIn = (code: string, token?: string) =>
    server.api<CheckInResult & ErrorBody>('POST', '/api/v1/appointments/check-in', { body: { code, kioskId: 'entrance' }, headers: from(), ...(token ? { token } : {}) });
  const day = async (date = '2026-03-16') =>
    (await server.api<AppointmentStaffView[]>('GET', `/api/v1/appointments?date=${date}&serviceId=residence`, { token: staff })).body;

  it('books a slot without any personal data: a booking code, a page to manage it, and the slot has one place less', async () => {
    clock = at(8, 0);
    const before = (await server.api<SlotsView>('GET', '/api/v1/appointments/slots?serviceId=residence&date=2026-03-16', { headers: from() })).body;
    // 08:00 now, book at least 30 minutes ahead: the first slot offered is 08:30; one place per slot (2 desks, half for walk-ins).
    expect(before.slots[0]).toEqual({ at: at(8, 30), time: '08:30', left: 1 });
    const r = await book('residence', at(10, 0));
    expect(r.status).toBe(201);
    expect(r.body.appointment).toMatchObject({ serviceId: 'residence', at: at(10, 0), date: '2026-03-16', time: '10:00', state: 'booked', name: null, ticket: null });
    expect(r.body.appointment.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(r.body.managePath).toBe(`/book/manage/${r.body.appointment.code}`);
    const after = (await server.api<SlotsView>('GET', '/api/v1/appointments/slots?serviceId=residence&date=2026-03-16', { headers: from() })).body;
    expect(after.slots.find((s) => s.at === at(10, 0))).toBeUndefined();
    const again = await book('residence', at(10, 0));
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);
    // The holder reads it back by code, typed in any case with or without the dash.
    const code = r.body.appointment.code;
    const read = await server.api<AppointmentView>('GET', `/api/v1/appointments/${code.replace('-', '').toLowerCase()}`, { headers: from() });
    expect(read.body.code).toBe(code);
  });

  it('check in early → queued as an appointment; called before a walk-in who waited longer once due, with the reason', async () => {
    clock = at(8, 0);
    const booked = (await book('residence', at(9, 0), { name: 'M. Virtanen' })).body.appointment;
    clock = at(8, 30);
    const walkIn = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' }, headers: from() })).body.ticket;
    clock = at(8, 45);
    const arrived = await checkIn(booked.code);
    expect(arrived.status).toBe(200);
    if (arrived.body.kind !== 'checked-in') throw new Error(`expected checked-in, got ${arrived.body.kind}`);
    expect(arrived.body.ticket.number).toBe('R001');
    expect(arrived.body.ticket.late).toBe(false);
    // Checking in twice gives the same ticket.
    const twice = await checkIn(booked.code);
    expect(twice.body.kind === 'checked-in' && twice.body.ticket.number).toBe('R001');

    await server.api('POST', '/api/v1/counters/2/open', { token: staff, body: { services: ['residence'] } });
    // 08:50: the appointment is not due yet: the walk-in is called.
    clock = at(8, 50);
    const first = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token: staff });
    expect(first.body.number).toBe(walkIn.number);
    await server.api('POST', '/api/v1/counters/2/start', { token: staff });
    await server.api('POST', '/api/v1/counters/2/finish', { token: staff, body: {} });
    // A walk-in arrives at 08:52; at 09:01 the appointment is due and goes first.
    clock = at(8, 52);
    const later = (await server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId: 'residence' }, headers: from() })).body.ticket;
    clock = at(9, 1);
    const second = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token: staff });
    expect(second.body.number).toBe('R001');
    expect(second.body.callReason).toMatchObject({ rule: 'appointment', appointment: { time: '09:00', due: true, text: 'appointment at 09:00, due' } });
    await server.api('POST', '/api/v1/counters/2/start', { token: staff });
    await server.api('POST', '/api/v1/counters/2/finish', { token: staff, body: {} });
    const third = await server.api<TicketView>('POST', '/api/v1/counters/2/next', { token: staff });
    expect(third.body.number).toBe(later.number);
    await server.api('POST', '/api/v1/counters/2/start', { token: staff });
    await server.api('POST', '/api/v1/counters/2/finish', { token: staff, body: {} });

    const list = await day();
    expect(list.find((a) => a.code === booked.code)).toMatchObject({ status: 'arrived', name: 'M. Virtanen', ticket: { number: 'R001' } });
  });

  it('too early: told when to come back, nothing changes; late within the grace: still an appointment', async () => {
    clock = at(8, 0);
    const booked = (await book('residence', at(11, 0))).body.appointment;
    clock = at(10, 30);
    const early = await checkIn(booked.code);
    expect(early.body).toMatchObject({ kind: 'too-early', comeBackAt: at(10, 40) });
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${booked.code}`, { headers: from() })).body.state).toBe('booked');
    clock = at(11, 5);
    expect((await day()).find((a) => a.code === booked.code)?.status).toBe('late');
    const late = await checkIn(booked.code);
    expect(late.body.kind === 'checked-in' && late.body.ticket.late).toBe(true);
  });

  it('beyond the grace: the booking lapses and a walk-in ticket is offered (never for an appointment-only service)', async () => {
    clock = at(8, 0);
    const residence = (await book('residence', at(12, 0))).body.appointment;
    const immigration = (await book('immigration', at(12, 0))).body.appointment;
    clock = at(12, 11);
    const late = await checkIn(residence.code);
    expect(late.body).toMatchObject({ kind: 'too-late', walkInOffered: true, appointment: { state: 'no-show' } });
    const lateOnly = await checkIn(immigration.code);
    expect(lateOnly.body).toMatchObject({ kind: 'too-late', walkInOffered: false });
  });

  it('a booking never checked in becomes a no-show at the end of its grace, and its name is deleted', async () => {
    clock = at(8, 0);
    const booked = (await book('residence', at(13, 0), { name: 'A. Nyberg' })).body.appointment;
    clock = at(13, 10);
    expect((await day()).find((a) => a.code === booked.code)?.status).toBe('late');
    clock = at(13, 10) + 1;
    expect((await day()).find((a) => a.code === booked.code)).toMatchObject({ status: 'no-show', name: null });
    const events = server.app.store.db.prepare("SELECT count(*) AS n FROM events WHERE type = 'appointment_no_show'").get() as { n: number };
    expect(events.n).toBeGreaterThanOrEqual(2);
  });

  it("a checked-in visitor's name is deleted after the day of the appointment", async () => {
    const named = () => server.app.store.db.prepare("SELECT count(*) AS n FROM appointments WHERE name = 'M. Virtanen'").get() as { n: number };
    expect(named().n).toBe(1);
    clock = at(0, 5, 17);
    server.app.services.appointments.sweepNoShows();
    expect(named().n).toBe(0);
    clock = at(8, 0);
  });

  it('an appointment-only service gives no walk-in ticket', async () => {
    const r = await server.api<ErrorBody>('POST', '/api/v1/tickets', { body: { serviceId: 'immigration' }, headers: from() });
    expect([r.status, r.body.error.code]).toEqual([409, 'appointments_only']);
  });

  it('two visitors racing for the last place of a slot: exactly one gets it', async () => {
    clock = at(8, 0);
    const answers = await Promise.all(Array.from({ length: 8 }, () => book('residence', at(14, 0))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'conflict')).toBe(true);
    expect((await day()).filter((a) => a.at === at(14, 0) && a.state === 'booked')).toHaveLength(1);
  });

  it('bad input gets a clear 4xx and changes nothing', async () => {
    clock = at(8, 0);
    const before = (await day()).length;
    const cases: [string, string, unknown, number][] = [
      ['GET', '/api/v1/appointments/slots?serviceId=residence&date=16.3.2026', undefined, 422],
      ['GET', '/api/v1/appointments/slots?serviceId=parking&date=2026-03-16', undefined, 422],
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: at(7, 0) }, 422], // in the past
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: at(8, 15) }, 422], // too soon
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: at(9, 7) }, 422], // not a slot
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: at(9, 0, 31) }, 422], // beyond the horizon
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: '10:00' }, 422],
      ['POST', '/api/v1/appointments', { serviceId: 'nope', at: at(10, 0) }, 422],
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: at(10, 30), name: 'x'.repeat(81) }, 422],
      ['POST', '/api/v1/appointments', { serviceId: 'residence', at: at(10, 30), email: 'a@b.c' }, 422],
      ['POST', '/api/v1/appointments', '{"serviceId":', 400],
      ['GET', '/api/v1/appointments/AAAAA-AAAAA', undefined, 404],
      ['GET', '/api/v1/appointments/not-a-code', undefined, 404],
      ['POST', '/api/v1/appointments/check-in', { code: 'ZZZZZ-ZZZZZ' }, 404],
      ['POST', '/api/v1/appointments/check-in', { code: 'short' }, 422],
    ];
    for (const [method, path, body, status] of cases) {
      const r = await server.api<ErrorBody>(method, path, { headers: from(), ...(body !== undefined ? { body } : {}) });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(r.body.error.message.length).toBeGreaterThan(5);
    }
    expect((await day()).length).toBe(before);
  });

  it('look-ups by code are limited per client address, so codes cannot be guessed', async () => {
    const guesses = [];
    for (let i = 0; i < 25; i++) guesses.push((await server.api('GET', '/api/v1/appointments/ABCDE-FGHJK', { headers: { 'x-forwarded-for': '10.9.9.9' } })).status);
    expect(guesses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(guesses.slice(20).every((s) => s === 429)).toBe(true);
    tick += 60_000;
    expect((await server.api('GET', '/api/v1/appointments/ABCDE-FGHJK', { headers: { 'x-forwarded-for': '10.9.9.9' } })).status).toBe(404);
  });

  it('bookings too are limited per client address', async () => {
    clock = at(8, 0);
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await server.api('POST', '/api/v1/appointments', { body: { serviceId: 'immigration', at: at(15, 0, 17) }, headers: { 'x-forwarded-for': '10.8.8.8' } })).status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it('staff book on behalf, and move or cancel only with a reason; the holder moves and cancels by code', async () => {
    clock = at(8, 0);
    const onBehalf = await book('residence', at(15, 0), { name: 'Visitor at the desk' }, staff);
    expect(onBehalf.status).toBe(201);
    const code = onBehalf.body.appointment.code;
    const noReason = await server.api<ErrorBody>('POST', `/api/v1/appointments/${code}/move`, { token: staff, body: { at: at(15, 30) } });
    expect([noReason.status, noReason.body.error.code]).toEqual([422, 'validation_failed']);
    const moved = await server.api<AppointmentView>('POST', `/api/v1/appointments/${code}/move`, { token: staff, body: { at: at(15, 30), reason: 'asked by phone' } });
    expect(moved.body).toMatchObject({ at: at(15, 30), time: '15:30', state: 'booked' });
    const list = (await day()).find((a) => a.code === code);
    expect(list).toMatchObject({ reason: 'asked by phone', at: at(15, 30) });

    const mine = (await book('residence', at(16, 0))).body.appointment;
    const movedByHolder = await server.api<AppointmentView>('POST', `/api/v1/appointments/${mine.code}/move`, { body: { at: at(16, 15) }, headers: from() });
    expect(movedByHolder.body.time).toBe('16:15');
    const cancelled = await server.api<AppointmentView>('POST', `/api/v1/appointments/${mine.code}/cancel`, { body: {}, headers: from() });
    expect(cancelled.body.state).toBe('cancelled');
    const again = await server.api<ErrorBody>('POST', `/api/v1/appointments/${mine.code}/cancel`, { body: {}, headers: from() });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_transition']);
    // The freed place can be booked again.
    expect((await book('residence', at(16, 15))).status).toBe(201);
  });

  it('a county supervisor cannot see or change the city\'s appointments', async () => {
    const county = await server.login('county-staff');
    const list = (await server.api<AppointmentStaffView[]>('GET', '/api/v1/appointments?date=2026-03-16', { token: county })).body;
    expect(list.every((a) => a.serviceId === 'immigration')).toBe(true);
    const cityCode = (await day()).find((a) => a.state === 'booked')?.code ?? '';
    const r = await server.api<ErrorBody>('POST', `/api/v1/appointments/${cityCode}/cancel`, { token: county, body: { reason: 'test' } });
    expect(r.status).toBe(403);
  });

  it('the calendar file names the slot in UTC and the service', async () => {
    clock = at(8, 0);
    const code = (await book('residence', at(10, 30, 18))).body.appointment.code;
    const res = await fetch(`${server.url}/api/v1/appointments/${code}/calendar.ics`, { headers: from() });
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await res.text();
    expect(text).toContain('DTSTART:20260318T083000Z\r\n');
    expect(text).toContain('DTEND:20260318T084500Z\r\n');
    expect(text).toMatch(/SUMMARY:Residence registration/);
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });

  it('a new closure never drops a booking silently: the supervisor sees it among the affected ones', async () => {
    clock = at(8, 0);
    const code = (await book('residence', at(9, 0, 19))).body.appointment.code;
    const admin = await server.login('admin');
    const config = (await server.api<HallConfig>('GET', '/api/v1/admin/config', { token: admin })).body;
    const current = config.services.find((s) => s.id === 'residence');
    const put = await server.api('PUT', '/api/v1/admin/services/residence', { token: admin, body: { ...current, closures: [{ date: '2026-03-19' }] } });
    expect(put.status).toBe(200);
    const affected = (await server.api<AffectedBooking[]>('GET', '/api/v1/appointments/affected', { token: supervisor })).body;
    expect(affected.map((a) => a.code)).toContain(code);
    expect((await server.api<AppointmentView>('GET', `/api/v1/appointments/${code}`, { headers: from() })).body.state).toBe('booked');
    expect((await server.api('GET', '/api/v1/appointments/affected', { token: staff })).status).toBe(403);
  });

  it('an API key needs the appointments:write scope to book, and a kiosk credential may check visitors in', async () => {
    clock = at(8, 0);
    const admin = await server.login('admin');
    const make = async (scopes: string[]) =>
      (await server.api<CreatedApiKey>('POST', '/api/v1/admin/api-keys', { token: admin, body: { name: scopes.join('+'), scopes } })).body.secret;
    const reader = await make(['tickets:read']);
    const writer = await make(['appointments:write']);
    const kiosk = await make(['tickets:issue']);
    const refused = await server.api<ErrorBody>('POST', '/api/v1/appointments', { token: reader, body: { serviceId: 'residence', at: at(9, 30, 20) } });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    const byKey = await server.api<Booked>('POST', '/api/v1/appointments', { token: writer, body: { serviceId: 'residence', at: at(9, 30, 20) } });
    expect(byKey.status).toBe(201);
    expect((await server.api('POST', '/api/v1/appointments/check-in', { token: reader, body: { code: byKey.body.appointment.code } })).status).toBe(403);
    const early = await server.api<CheckInResult>('POST', '/api/v1/appointments/check-in', { token: kiosk, body: { code: byKey.body.appointment.code } });
    expect(early.body.kind).toBe('too-early');
    expect((await server.api('POST', `/api/v1/appointments/${byKey.body.appointment.code}/cancel`, { token: kiosk, body: {} })).status).toBe(403);
  });
  it('statistics: booked, arrived, no-show rate, punctuality and the wait after check-in and after the slot, per service', async () => {
    const stats = await server.api<AppointmentStats>('GET', '/api/v1/stats/appointments?from=2026-03-16&to=2026-03-16', { token: supervisor });
    expect(stats.status).toBe(200);
    const residence = stats.body.byService.find((x) => x.serviceId === 'residence');
    expect(residence).toBeDefined();
    expect(residence?.arrived).toBeGreaterThanOrEqual(2);
    expect(residence?.noShows).toBeGreaterThanOrEqual(2);
    expect(residence?.noShowRate).toBeGreaterThan(0);
    // R001 checked in at 08:45 for 09:00 and was called at 09:01: early by 15, called 16 after check-in, 1 after the slot.
    expect(residence?.meanWaitAfterSlotMinutes).toBe(1);
    expect(residence?.meanWaitAfterCheckInMinutes).toBe(16);
    expect(stats.body.byService.every((x) => ['residence', 'immigration'].includes(x.serviceId))).toBe(true);
    const county = await server.login('county-supervisor');
    const theirs = await server.api<AppointmentStats>('GET', '/api/v1/stats/appointments?from=2026-03-16&to=2026-03-16', { token: county });
    expect(theirs.body.byService.map((x) => x.serviceId)).toEqual(['immigration']);
    const csv = await fetch(`${server.url}/api/v1/stats/appointments?from=2026-03-16&to=2026-03-16&format=csv`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect((await csv.text()).split(/\r?\n/)[0]).toBe('serviceId,booked,cancelled,arrived,noShows,noShowRate,meanArrivalMinutes,onTimeShare,meanWaitAfterCheckInMinutes,meanWaitAfterSlotMinutes');
    expect((await server.api('GET', '/api/v1/stats/appointments', { token: staff })).status).toBe(403);
  });
  it('a counter set to appointments only calls no walk-in, and calls a checked-in appointment', async () => {
    clock = at(8, 0, 23);
    staff = await server.login('city-staff');
    server.app.services.tickets.expireStale(); // earlier days' tickets (a late appointment among them) close
    const admin = await server.login('admin');
    const config = (await server.api<HallConfig>('GET', '/api/v1/admin/config', { token: admin })).body;
    const three = config.counters.find((c) => c.id === '3');
    expect((await server.api('PUT', '/api/v1/admin/counters/3', { token: admin, body: { ...three, appointmentsOnly: true } })).status).toBe(200);
    const code = (await book('residence', at(9, 0, 23))).body.appointment.code;
    await server.api('POST', '/api/v1/tickets', { body: { serviceId: 'residence' }, headers: from() });
    expect((await server.api('POST', '/api/v1/counters/3/open', { token: staff, body: { services: ['residence'] } })).status).toBe(200);
    const none = await server.api<ErrorBody>('POST', '/api/v1/counters/3/next', { token: staff });
    expect([none.status, none.body.error.code]).toEqual([409, 'queue_empty']);
    clock = at(8, 50, 23);
    expect((await checkIn(code)).body.kind).toBe('checked-in');
    const called = await server.api<TicketView>('POST', '/api/v1/counters/3/next', { token: staff });
    expect(called.body.callReason?.rule).toBe('appointment');
  });
});
