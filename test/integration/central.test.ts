import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../server/src/domain/index.js';
import type { CentralCounterTime, CentralDailyRow, CentralHallLive, CentralLive, CentralSummary, CounterTime, DailyRow, HallCredential, LiveStats, ShipAck, StatsSummary } from '../../server/src/protocol/index.js';
import { CENTRAL_ROUTE_KEYS, CENTRAL_ROUTES, centralPath, type CentralApiIndex } from '../../server/src/protocol/client/centralRoutes.js';
import type { CentralInfo } from '../../server/src/protocol/index.js';
import { startCentral, type TestCentral } from '../support/central.js';
import { busyStretch, hallClient, waitShipped, type HallClient } from '../support/hallActivity.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { startServer, type TestServer } from '../support/server.js';

const today = () => localDate(Date.now(), 'Europe/Helsinki');

describe('central: two halls ship to one central server on a real PostgreSQL', () => {
  let pg: TestPostgres;
  let central: TestCentral;
  const halls: TestServer[] = [];
  const clients: HallClient[] = [];
  const creds: HallCredential[] = [];
  let admin: string;
  let range: string;

  beforeAll(async () => {
    pg = await startPostgres();
    central = await startCentral(await pg.database());
    admin = await central.login('admin');
    for (const [id, name] of [['north', 'North hall'], ['south', 'South hall']] as const) {
      const cred = await central.registerHall(id, name);
      creds.push(cred);
      const hall = await startServer({ env: { VUORO_CENTRAL_URL: central.url, VUORO_CENTRAL_TOKEN: cred.token } });
      halls.push(hall);
      clients.push(await hallClient(hall.url));
    }
    await busyStretch(clients[0]!, 12, 1);
    await busyStretch(clients[1]!, 9, 2);
    for (const c of clients) await waitShipped(c);
    range = `from=${addDays(today(), -1)}&to=${today()}`;
  }, 60_000);

  afterAll(async () => {
    for (const h of halls) await h.dispose();
    await central?.stop();
    await pg?.stop();
  });

  it('central figures per hall equal each hall\'s own figures, and the totals are their sums', async () => {
    const sum = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range}`, { token: admin });
    expect(sum.status).toBe(200);
    const own: StatsSummary[] = [];
    for (const [i, h] of halls.entries()) {
      const r = await h.api<StatsSummary>('GET', `/api/v1/stats/summary?${range}`, { token: clients[i]!.tokens.admin ?? '' });
      own.push(r.body);
      const row = sum.body.byHall.find((x) => x.hallId === creds[i]!.hall.id);
      const { hallId: _id, hallName: _name, ...figures } = row!;
      expect(figures).toEqual(r.body.totals);
    }
    expect(own[0]!.totals.visits).toBe(12);
    expect(own[1]!.totals.visits).toBe(9);
    expect(own[0]!.totals.done).toBeGreaterThan(4);
    expect(own[0]!.totals.noShows).toBeGreaterThan(0);
    expect(own[0]!.totals.transfers).toBe(1);
    // (Ratings are compared per hall above: they are null, not 0, where a hall has no service-day with 5 finished visits.)
    for (const k of ['visits', 'called', 'done', 'noShows', 'abandoned', 'cancelled', 'transfers', 'legs'] as const) {
      expect(sum.body.totals[k]).toBe(own[0]!.totals[k] + own[1]!.totals[k]);
    }
    // The same per service: hall-by-service rows equal each hall's byService rows.
    for (const [i, o] of own.entries()) {
      for (const s of o.byService) {
        const cell = sum.body.byHallService.find((x) => x.hallId === creds[i]!.hall.id && x.serviceId === s.serviceId);
        const { serviceId: _s, organisationId: _o, targetMinutes: _t, ...f } = s;
        const { hallId: _h, serviceId: _s2, organisationId: _o2, ...g } = cell!;
        expect(g).toEqual(f);
      }
    }
  });

  it('daily rows of one hall at central equal the hall\'s daily rows', async () => {
    const c = await central.api<CentralDailyRow[]>('GET', `/api/v1/stats/daily?${range}&hallId=north`, { token: admin });
    const h = await halls[0]!.api<DailyRow[]>('GET', `/api/v1/stats/daily?${range}`, { token: clients[0]!.tokens.admin ?? '' });
    expect(c.body).toEqual(h.body);
  });

  it('counter time of each hall at central equals the hall\'s own, counter by counter', async () => {
    for (const [i, h] of halls.entries()) {
      const own = (await h.api<CounterTime[]>('GET', `/api/v1/stats/counters?${range}`, { token: clients[i]!.tokens.admin ?? '' })).body;
      const at = await central.api<CentralCounterTime[]>('GET', `/api/v1/stats/counters?${range}&hallId=${creds[i]!.hall.id}`, { token: admin });
      expect(at.status).toBe(200);
      expect(own.length).toBeGreaterThan(1);
      expect(own.some((c) => c.servingMs > 0 && c.openMs > c.servingMs)).toBe(true);
      // Central keeps no staff names, only the hall's user ids.
      expect(at.body).toEqual(own.map((c) => ({ ...c, hallId: creds[i]!.hall.id, userName: null })));
    }
    const csv = await central.api<string>('GET', `/api/v1/stats/counters?${range}&format=csv`, { token: admin });
    expect(csv.body.split('\r\n')[0]).toMatch(/^hallId,counterId,userId,openMs,servingMs,pausedMs,idleMs/);
  });

  it('the live view at central shows each hall\'s today with the hall\'s own figures, and how recent they are', async () => {
    // Something to see now: an open counter, a pause, visitors waiting.
    const north = clients[0]!;
    for (const [counter, who] of [['1', 'city-staff'], ['4', 'county-staff']] as const) {
      expect((await halls[0]!.api('POST', `/api/v1/counters/${counter}/open`, { token: north.tokens[who] ?? '' })).status).toBeLessThan(300);
    }
    expect((await halls[0]!.api('POST', '/api/v1/counters/4/pause', { token: north.tokens['county-staff'] ?? '', body: { reason: 'break' } })).status).toBeLessThan(300);
    for (const serviceId of ['identity', 'vehicles', 'parking']) {
      expect((await halls[0]!.api('POST', '/api/v1/tickets', { body: { serviceId } })).status).toBe(201);
    }
    for (const c of clients) await waitShipped(c);
    const live = await central.api<CentralLive>('GET', '/api/v1/stats/live', { token: admin });
    expect(live.status).toBe(200);
    expect(live.body.byHall.map((h) => h.hallId)).toEqual(['north', 'south']);
    for (const [i, h] of halls.entries()) {
      const own = (await h.api<LiveStats>('GET', '/api/v1/stats/live', { token: clients[i]!.tokens.admin ?? '' })).body;
      const row = live.body.byHall[i]!;
      const pick = (x: LiveStats | CentralHallLive) => ({
        tickets: x.tickets, waitingNow: x.waitingNow, inServiceNow: x.inServiceNow, done: x.done, meanWaitMs: x.meanWaitMs,
        serviceLevel: x.serviceLevel, countersOpen: x.countersOpen, countersPaused: x.countersPaused,
      });
      expect(pick(row)).toEqual(pick(own));
      expect(row.date).toBe(own.date);
      // The longest wait is measured at each answer's own "now": both name the same visitor's issue time.
      if (own.longestWaitMs === null) expect(row.longestWaitMs).toBeNull();
      else expect(Math.abs(live.body.now - (row.longestWaitMs ?? 0) - (own.now - own.longestWaitMs))).toBeLessThanOrEqual(1);
      expect(row.contact).toBe('live');
      expect(row.lastContactAt).not.toBeNull();
      expect(row.lastEventAt).toBeLessThanOrEqual(live.body.now);
    }
    const north0 = live.body.byHall[0]!;
    expect(north0.waitingNow).toBe(3);
    expect(north0.countersOpen).toBe(2);
    expect(north0.countersPaused).toBe(1);
    expect(north0.longestWaitMs).not.toBeNull();
    expect(live.body.totals.waitingNow).toBe(live.body.byHall.reduce((n, h) => n + h.waitingNow, 0));
    expect(live.body.totals.tickets).toBe(live.body.byHall.reduce((n, h) => n + h.tickets, 0));

    const csv = await central.api<string>('GET', '/api/v1/stats/live?format=csv', { token: admin });
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('hallId,hallName,date,tickets,waitingNow,inServiceNow,done,longestWaitMs,meanWaitMs,serviceLevel,countersOpen,countersPaused,lastContactAt,lastEventAt,contact');
    expect(lines[1]).toMatch(/^north,North hall,\d{4}-\d\d-\d\d,\d+,3,/);
    const bad = await central.api('GET', '/api/v1/stats/live?hallId=NOT%20A%20HALL', { token: admin });
    expect(bad.status).toBe(422);
  });

  it('a replayed batch changes nothing, and a batch beyond what central holds is refused with central\'s mark', async () => {
    const token = creds[0]!.token;
    const events = (await halls[0]!.api<{ id: number; type: string; at: number; ticketId: number | null; counterId: string | null; userId: number | null; serviceId: string | null; data: Record<string, unknown> | null }[]>(
      'GET', '/api/v1/events?after=0&limit=50', { token: clients[0]!.tokens.admin ?? '' })).body;
    expect(events.length).toBeGreaterThan(10);
    const before = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range}`, { token: admin });
    for (let i = 0; i < 2; i++) {
      const r = await central.api<ShipAck>('POST', '/api/v1/central/events', { token, body: { hallId: 'north', after: 0, events } });
      expect(r.status).toBe(200);
      expect(r.body.accepted).toBe(0);
      expect(r.body.duplicates).toBe(events.length);
    }
    const after = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range}`, { token: admin });
    expect(after.body).toEqual(before.body);
    const last = (await halls[0]!.api<{ lastShippedEventId: number }>('GET', '/api/v1/central-shipping', { token: clients[0]!.tokens.admin ?? '' })).body.lastShippedEventId;
    const gap = await central.api<{ error: { code: string; details: { lastEventId: number } } }>('POST', '/api/v1/central/events', {
      token, body: { hallId: 'north', after: last + 100, events: [] },
    });
    expect(gap.status).toBe(409);
    expect(gap.body.error.details.lastEventId).toBe(last);
  });

  it('a hall credential cannot write another hall\'s events, read statistics, or survive rotation', async () => {
    const north = creds[0]!.token;
    const other = await central.api<{ error: { code: string } }>('POST', '/api/v1/central/events', { token: north, body: { hallId: 'south', after: 0, events: [] } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const forged = await central.api('POST', '/api/v1/central/events', { token: `vh1.south.${'x'.repeat(43)}`, body: { hallId: 'south', after: 0, events: [] } });
    expect(forged.status).toBe(401);
    const stats = await central.api('GET', `/api/v1/stats/summary?${range}`, { token: north });
    expect(stats.status).toBe(401);

    const rotated = await central.api<HallCredential>('POST', '/api/v1/central/halls/north/credential', { token: admin });
    expect(rotated.status).toBe(201);
    const old = await central.api('POST', '/api/v1/central/events', { token: north, body: { hallId: 'north', after: 0, events: [] } });
    expect(old.status).toBe(401);
    const fresh = await central.api<ShipAck>('POST', '/api/v1/central/events', { token: rotated.body.token, body: { hallId: 'north', after: 0, events: [] } });
    expect(fresh.status).toBe(200);
    creds[0] = rotated.body;
  });

  it('bad input gets a clear 4xx and changes nothing', async () => {
    const token = creds[1]!.token;
    const cases: unknown[] = [
      'not json',
      { hallId: 'south', after: -1, events: [] },
      { hallId: 'south', after: 0, events: [{ id: 2, type: 'x', at: 1, ticketId: null, counterId: null, userId: null, serviceId: null, data: null }, { id: 1, type: 'x', at: 1, ticketId: null, counterId: null, userId: null, serviceId: null, data: null }] },
      { hallId: 'south', after: 0, events: Array.from({ length: 2001 }, (_, i) => ({ id: i + 1, type: 'x', at: 1, ticketId: null, counterId: null, userId: null, serviceId: null, data: null })) },
    ];
    for (const body of cases) {
      const r = await central.api<{ error: { code: string; message: string } }>('POST', '/api/v1/central/events', { token, body });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body.error.message.length).toBeGreaterThan(0);
    }
    const q = await central.api('GET', '/api/v1/stats/summary?from=soon', { token: admin });
    expect(q.status).toBe(422);
    const dup = await central.api('POST', '/api/v1/central/halls', { token: admin, body: { id: 'north', name: 'Again' } });
    expect(dup.status).toBe(409);
  });

  it('a county supervisor at central sees the county\'s services in every hall and nothing else', async () => {
    const made = await central.api('POST', '/api/v1/central/users', {
      token: admin,
      body: { username: 'county-lead', displayName: 'County lead', password: 'county-lead-password', role: 'supervisor', organisationId: 'county' },
    });
    expect(made.status).toBe(201);
    const lead = await central.login('county-lead', 'county-lead-password');
    const all = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range}`, { token: admin });
    const mine = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range}`, { token: lead });
    expect(mine.status).toBe(200);
    expect(mine.body.byService.map((s) => s.organisationId)).toEqual(mine.body.byService.map(() => 'county'));
    expect(mine.body.byHall.map((h) => h.hallId)).toEqual(['north', 'south']);
    const countyVisits = all.body.byService.filter((s) => s.organisationId === 'county').reduce((n, s) => n + s.visits, 0);
    expect(mine.body.totals.visits).toBe(countyVisits);
    expect(countyVisits).toBeLessThan(all.body.totals.visits);
    const city = await central.api('GET', `/api/v1/stats/summary?${range}&organisationId=city`, { token: lead });
    expect(city.status).toBe(403);
    const service = await central.api('GET', `/api/v1/stats/summary?${range}&serviceId=identity`, { token: lead });
    expect(service.status).toBe(403);
    // Live: the county's services and the counters serving them, in every hall.
    const live = await central.api<CentralLive>('GET', '/api/v1/stats/live', { token: lead });
    expect(live.status).toBe(200);
    const own = (await halls[0]!.api<LiveStats>('GET', '/api/v1/stats/live?organisationId=county', { token: clients[0]!.tokens.admin ?? '' })).body;
    const north = live.body.byHall.find((h) => h.hallId === 'north')!;
    expect([north.waitingNow, north.tickets, north.countersOpen, north.countersPaused]).toEqual([own.waitingNow, own.tickets, own.countersOpen, own.countersPaused]);
    expect(north.waitingNow).toBe(1);
    expect(north.countersOpen).toBe(1);
    expect((await central.api('GET', '/api/v1/stats/live?organisationId=city', { token: lead })).status).toBe(403);
    expect((await central.api('GET', '/api/v1/stats/counters?serviceId=identity', { token: lead })).status).toBe(403);
    const counters = await central.api<CentralCounterTime[]>('GET', `/api/v1/stats/counters?${range}`, { token: lead });
    expect(counters.body.map((c) => c.counterId).every((id) => ['4', '5', '6'].includes(id))).toBe(true);
    const register = await central.api('POST', '/api/v1/central/halls', { token: lead, body: { id: 'east', name: 'East' } });
    expect(register.status).toBe(403);
  });

  // Last: it leaves this address refused for a minute.
  it('GET /api/v1 at central lists its own route table, and answers its routes by it', async () => {
    const index = await central.api<CentralApiIndex>('GET', '/api/v1');
    expect(index.status).toBe(200);
    expect(index.body.routes.map((r) => r.key)).toEqual(CENTRAL_ROUTE_KEYS);
    expect(index.body.routes.find((r) => r.key === 'shipEvents')).toMatchObject({ method: 'POST', path: '/api/v1/central/events', access: 'hall' });
    const info = await central.api<CentralInfo>('GET', centralPath('centralInfo', {}));
    expect(info.body).toEqual({ mode: 'central', halls: 2 });
    const hall = await central.api<HallCredential>(CENTRAL_ROUTES.rotateHallCredential.method, centralPath('rotateHallCredential', { id: 'nowhere' }), { token: admin });
    expect(hall.status).toBe(404);
  });

  it('guessing hall credentials is cut off with 429 after a few refusals', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await central.api('POST', '/api/v1/central/events', { token: `vh1.north.${String(i).padStart(43, 'x')}`, body: { hallId: 'north', after: 0, events: [] } });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 15)).toEqual(statuses.slice(0, 15).map(() => 401));
    expect(statuses.at(-1)).toBe(429);
    // The halls shipped from this address before: a stranger's guesses from it do not stop them shipping, and the
    // guesses go on being refused unheard.
    const shipped = await central.api('POST', '/api/v1/central/events', { token: creds[0]!.token, body: { hallId: 'north', after: 0, events: [] } });
    expect(shipped.status).toBe(200);
    const again = await central.api('POST', '/api/v1/central/events', { token: `vh1.north.${'y'.repeat(43)}`, body: { hallId: 'north', after: 0, events: [] } });
    expect(again.status).toBe(429);
  });
  it('public reads and sign-ins at central are bounded per address (429 with Retry-After); health never is', async () => {
    const until429 = async (send: () => Promise<{ status: number }>, max: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < max && !statuses.includes(429); i++) statuses.push((await send()).status);
      return statuses;
    };
    const reads = await until429(() => central.api('GET', centralPath('apiIndex', {})), 130);
    expect(reads.at(-1)).toBe(429);
    expect(reads.slice(0, -1).every((x) => x === 200)).toBe(true);
    const refused = await fetch(`${central.url}${centralPath('centralInfo', {})}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await central.api('GET', centralPath('health', {}))).status).toBe(200);
    // Sign-ins with no body: refused as bad input until the address's budget is spent, then 429 before any check.
    const signIns = await until429(() => central.api(CENTRAL_ROUTES.signIn.method, centralPath('signIn', {}), { body: {} }), 70);
    expect(signIns.at(-1)).toBe(429);
    expect(signIns.slice(0, -1).every((x) => x === 400 || x === 422)).toBe(true);
  });
});
