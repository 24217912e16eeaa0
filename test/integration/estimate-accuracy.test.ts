import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstimateAccuracy, IssueTicketResponse, TicketPromise } from '../../server/src/protocol/index.js';
import { scriptedDay } from '../support/scriptedDay.js';
import { startServer, type TestServer } from '../support/server.js';

// A scripted Monday in the demo hall (Europe/Helsinki, UTC+2): 08:00 local is 06:00 UTC. No history: every visit
// is charged its service's default (identity 8 min, vehicles 12 min) until visits are finished.
const DAY = '2026-03-02';
const T0 = Date.UTC(2026, 2, 2, 6, 0);
const MIN = 60_000;

describe('estimate accuracy: every promise is recorded and the error computed exactly for a scripted day', () => {
  let server: TestServer;
  const day = scriptedDay(() => server, T0);
  const { at, ok, issue, tickets } = day;
  const tokens: Record<string, string> = {};
  const call = (counter: string, who: string, name: string) =>
    ok('POST', `/api/v1/counters/${counter}/call`, tokens[who], { ticketId: tickets[name]?.id });
  const range = `from=${DAY}&to=${DAY}`;

  beforeAll(async () => {
    server = await startServer({ now: day.now });
    for (const u of ['admin', 'city-staff', 'county-staff', 'city-supervisor']) tokens[u] = await server.login(u);
    const city = tokens['city-staff'];
    const county = tokens['county-staff'];
    at(0); await ok('POST', '/api/v1/counters/1/open', city);
    await issue('A', 'identity'); // counter 1 free, nobody waiting: 0 min
    at(1); await issue('B', 'identity'); // A called now, counter 1 busy 8 min: 8 min
    at(2); await issue('C', 'identity'); // A now, B at +8, C at +16: 16 min
    at(3); await call('1', 'city-staff', 'A'); // waited 3, promised 0: +3
    await ok('POST', '/api/v1/counters/1/start', city);
    at(5); await ok('POST', '/api/v1/counters/4/open', county);
    await issue('K', 'vehicles'); // 0 min
    at(12); await ok('POST', '/api/v1/counters/1/finish', city, { outcome: 'resolved' }); // A took 9 min
    await call('1', 'city-staff', 'B'); // waited 11, promised 8: +3
    await ok('POST', '/api/v1/counters/1/start', city);
    at(14); await ok('GET', `/api/v1/tickets/status/${tickets.C?.statusToken}`); // B busy since 12, average 9: 7 min
    at(15); await call('4', 'county-staff', 'K'); // waited 10, promised 0: +10
    await ok('POST', '/api/v1/counters/4/start', county);
    at(27); await ok('POST', '/api/v1/counters/4/finish', county, { outcome: 'resolved' });
    at(30); await ok('POST', '/api/v1/counters/1/finish', city, { outcome: 'resolved' }); // B took 18 min
    await call('1', 'city-staff', 'C'); // waited 28, promised 16: +12
    await ok('POST', '/api/v1/counters/1/start', city);
    at(31); await issue('D', 'identity'); // C busy since 30, average (9 + 18) / 2 = 13.5: free at 43.5, 13 min
    at(35); await ok('POST', `/api/v1/tickets/status/${tickets.D?.statusToken}/cancel`); // left: no error
    at(40); await ok('POST', '/api/v1/counters/1/finish', city, { outcome: 'resolved' });
    at(65); await issue('E', 'lost-found'); // 09:05, counter 1 free: 0 min
    at(66); await call('1', 'city-staff', 'E'); // +1
    await ok('POST', '/api/v1/counters/1/start', city);
    at(70); await ok('POST', '/api/v1/counters/1/finish', city, { outcome: 'resolved' });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('the wait promised at issue is what the kiosk was told, and is kept with the ticket', async () => {
    const promised = Object.fromEntries(Object.entries(tickets).map(([k, v]) => [k, v.estimatedWaitMinutes]));
    expect(promised).toEqual({ A: 0, B: 8, C: 16, K: 0, D: 13, E: 0 });
    const events = await server.api<{ type: string; data: { estimateMinutes?: number } }[]>('GET', `/api/v1/tickets/${tickets.C?.id}/events`, { token: tokens.admin ?? '' });
    expect(events.body.find((e) => e.type === 'ticket_issued')?.data.estimateMinutes).toBe(16);
  });

  it('a later estimate shown on the status page is recorded too (sampled), after the promise at issue', async () => {
    const r = await server.api<TicketPromise[]>('GET', `/api/v1/tickets/${tickets.C?.id}/promises`, { token: tokens.admin ?? '' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { at: T0 + 2 * MIN, minutes: 16, source: 'issue' },
      { at: T0 + 14 * MIN, minutes: 7, source: 'status' },
    ]);
    // Asking again at once, with the same answer, records nothing more.
    await ok('GET', `/api/v1/tickets/status/${tickets.D?.statusToken}`);
    const staff = await server.api('GET', `/api/v1/tickets/${tickets.C?.id}/promises`, { token: tokens['city-staff'] ?? '' });
    expect(staff.status).toBe(403);
  });

  it('median and p90 |error|, mean error and the late and early shares are exact, overall and per service, hour and day', async () => {
    const r = await server.api<EstimateAccuracy>('GET', `/api/v1/stats/estimates?${range}`, { token: tokens.admin ?? '' });
    expect(r.status).toBe(200);
    const f = (promises: number, median: number, p90: number, mean: number, late: number) => ({
      promises,
      medianAbsErrorMs: Math.round(median * MIN),
      p90AbsErrorMs: Math.round(p90 * MIN),
      meanErrorMs: Math.round(mean * MIN),
      lateShare: late,
      earlyShare: 0,
      neverCalled: 0,
    });
    // errors +3 (A), +3 (B), +12 (C), +10 (K), +1 (E); D left before its call.
    // |errors| sorted 1, 3, 3, 10, 12: median 3; p90 at rank 3.6 → 10 + 0.6 × 2 = 11.2; mean 29 / 5 = 5.8.
    expect(r.body.totals).toEqual(f(5, 3, 11.2, 5.8, 2 / 5));
    expect(r.body.byService).toEqual([
      { serviceId: 'identity', ...f(3, 3, 10.2, 6, 1 / 3) }, // 3, 3, 12: p90 at rank 1.8 → 3 + 0.8 × 9
      { serviceId: 'lost-found', ...f(1, 1, 1, 1, 0) },
      { serviceId: 'vehicles', ...f(1, 10, 10, 10, 1) },
    ]);
    expect(r.body.byHour).toEqual([
      { hour: 8, ...f(4, 6.5, 11.4, 7, 1 / 2) }, // 3, 3, 10, 12: p90 at rank 2.7 → 10 + 0.7 × 2
      { hour: 9, ...f(1, 1, 1, 1, 0) },
    ]);
    expect(r.body.byDay).toEqual([{ date: DAY, ...f(5, 3, 11.2, 5.8, 2 / 5) }]);
  });

  it('a supervisor sees only their organisation, and the CSV carries the same figures', async () => {
    const city = await server.api<EstimateAccuracy>('GET', `/api/v1/stats/estimates?${range}`, { token: tokens['city-supervisor'] ?? '' });
    expect(city.body.byService.map((s) => s.serviceId)).toEqual(['identity', 'lost-found']);
    const res = await fetch(`${server.url}/api/v1/stats/estimates?${range}&format=csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('group,key,promises,medianAbsErrorMs,p90AbsErrorMs,meanErrorMs,lateShare,earlyShare,neverCalled');
    expect(lines[1]).toBe(`total,,5,${3 * MIN},${11.2 * MIN},${5.8 * MIN},0.4,0,0`);
    expect(lines).toContain(`hour,9,1,${MIN},${MIN},${MIN},0,0,0`);
    expect(lines).toContain(`day,${DAY},5,${3 * MIN},${11.2 * MIN},${5.8 * MIN},0.4,0,0`);
  });

  it('bad filters get a clear 422, and no sign-in a 401', async () => {
    const r = await server.api<{ error: { code: string } }>('GET', '/api/v1/stats/estimates?from=2026-03-05&to=2026-03-01', { token: tokens.admin ?? '' });
    expect(r.status).toBe(422);
    const anon = await server.api('GET', `/api/v1/stats/estimates?${range}`);
    expect(anon.status).toBe(401);
  });
});

/**
 * The demo hall on a clock the test sets (`clock.t`, from T0), with city staff signed in and `counters` open; the
 * server is disposed after the describe it is made in.
 */
function hallOnClock(counters: string[]) {
  const clock = { t: T0 };
  const hall = { server: undefined as TestServer | undefined, staff: '' };
  afterAll(async () => {
    await hall.server?.dispose();
  });
  const start = async () => {
    const server = await startServer({ now: () => clock.t });
    hall.server = server;
    hall.staff = await server.login('city-staff');
    for (const c of counters) expect((await server.api('POST', `/api/v1/counters/${c}/open`, { token: hall.staff })).status).toBe(200);
    const act = async (c: string, what: string, body?: unknown) =>
      expect((await server.api('POST', `/api/v1/counters/${c}/${what}`, { token: hall.staff, ...(body ? { body } : {}) })).status).toBe(200);
    const issue = (serviceId: string, needs?: string[]) =>
      server.api<IssueTicketResponse>('POST', '/api/v1/tickets', { body: { serviceId, ...(needs ? { needs } : {}) } });
    /** What the screens say a new ticket of the service waits now. */
    const newTicketWait = async (serviceId: string) =>
      (await server.api<{ id: string; estimatedWaitMinutes: number | null }[]>('GET', '/api/v1/services')).body.find((s) => s.id === serviceId)
        ?.estimatedWaitMinutes;
    /** How many estimate batches the server has computed. */
    const computations = () => server.app.services.views.estimateComputations();
    return { act, issue, newTicketWait, computations };
  };
  return { clock, start };
}

describe('a visitor with a need is promised the wait of a ticket with that need', () => {
  const hall = hallOnClock(['1', '2']);

  it('a hearing-loop ticket waits for the loop counter even when another counter is free', async () => {
    const { act, issue, newTicketWait } = await hall.start();
    // Counter 2 (hearing loop) starts a residence visit (10 min by default); counter 1 is free.
    const r = await issue('residence');
    await act('2', 'call', { ticketId: r.body.ticket.id });
    await act('2', 'start');
    // The screens' forecast of this moment: a new identity ticket (no needs) is called at once at counter 1.
    expect(await newTicketWait('identity')).toBe(0);
    const loop = await issue('identity', ['hearing-loop']);
    expect(loop.status).toBe(201);
    expect(loop.body.ticket.estimatedWaitMinutes).toBe(10);
    expect((await issue('identity')).body.ticket.estimatedWaitMinutes).toBe(0);
  });
});

describe('a ticket is promised the queue as it is at the moment of issue', () => {
  const hall = hallOnClock(['1']);

  it('not the forecast of an earlier moment of the same minute, whose visits in progress have lasted longer since', async () => {
    const { act, issue, newTicketWait } = await hall.start();
    const first = await issue('residence');
    await act('1', 'call', { ticketId: first.body.ticket.id });
    await act('1', 'start');
    // 11 minutes into a residence visit (10 min by default, none observed yet): it is expected to last a quarter of
    // the average more, 2.5 min. The screens' forecast of this moment: a new residence ticket is called in 3 min.
    hall.clock.t = T0 + 11 * MIN;
    expect(await newTicketWait('residence')).toBe(3);
    // 50 s later, nothing has happened: the visit has now lasted 11 min 50 s and still has 2.5 min to go. Answered
    // from the forecast of 50 s ago, the ticket would be promised its call 50 s early (2 min).
    hall.clock.t = T0 + 11 * MIN + 50_000;
    const issued = await issue('residence');
    expect(issued.status).toBe(201);
    expect(issued.body.ticket.estimatedWaitMinutes).toBe(3);
  });
});

describe('the promise made at issue is played for the ticket itself', () => {
  const hall = hallOnClock(['1']);

  it("even when the screens' forecast of the very same instant is at hand (it is played a third as often)", async () => {
    const { act, issue, newTicketWait, computations } = await hall.start();
    await act('1', 'call', { ticketId: (await issue('residence')).body.ticket.id });
    hall.clock.t = T0 + 2 * MIN;
    // Called 2 min ago, not started yet (no history: walk-up and no-shows unknown): a new ticket waits the visit.
    expect(await newTicketWait('residence')).toBe(10);
    const before = computations();
    const issued = await issue('residence');
    expect(issued.body.ticket.estimatedWaitMinutes).toBe(10);
    expect(computations() - before).toBe(1);
  });
});

describe("a counter's time between visits is measured and counted", () => {
  const hall = hallOnClock(['1']);

  it('a counter that calls the next waiting visitor 30 s after each finish frees 30 s after its visit', async () => {
    const { act, issue, newTicketWait } = await hall.start();
    for (let i = 0; i < 2; i++) expect((await issue('residence')).status).toBe(201);
    await act('1', 'next');
    await act('1', 'start');
    // A 10-minute visit; the next visitor, waiting all along, is called 30 s after it and comes at once.
    hall.clock.t = T0 + 10 * MIN;
    await act('1', 'finish');
    hall.clock.t = T0 + 10.5 * MIN;
    await act('1', 'next');
    await act('1', 'start');
    // The visit just started is expected to last the observed 10 min, and counter 1 to call again 30 s after it: a
    // new residence ticket waits 10.5 min, promised 11 (10 without the gap).
    expect(await newTicketWait('residence')).toBe(11);
  });
});
