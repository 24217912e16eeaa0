import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralDb, loadCentralMigrations } from '../../server/src/central/store/centralDb.js';
import { addDays, localDate } from '../../server/src/domain/index.js';
import type { CentralSummary, HallCredential, HallProfile, ShipAck, ShippedEvent } from '../../server/src/protocol/index.js';
import { startCentral, type TestCentral } from '../support/central.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const TZ = 'Europe/Helsinki';
const MIN = 60_000;
const PROFILE: HallProfile = {
  name: { en: 'North hall' },
  timeZone: TZ,
  organisations: [{ id: 'city', name: { en: 'City' } }],
  services: [{ id: 'identity', name: { en: 'Identity' }, organisationId: 'city', targetMinutes: 15 }],
};

/** The UTC month of an instant as the partition name the test expects: events_YYYY_MM. */
const partitionOf = (at: number) => {
  const d = new Date(at);
  return `events_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
/** Noon UTC on the 10th of the month `back` months before this one. */
const inMonth = (back: number) => {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 10, 10);
};

/** Whole visits (issued, called, started, finished) of one service, from `firstId` and ticket `firstTicket`. */
function visits(at: number, n: number, firstId: number, firstTicket: number): ShippedEvent[] {
  const out: ShippedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const t = firstTicket + i;
    const issued = at + i * 10 * MIN;
    const e = (type: string, when: number, counterId: string | null, data: Record<string, unknown> | null): ShippedEvent => ({
      id: firstId + out.length, type, at: when, ticketId: t, counterId, userId: counterId ? 3 : null, serviceId: 'identity', data,
    });
    out.push(e('ticket_issued', issued, null, { number: `A${t}` }));
    out.push(e('ticket_called', issued + (5 + i) * MIN, '1', null));
    out.push(e('ticket_started', issued + (6 + i) * MIN, '1', null));
    out.push(e('ticket_finished', issued + (12 + i) * MIN, '1', { outcome: 'resolved' }));
  }
  return out;
}

describe('central raw events: one partition per month, old months dropped once folded', () => {
  let server: TestPostgres;
  let dbUrl: string;
  let central: TestCentral;
  let admin: string;
  let cred: HallCredential;
  let client: pg.Client;
  // Five months back, four, last month, and this month (an hour ago, possibly last month on the 1st at night).
  const events = [
    ...visits(inMonth(5), 3, 1, 1),
    ...visits(inMonth(4), 3, 13, 4),
    ...visits(inMonth(1), 3, 25, 7),
    ...visits(Date.now() - 3 * 3_600_000, 2, 37, 10),
  ];
  const today = () => localDate(Date.now(), TZ);
  const range = () => `from=${addDays(today(), -200)}&to=${today()}`;
  const ship = (after: number, batch: ShippedEvent[], profile = false) =>
    central.api<ShipAck>('POST', '/api/v1/central/events', { token: cred.token, body: { hallId: 'north', after, ...(profile ? { profile: PROFILE } : {}), events: batch } });
  const partitions = async () =>
    (await client.query<{ name: string }>("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass ORDER BY 1")).rows.map((r) => r.name);
  const held = async () =>
    (await client.query<{ part: string; n: string }>('SELECT tableoid::regclass::text AS part, count(*) AS n FROM events GROUP BY 1 ORDER BY 1')).rows.map((r) => [r.part, Number(r.n)]);

  beforeAll(async () => {
    server = await startPostgres();
    dbUrl = await server.database();
    central = await startCentral(dbUrl, 0, { VUORO_CENTRAL_EVENT_MONTHS: '2' });
    admin = await central.login('admin');
    cred = await central.registerHall('north', 'North hall');
    client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await central?.stop();
    await server?.stop();
  });

  it('each event is stored in the partition of its month, created when a batch first reaches that month', async () => {
    const r = await ship(0, events, true);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ lastEventId: 44, accepted: 44, duplicates: 0 });
    const months = [...new Set(events.map((e) => partitionOf(e.at)))].sort();
    expect(months.length).toBeGreaterThanOrEqual(4);
    for (const m of months) expect(await partitions()).toContain(m);
    const expected = months.map((m) => [m, events.filter((e) => partitionOf(e.at) === m).length]);
    expect(await held()).toEqual(expected);
  });

  it('old months stay while any event in them is not folded yet, then go whole; the figures stay the same', async () => {
    const before = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range()}`, { token: admin });
    expect(before.body.totals.visits).toBe(11);
    // As if the projector had not reached these events yet.
    const { rows } = await client.query<{ p: string }>("SELECT projected_event_id AS p FROM halls WHERE id = 'north'");
    expect(Number(rows[0]?.p)).toBe(44);
    await client.query("UPDATE halls SET projected_event_id = 5 WHERE id = 'north'");
    expect(await central.app.maintain()).toEqual([]);
    expect(await partitions()).toContain(partitionOf(inMonth(5)));
    await client.query("UPDATE halls SET projected_event_id = 44 WHERE id = 'north'");

    // Months that ended more than two whole months before this one: five and four months back.
    const dropped = await central.app.maintain();
    expect(dropped).toEqual([partitionOf(inMonth(5)), partitionOf(inMonth(4))]);
    const left = await partitions();
    expect(left).not.toContain(partitionOf(inMonth(5)));
    expect(left).toContain(partitionOf(inMonth(1)));
    expect(left).toContain(partitionOf(Date.now()));
    expect(left).toContain(partitionOf(inMonth(-1))); // next month, ready ahead
    expect((await held()).reduce((n, [, c]) => n + Number(c), 0)).toBe(20);
    const after = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range()}`, { token: admin });
    expect(after.body).toEqual(before.body);
  });

  it('a replayed old batch stores nothing and brings no dropped month back; new events still arrive', async () => {
    const replay = await ship(0, events.slice(0, 20));
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ lastEventId: 44, accepted: 0, duplicates: 20 });
    expect(await partitions()).not.toContain(partitionOf(inMonth(5)));
    const fresh = visits(Date.now() - 30 * MIN, 1, 45, 12);
    const r = await ship(44, fresh);
    expect(r.body).toMatchObject({ lastEventId: 48, accepted: 4 });
    const sum = await central.api<CentralSummary>('GET', `/api/v1/stats/summary?${range()}`, { token: admin });
    expect(sum.body.totals.visits).toBe(12);
  });

  it('a central database from before partitioning keeps every event through the migration', async () => {
    const url = await server.database();
    const old = await openCentralDb(url, loadCentralMigrations().filter((m) => m.version <= 3));
    await old.query("INSERT INTO halls (id, name, credential_hash, credential_issued_at, created_at, last_event_id) VALUES ('south', 'South', 'x', 0, 0, 3)");
    await old.query(
      `INSERT INTO events (hall_id, event_id, type, at, ticket_id) VALUES ('south', 1, 'ticket_issued', $1, 1), ('south', 2, 'ticket_issued', $2, 2),
        ('south', 3, 'ticket_called', $3, 1)`,
      [inMonth(3), inMonth(1), inMonth(1) + MIN],
    );
    await old.end();
    const migrated = await openCentralDb(url);
    try {
      const { rows } = await migrated.query<{ part: string; id: string }>('SELECT tableoid::regclass::text AS part, event_id AS id FROM events ORDER BY event_id');
      expect(rows.map((r) => [r.part, Number(r.id)])).toEqual([[partitionOf(inMonth(3)), 1], [partitionOf(inMonth(1)), 2], [partitionOf(inMonth(1)), 3]]);
      const again = await migrated.query(
        "INSERT INTO events (hall_id, event_id, type, at) VALUES ('south', 2, 'ticket_issued', $1) ON CONFLICT (hall_id, event_id, at) DO NOTHING",
        [inMonth(1)],
      );
      expect(again.rowCount).toBe(0);
    } finally {
      await migrated.end();
    }
  });
});
