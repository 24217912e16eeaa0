import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyRow, FeedbackStats, HeatmapCell, LiveStats, StatsSummary, VisitPage } from '../../server/src/protocol/index.js';
import { DailyRollup, VisitProjector, VisitRepository } from '../../server/src/stats/index.js';
import { scriptedDay } from '../support/scriptedDay.js';
import { startServer, type TestServer } from '../support/server.js';

// A scripted Tuesday in the demo hall (Europe/Helsinki, UTC+2): 09:00 local is 07:00 UTC.
const DAY = '2026-03-03';
const T0 = Date.UTC(2026, 2, 3, 7, 0);
const MIN = 60_000;

describe('statistics: a scripted day replayed through the API, every figure checked by hand', () => {
  let server: TestServer;
  const day = scriptedDay(() => server, T0);
  const { at, ok, issue, tickets } = day;
  const tokens: Record<string, string> = {};
  const get = <T>(p: string, who = 'admin') => server.api<T>('GET', p, { token: tokens[who] ?? '' });
  const range = `from=${DAY}&to=${DAY}`;

  beforeAll(async () => {
    server = await startServer({ now: day.now });
    for (const u of ['admin', 'city-staff', 'county-staff', 'city-supervisor', 'county-supervisor']) tokens[u] = await server.login(u);
    const city = tokens['city-staff'];
    const county = tokens['county-staff'];
    const id = (n: string) => ({ ticketId: tickets[n]?.id });
    at(0);
    await ok('POST', '/api/v1/counters/1/open', city);
    await ok('POST', '/api/v1/counters/4/open', county);
    await issue('A', 'identity');
    at(1); await issue('B', 'residence');
    at(2); await issue('K', 'vehicles');
    at(3); await issue('C', 'parking');
    at(4); await issue('D', 'lost-found');
    at(5); await ok('POST', '/api/v1/counters/1/call', city, id('A'));
    at(6); await ok('POST', '/api/v1/counters/1/recall', city);
    await ok('POST', `/api/v1/tickets/status/${tickets.D?.statusToken}/cancel`);
    at(7); await ok('POST', '/api/v1/counters/1/start', city);
    at(8); await ok('POST', '/api/v1/counters/4/call', county, id('K'));
    at(9); await ok('POST', '/api/v1/counters/4/start', county);
    at(12); await ok('POST', '/api/v1/counters/1/finish', city, { outcome: 'resolved' });
    await ok('POST', '/api/v1/counters/1/call', city, id('B'));
    at(13); await ok('POST', '/api/v1/counters/1/start', city);
    at(15); await ok('POST', '/api/v1/counters/4/transfer', county, { serviceId: 'licences' });
    at(16); await ok('POST', '/api/v1/counters/4/call', county, id('K'));
    at(17); await ok('POST', '/api/v1/counters/4/start', county);
    at(20); await ok('POST', '/api/v1/counters/1/finish', city, { outcome: 'referred' });
    at(21); await ok('POST', '/api/v1/counters/1/call', city, id('C'));
    at(23); await ok('POST', '/api/v1/counters/1/no-show', city);
    at(24); await ok('POST', '/api/v1/counters/1/pause', city, { reason: 'lunch' });
    at(25); await ok('POST', '/api/v1/counters/4/finish', county, { outcome: 'resolved' });
    at(34); await ok('POST', '/api/v1/counters/1/unpause', city);
    at(40);
    await ok('POST', '/api/v1/counters/1/close', city);
    await ok('POST', '/api/v1/counters/4/close', county);
    at(60);
  });
  afterAll(() => server.dispose());

  it('the whole hall: waits, walks, transactions, service level, no-shows, abandonment, resolution, transfers, recalls', async () => {
    const r = await get<StatsSummary>(`/api/v1/stats/summary?${range}`);
    expect(r.status).toBe(200);
    expect(r.body.totals).toMatchObject({
      visits: 5,
      called: 4,
      meanWaitMs: 10 * MIN, // (5 + 11 + 6 + 18) / 4; K keeps its first call after the transfer
      maxWaitMs: 18 * MIN,
      meanWalkMs: Math.round((4 / 3) * MIN), // A 2, B 1, K (last leg) 1
      meanTransactionMs: Math.round((20 / 3) * MIN), // A 5, B 7, K (last leg) 8
      serviceLevel: 0.6, // A, B, K within target of 4 called + 1 abandoned before a call
      done: 3,
      noShows: 1,
      noShowRate: 0.25,
      abandoned: 1,
      cancelled: 1,
      expired: 0,
      abandonmentRate: 0.2,
      firstContactResolution: 1 / 3, // only A: B was referred, K transferred
      transfers: 1,
      transferredVisits: 1,
      recalls: 1,
      legs: 6,
      meanLegWaitMs: Math.round((41 / 5) * MIN), // legs A 5, B 11, K 6 then 1, C 18
    });
    const services = Object.fromEntries(r.body.byService.map((s) => [s.serviceId, s]));
    expect(Object.keys(services).sort()).toEqual(['identity', 'licences', 'lost-found', 'parking', 'residence', 'vehicles']);
    // A visit counts under its last service; each leg under the service it queued for.
    expect(services.licences).toMatchObject({ visits: 1, meanWaitMs: 6 * MIN, transfers: 1, legs: 1, meanLegWaitMs: 1 * MIN, organisationId: 'county' });
    expect(services.vehicles).toMatchObject({ visits: 0, meanWaitMs: null, legs: 1, meanLegWaitMs: 6 * MIN });
    expect(services.parking).toMatchObject({ visits: 1, serviceLevel: 0, noShows: 1, noShowRate: 1 });
    const staff = Object.fromEntries(r.body.byStaff.map((s) => [s.userName ?? 'nobody', s.visits]));
    expect(staff).toEqual({ 'Aino (City)': 3, 'Chloé (County)': 1, nobody: 1 });
    expect(r.body.byCounter.map((c) => [c.counterId, c.visits])).toEqual([[null, 1], ['1', 3], ['4', 1]]);
  });

  it('counter time: open, serving, paused by reason and idle', async () => {
    const r = await get<StatsSummary>(`/api/v1/stats/summary?${range}`);
    const byCounter = Object.fromEntries(r.body.counters.map((c) => [c.counterId, c]));
    // Counter 1: open 0–40, lunch 24–34, serving A 5–12, B 12–20, C 21–23.
    expect(byCounter['1']).toMatchObject({ userName: 'Aino (City)', openMs: 40 * MIN, pausedMs: 10 * MIN, pausedByReason: { lunch: 10 * MIN }, servingMs: 17 * MIN, idleMs: 13 * MIN });
    // Counter 4: open 0–40, serving K 8–15 and 16–25.
    expect(byCounter['4']).toMatchObject({ openMs: 40 * MIN, pausedMs: 0, servingMs: 16 * MIN, idleMs: 24 * MIN });
  });

  it('daily rows, the weekday × hour heat map, the visit list with legs, and the live view agree', async () => {
    const daily = await get<DailyRow[]>(`/api/v1/stats/daily?from=2026-03-02&to=${DAY}`);
    expect(daily.body.map((d) => [d.date, d.visits])).toEqual([['2026-03-02', 0], [DAY, 5]]);
    const heat = await get<HeatmapCell[]>(`/api/v1/stats/heatmap?${range}`);
    expect(heat.body).toHaveLength(7 * 24);
    expect(heat.body.filter((c) => c.arrivals > 0)).toEqual([{ weekday: 1, hour: 9, arrivals: 5, meanArrivals: 5, meanWaitMs: 10 * MIN }]);
    const visits = await get<VisitPage>(`/api/v1/stats/visits?${range}&pageSize=2&page=2`);
    expect(visits.body.total).toBe(5);
    expect(visits.body.visits.map((v) => v.ticketId)).toEqual([tickets.K?.id, tickets.C?.id]);
    const k = visits.body.visits[0];
    expect(k).toMatchObject({ firstServiceId: 'vehicles', serviceId: 'licences', waitMs: 6 * MIN, withinTarget: true, transfers: 1, state: 'done' });
    expect(k?.legs.map((l) => [l.serviceId, l.waitMs, l.end])).toEqual([['vehicles', 6 * MIN, 'transferred'], ['licences', 1 * MIN, 'finished']]);
    const live = await get<LiveStats>('/api/v1/stats/live');
    expect(live.body).toMatchObject({ date: DAY, tickets: 5, waitingNow: 0, inServiceNow: 0, done: 3, meanWaitMs: 10 * MIN, serviceLevel: 0.6 });
  });

  it('a city supervisor sees the city only: county figures are refused and left out of the totals', async () => {
    const mine = await get<StatsSummary>(`/api/v1/stats/summary?${range}`, 'city-supervisor');
    expect(mine.status).toBe(200);
    expect(mine.body.totals).toMatchObject({ visits: 4, called: 3, meanWaitMs: Math.round((34 / 3) * MIN), serviceLevel: 0.5, transfers: 0 });
    expect(mine.body.byService.map((s) => s.serviceId).sort()).toEqual(['identity', 'lost-found', 'parking', 'residence']);
    expect(mine.body.counters.map((c) => c.counterId)).not.toContain('4');
    for (const q of ['organisationId=county', 'serviceId=vehicles', 'counterId=4']) {
      const r = await get(`/api/v1/stats/summary?${range}&${q}`, 'city-supervisor');
      expect([q, r.status]).toEqual([q, 403]);
    }
    expect((await get(`/api/v1/stats/visits?${range}&serviceId=licences`, 'city-supervisor')).status).toBe(403);
    const county = await get<LiveStats>('/api/v1/stats/live', 'county-supervisor');
    expect(county.body.tickets).toBe(1);
    expect((await get<StatsSummary>(`/api/v1/stats/summary?${range}&counterId=7`, 'city-supervisor')).status).toBe(200);
  });

  it('staff cannot read statistics or feedback; bad ranges are refused with 422', async () => {
    for (const p of ['summary', 'counters', 'daily', 'heatmap', 'visits', 'live', 'feedback']) {
      expect((await get(`/api/v1/stats/${p}`, 'city-staff')).status).toBe(403);
    }
    expect((await server.api('GET', '/api/v1/stats/summary')).status).toBe(401);
    for (const q of ['from=2026-03-05&to=2026-03-01', 'from=2024-01-01&to=2026-03-01', 'from=3%20March', 'bogus=1', 'pageSize=5000']) {
      const r = await get(`/api/v1/stats/${q.startsWith('pageSize') ? 'visits' : 'summary'}?${q}`);
      expect([q, r.status]).toEqual([q, 422]);
    }
  });

  it('feedback: once per finished visit, rating 1–5, anonymous comments in the statistics', async () => {
    at(70);
    const give = (name: string, body: unknown) => server.api('POST', `/api/v1/tickets/status/${tickets[name]?.statusToken}/feedback`, { body });
    const asked = (name: string) => server.api<{ canGive: boolean; given: { rating: number } | null }>('GET', `/api/v1/tickets/status/${tickets[name]?.statusToken}/feedback`);
    expect((await asked('A')).body).toEqual({ canGive: true, given: null });
    expect((await asked('C')).body.canGive).toBe(false);
    expect((await give('A', { rating: 5, comment: 'Quick, "really" fast' })).status).toBe(201);
    expect((await asked('A')).body).toEqual({ canGive: false, given: { rating: 5, at: T0 + 70 * MIN } });
    expect((await give('A', { rating: 4 })).status).toBe(409);
    expect((await give('B', { rating: 0 })).status).toBe(422);
    expect((await give('B', { rating: 6 })).status).toBe(422);
    expect((await give('B', { rating: 3 })).status).toBe(201);
    expect((await give('C', { rating: 2 })).status).toBe(409); // a no-show is not a finished visit
    const fb = await get<FeedbackStats>(`/api/v1/stats/feedback?${range}`, 'city-supervisor');
    // One finished visit per service that day: too few to show a rating or a comment (see feedback-anonymity.test.ts).
    expect(fb.body).toMatchObject({ ratings: null, meanRating: null, distribution: null, minFinishedVisits: 5, notByCounterOrStaff: false, byService: [], comments: [] });
    expect(JSON.stringify(fb.body)).not.toContain(tickets.A?.number ?? 'A001');
    const listed = await get<VisitPage>(`/api/v1/stats/visits?${range}`, 'city-supervisor');
    expect(listed.body.visits.some((v) => 'rating' in v)).toBe(false);
    expect((await get<FeedbackStats>(`/api/v1/stats/feedback?${range}`, 'county-supervisor')).body.ratings).toBeNull();
    const sum = await get<StatsSummary>(`/api/v1/stats/summary?${range}`);
    expect(sum.body.totals).toMatchObject({ ratings: null, meanRating: null });
  });

  it('CSV exports are RFC 4180 tables with a header row', async () => {
    const res = await fetch(`${server.url}/api/v1/stats/feedback?${range}&format=csv`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toBe('date,rating,comment,serviceId,waitFromMinutes,waitToMinutes\r\n');
    for (const p of ['summary', 'counters', 'daily', 'heatmap', 'visits', 'live']) {
      const r = await fetch(`${server.url}/api/v1/stats/${p}?format=csv${p === 'live' ? '' : `&${range}`}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
      const lines = (await r.text()).trimEnd().split('\r\n').map((l) => l.split(','));
      expect([p, r.status]).toEqual([p, 200]);
      expect(lines.length).toBeGreaterThan(1);
      expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    }
  });

  it('rebuilding the projection from the events gives exactly the incremental one', async () => {
    await get(`/api/v1/stats/summary?${range}`);
    const db = server.app.store.db;
    const dump = () =>
      ['visits ORDER BY ticket_id', 'visit_legs ORDER BY ticket_id, leg', 'counter_periods ORDER BY id', 'stats_daily', 'stats_hourly', 'stats_legs_daily'].map((t) =>
        db.prepare(`SELECT * FROM ${t}`).all(),
      );
    const incremental = dump();
    expect(incremental[0]).toHaveLength(5);
    const hall = server.app.services.hall.current();
    const projector = new VisitProjector(new VisitRepository(db), () => ({ timeZone: hall.timeZone, targetMinutes: (id) => hall.services.get(id)?.targetMinutes ?? 15 }));
    expect(projector.rebuild()).toBeGreaterThan(20);
    new DailyRollup(db).refresh();
    expect(dump()).toEqual(incremental);
  });
});
