import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { addDays, localDate, zonedInstant } from '../../server/src/domain/index.js';
import type { CentralCounterTime, CentralSummary, HallCredential, HallProfile, ShipAck, ShippedEvent } from '../../server/src/protocol/index.js';
import { api, startCentral, type TestCentral } from '../support/central.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { launchServer, type ServerProcess } from '../support/processes.js';
import { ADMIN_PASSWORD } from '../support/server.js';
import { hallDay } from '../support/shippedEvents.js';

const TZ = 'Europe/Helsinki';
const HALLS = ['north', 'south', 'east', 'west'];
const BATCH = 150;
const PROFILE: HallProfile = {
  name: { en: 'Hall' },
  timeZone: TZ,
  organisations: [{ id: 'city', name: { en: 'City' } }, { id: 'county', name: { en: 'County' } }],
  services: [
    { id: 'identity', name: { en: 'Identity' }, organisationId: 'city', targetMinutes: 15 },
    { id: 'vehicles', name: { en: 'Vehicles' }, organisationId: 'county', targetMinutes: 20 },
  ],
  counters: [{ id: '1', serviceIds: ['identity', 'vehicles'] }, { id: '2', serviceIds: ['identity'] }],
};

/**
 * Two central processes on one PostgreSQL database, as behind a load balancer: they start together (one migrates,
 * one creates the admin), halls ship to either, every batch reaches both at once, and both fold and roll up in the
 * background. Central then holds each event once, and both answer the figures a single central computes from the
 * same events.
 */
describe('two central processes on one database', () => {
  let server: TestPostgres;
  let dbUrl: string;
  const procs: ServerProcess[] = [];
  let admin: string;
  const creds = new Map<string, HallCredential>();
  const logs = new Map<string, ShippedEvent[]>();
  const today = localDate(Date.now(), TZ);
  const range = `from=${addDays(today, -5)}&to=${today}`;

  beforeAll(async () => {
    server = await startPostgres();
    dbUrl = await server.database();
    const env = { VUORO_MODE: 'central', VUORO_DATABASE_URL: dbUrl, VUORO_TIME_ZONE: TZ };
    procs.push(...(await Promise.all([launchServer(env), launchServer(env)])));
    const login = await api<{ token: string }>(procs[0]!.url, 'POST', '/api/v1/session', { body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(login.status).toBe(201);
    admin = login.body.token;
    for (const [i, id] of HALLS.entries()) {
      const r = await api<HallCredential>(procs[i % 2]!.url, 'POST', '/api/v1/central/halls', { token: admin, body: { id, name: `${id} hall` } });
      expect(r.status).toBe(201);
      creds.set(id, r.body);
      // Three days of a scripted hall, 60 visitors a day.
      const events: ShippedEvent[] = [];
      for (let d = 3; d >= 1; d--) events.push(...hallDay(zonedInstant(addDays(today, -d), 8 * 60, TZ), 60 + i * 5, events.length + 1, events.length + 1));
      logs.set(id, events);
    }
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) await p.kill('SIGTERM');
    await server?.stop();
  });

  it('batches sent to both processes at once are stored once, and both answer the figures of one central', async () => {
    // Every hall ships its batches in order, alternating between the processes, and each batch also reaches the
    // other process at the same moment (a retry racing the original); all halls at once.
    const outcomes = await Promise.all(HALLS.map(async (id, h) => {
      const events = logs.get(id)!;
      const token = creds.get(id)!.token;
      let accepted = 0;
      let duplicates = 0;
      for (let k = 0, after = 0; k < events.length; k += BATCH) {
        const batch = events.slice(k, k + BATCH);
        const body = { hallId: id, after, ...(k === 0 ? { profile: PROFILE } : {}), events: batch };
        const answers = await Promise.all([0, 1].map((p) => api<ShipAck>(procs[(p + h + k / BATCH) % 2]!.url, 'POST', '/api/v1/central/events', { token, body })));
        for (const a of answers) {
          expect(a.status).toBe(200);
          expect(a.body.lastEventId).toBe(batch.at(-1)!.id);
          accepted += a.body.accepted;
          duplicates += a.body.duplicates;
        }
        after = batch.at(-1)!.id;
      }
      return { accepted, duplicates, total: events.length };
    }));
    for (const o of outcomes) expect(o).toEqual({ accepted: o.total, duplicates: o.total, total: o.total });

    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ hall_id: string; n: string; ids: string; max: string }>(
        'SELECT hall_id, count(*) AS n, count(DISTINCT event_id) AS ids, max(event_id) AS max FROM events GROUP BY hall_id ORDER BY hall_id',
      );
      expect(rows.map((r) => [r.hall_id, Number(r.n), Number(r.ids), Number(r.max)])).toEqual(
        [...HALLS].sort().map((id) => [id, logs.get(id)!.length, logs.get(id)!.length, logs.get(id)!.length]),
      );
    } finally {
      await c.end();
    }

    // The same events shipped once, in order, to a single central on its own database.
    const single: TestCentral = await startCentral(await server.database());
    try {
      const singleAdmin = await single.login('admin');
      for (const id of HALLS) {
        const cred = await single.registerHall(id, `${id} hall`);
        const events = logs.get(id)!;
        for (let k = 0; k < events.length; k += 2000) {
          const r = await single.api<ShipAck>('POST', '/api/v1/central/events', { token: cred.token, body: { hallId: id, after: k, ...(k === 0 ? { profile: PROFILE } : {}), events: events.slice(k, k + 2000) } });
          expect(r.status).toBe(200);
        }
      }
      const expected = (await single.api<CentralSummary>('GET', `/api/v1/stats/summary?${range}`, { token: singleAdmin })).body;
      const expectedCounters = (await single.api<CentralCounterTime[]>('GET', `/api/v1/stats/counters?${range}`, { token: singleAdmin })).body;
      expect(expected.totals.visits).toBe(HALLS.reduce((n, _, i) => n + 3 * (60 + i * 5), 0));
      expect(expectedCounters.length).toBe(HALLS.length * 2);
      for (const p of procs) {
        const sum = await api<CentralSummary>(p.url, 'GET', `/api/v1/stats/summary?${range}`, { token: admin });
        expect(sum.body).toEqual(expected);
        const counters = await api<CentralCounterTime[]>(p.url, 'GET', `/api/v1/stats/counters?${range}`, { token: admin });
        expect(counters.body).toEqual(expectedCounters);
      }
    } finally {
      await single.stop();
    }
  }, 180_000);
});
