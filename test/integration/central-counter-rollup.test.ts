import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCentralMigrations, openCentralDb } from '../../server/src/central/store/centralDb.js';
import { addDays, localDate, zonedInstant } from '../../server/src/domain/index.js';
import type { CentralCounterTime, HallCredential, HallProfile, ShipAck, ShippedEvent } from '../../server/src/protocol/index.js';
import { counterTimes, type PeriodRow } from '../../server/src/stats/figures.js';
import { startCentral, type TestCentral } from '../support/central.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const TZ = 'Europe/Helsinki';
const MIN = 60_000;
const HOUR = 60 * MIN;
const PROFILE: HallProfile = {
  name: { en: 'North hall' },
  timeZone: TZ,
  organisations: [{ id: 'city', name: { en: 'City' } }],
  services: [{ id: 'identity', name: { en: 'Identity' }, organisationId: 'city', targetMinutes: 15 }],
};

/**
 * Central's daily counter-time roll-up: the counter-time route reads whole days from it and sums the other periods
 * one by one; the answer must equal the hall's rule (counterTimes over every period, each clipped to the range) for
 * any range, and the roll-up kept by the projector must equal the one migration 005 builds from stored periods.
 */
describe('central counter time: the daily roll-up', () => {
  let server: TestPostgres;
  let dbUrl: string;
  let central: TestCentral;
  let admin: string;
  let cred: HallCredential;
  let client: pg.Client;
  const today = localDate(Date.now(), TZ);
  const day = (back: number, hours: number) => zonedInstant(addDays(today, -back), 0, TZ) + hours * HOUR;
  const events: ShippedEvent[] = [];
  const ev = (at: number, type: string, counterId: string, userId: number | null, data: Record<string, unknown> | null = null) =>
    events.push({ id: 0, type, at, ticketId: null, counterId, userId, serviceId: null, data });

  beforeAll(async () => {
    server = await startPostgres();
    dbUrl = await server.database();
    central = await startCentral(dbUrl);
    admin = await central.login('admin');
    cred = await central.registerHall('north', 'North hall');
    client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    // Four days ago: a whole working day with a pause; fractional event times (demo history has them).
    ev(day(4, 8) + 0.6, 'counter_opened', '1', 3);
    ev(day(4, 12) + 0.3, 'counter_paused', '1', 3, { reason: 'break' });
    ev(day(4, 12.5) + 0.9, 'counter_resumed', '1', 3);
    ev(day(4, 17) + 0.6, 'counter_closed', '1', 3);
    // An evening shift across midnight (not in the roll-up), and a take-over the next morning.
    ev(day(4, 22) + 0.6, 'counter_opened', '2', 4);
    ev(day(3, 1) + 0.6, 'counter_closed', '2', 4);
    ev(day(3, 8) + 0.4, 'counter_opened', '2', 4);
    ev(day(3, 10) + 0.6, 'counter_taken_over', '2', 5);
    ev(day(3, 11), 'counter_paused', '2', 5, { reason: '' });
    ev(day(3, 11.25), 'counter_paused', '2', 5, { reason: 'training' });
    ev(day(3, 15) + 0.3, 'counter_closed', '2', 5);
    // Two days ago: opened with no staff member; a pause still running at the close.
    ev(day(2, 9), 'counter_opened', '3', null);
    ev(day(2, 9.5) + 0.5, 'counter_paused', '3', null, { reason: 'break' });
    ev(day(2, 10) + 0.5, 'counter_closed', '3', null);
    // Opened yesterday evening and still open now; and today an hour-long shift that ended an hour ago.
    ev(day(1, 20), 'counter_opened', '4', 6);
    ev(Date.now() - 2 * HOUR, 'counter_opened', '5', 7);
    ev(Date.now() - HOUR + 0.7, 'counter_closed', '5', 7);
    events.sort((a, b) => a.at - b.at);
    events.forEach((e, i) => (e.id = i + 1));
    // Shipped two at a time, so periods start in one batch and end in a later one.
    for (let k = 0; k < events.length; k += 2) {
      const r = await central.api<ShipAck>('POST', '/api/v1/central/events', {
        token: cred.token,
        body: { hallId: 'north', after: k, ...(k === 0 ? { profile: PROFILE } : {}), events: events.slice(k, k + 2) },
      });
      expect(r.status).toBe(200);
      await central.app.projector.catchUp('north');
    }
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await central?.stop();
    await server?.stop();
  });

  const periods = async () =>
    (await client.query<PeriodRow & { rolled: boolean; local_date: string }>(
      "SELECT counter_id, user_id::int AS user_id, kind, reason, local_date, started_at, ended_at, rolled FROM counter_periods WHERE hall_id = 'north' ORDER BY id",
    )).rows;
  const rollup = async (c: pg.Client) =>
    (await c.query("SELECT local_date, counter_id, user_id::int AS user_id, kind, reason, ms FROM counter_time_daily WHERE hall_id = 'north' ORDER BY 1, 2, 3, 4, 5")).rows;

  it('periods ended inside their local day are rolled up, the others are not', async () => {
    const rows = await periods();
    expect(rows.length).toBe(11);
    const inDay = (p: (typeof rows)[number]) => p.ended_at !== null && p.ended_at > p.started_at && p.ended_at <= zonedInstant(addDays(p.local_date, 1), 0, TZ);
    expect(rows.map((p) => p.rolled)).toEqual(rows.map(inDay));
    // The evening shift across midnight and the counter still open are summed one by one.
    expect(rows.filter((p) => !p.rolled).map((p) => [p.counter_id, p.kind]).slice(0, 1)).toEqual([['2', 'open']]);
    expect(rows.filter((p) => !p.rolled).map((p) => p.counter_id)).toContain('4');
    const daily = await rollup(client);
    expect(daily.length).toBeGreaterThan(5);
    // Each period in whole milliseconds: counter 1's open day is 9 h exactly (08:00.6 → 17:00.6).
    expect(daily.find((r) => r.counter_id === '1' && r.kind === 'open')?.ms).toBe(9 * HOUR);
    expect(daily.find((r) => r.counter_id === '2' && r.kind === 'paused' && r.reason === '')?.ms).toBe(15 * MIN);
  });

  it('counter time for any range equals the hall\'s rule over every period', async () => {
    const all = await periods();
    const ranges: [number, number][] = [[4, 4], [4, 3], [3, 3], [5, 1], [3, 0], [1, 0], [0, 0], [6, 5], [4, 0]];
    for (const [a, b] of ranges) {
      const from = addDays(today, -a);
      const to = addDays(today, -b);
      const r = await central.api<CentralCounterTime[]>('GET', `/api/v1/stats/counters?from=${from}&to=${to}&hallId=north`, { token: admin });
      expect(r.status).toBe(200);
      const now = Date.now();
      const start = zonedInstant(from, 0, TZ);
      const end = Math.min(zonedInstant(addDays(to, 1), 0, TZ), now);
      // The hall's selection (store/statsRepository.ts periods) and its fold.
      const selected = all.filter((p) => p.local_date >= addDays(from, -1) && p.local_date <= to && p.started_at < end && (p.ended_at ?? end) > start);
      const expected = counterTimes(selected, new Map(), start, end, new Map()).map((c) => ({ hallId: 'north', ...c }));
      expect(expected.length > 0).toBe(a !== 6);
      // Counter 4 is still open: its time runs up to the request; compare it apart, within the request's duration.
      const running = (rows: typeof expected) => rows.filter((c) => c.counterId === '4');
      expect(r.body.filter((c) => c.counterId !== '4'), `${from}..${to}`).toEqual(expected.filter((c) => c.counterId !== '4'));
      expect(running(r.body).map((c) => c.openMs - running(expected)[0]!.openMs).every((d) => d <= 0 && d > -5_000)).toBe(true);
      expect(running(r.body).length).toBe(running(expected).length);
    }
  });

  it('migration 005 builds the same roll-up from stored periods as the projector keeps', async () => {
    const url = await server.database();
    const old = await openCentralDb(url, loadCentralMigrations().filter((m) => m.version <= 4));
    await old.query("INSERT INTO halls (id, name, credential_hash, credential_issued_at, created_at, time_zone) VALUES ('north', 'North', 'x', 0, 0, $1)", [TZ]);
    for (const p of await periods()) {
      await old.query(
        "INSERT INTO counter_periods (hall_id, counter_id, user_id, kind, reason, local_date, started_at, ended_at) VALUES ('north', $1, $2, $3, $4, $5, $6, $7)",
        [p.counter_id, p.user_id, p.kind, p.reason, p.local_date, p.started_at, p.ended_at],
      );
    }
    await old.end();
    const migrated = await openCentralDb(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect(await rollup(c)).toEqual(await rollup(client));
      const flags = await c.query<{ rolled: boolean }>("SELECT rolled FROM counter_periods WHERE hall_id = 'north' ORDER BY id");
      expect(flags.rows.map((r) => r.rolled)).toEqual((await periods()).map((p) => p.rolled));
    } finally {
      await c.end();
      await migrated.end();
    }
  });
});
