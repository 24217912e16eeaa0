// Statistics benchmark: a year of a large hall (16,000 visitors a day, ~5.8 million visits, 40 counters) written
// straight into the projection (visits, legs, counter periods) of a temp database, rolled up by day, then every
// statistics query timed for a month and for a year. A separate week of raw events measures how fast the projector
// rebuilds from the event log. Prints figures; asserts nothing.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HALL_FILE, loadHallFile } from '../../server/dist/config.js';
import { addDays, zonedInstant } from '../../server/dist/domain/index.js';
import { Store } from '../../server/dist/store/index.js';
import { createServices } from '../../server/dist/services/index.js';
import { createStatistics } from '../../server/dist/stats/index.js';
import { seededRandom } from '../../server/dist/demo/demoDay.js';

const VISITORS_PER_DAY = Number(process.env.VUORO_BENCH_VISITORS ?? 16_000);
const DAYS = Number(process.env.VUORO_BENCH_DAYS ?? 365);
const COUNTERS = 40;
const LAST_DAY = '2026-11-22';
const MIN = 60_000;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ms = (t0) => performance.now() - t0;

/** The demo hall with 40 counters: 1–20 serve the city's services, 21–40 the county's. */
function largeHall(dir) {
  const base = loadHallFile(DEMO_HALL_FILE).config;
  const org = (o) => base.services.filter((s) => s.organisationId === o).map((s) => ({ serviceId: s.id, weight: 1 }));
  const counters = Array.from({ length: COUNTERS }, (_, i) => ({ id: String(i + 1), label: String(i + 1), profile: org(i < COUNTERS / 2 ? 'city' : 'county') }));
  const file = path.join(dir, 'large-hall.json');
  writeFileSync(file, JSON.stringify({ ...base, counters, kiosks: [], displays: [], devices: [] }));
  return loadHallFile(file);
}

/** One visit's story as plain numbers; the same model feeds the projection writer and the event writer. */
function* visitsOfDay(date, dayIndex, services, tz) {
  const r = seededRandom(1000 + dayIndex);
  const open = zonedInstant(date, 8 * 60, tz);
  const curve = [0.7, 1.3, 1.5, 1.3, 1.0, 1.2, 1.1, 0.9, 0.6, 0.4];
  const total = curve.reduce((a, b) => a + b, 0);
  for (let i = 0; i < VISITORS_PER_DAY; i++) {
    let x = r() * total;
    let hour = 0;
    while (hour < curve.length - 1 && (x -= curve[hour]) > 0) hour++;
    const issued = open + hour * 60 * MIN + Math.floor(r() * 60 * MIN);
    const s = services[Math.floor(r() * services.length)];
    const counterBase = s.organisationId === 'city' ? 0 : COUNTERS / 2;
    const counter = counterBase + 1 + Math.floor(r() * (COUNTERS / 2));
    const user = counter * 2 + (hour < 5 ? 0 : 1);
    const wait = Math.round(-Math.log(1 - r()) * 9 * MIN);
    const fate = r();
    const v = { issued, hour: hour + 8, service: s, counter: String(counter), user, wait, walk: Math.round(20_000 + r() * 70_000), serve: Math.round(s.defaultServiceMinutes * MIN * (0.5 + r())), state: 'done', recalls: r() < 0.07 ? 1 : 0, transferTo: null, rating: null, comment: null };
    if (fate < 0.04) v.state = 'cancelled';
    else if (fate < 0.045) v.state = 'expired';
    else if (fate < 0.085) v.state = 'no-show';
    else if (fate < 0.125) v.transferTo = services.find((o) => o.organisationId === s.organisationId && o.id !== s.id);
    v.outcome = v.state === 'done' ? (r() < 0.8 ? 'resolved' : 'follow-up') : null;
    if (v.state === 'done' && r() < 0.25) {
      const x = r();
      v.rating = x < 0.05 ? 1 : x < 0.12 ? 2 : x < 0.3 ? 3 : x < 0.6 ? 4 : 5;
      if (r() < 0.12) v.comment = r() < 0.5 ? 'Quick, thanks' : 'Waited long, "but" friendly';
    }
    yield v;
  }
}

function writeProjectionYear(db, hall) {
  const tz = hall.config.hall.timeZone;
  // 26 columns: the last, promised_ms (migration 013), is left empty here.
  const insVisit = db.prepare(`INSERT INTO visits VALUES (${Array(26).fill('?').join(',')})`);
  const insLeg = db.prepare(`INSERT INTO visit_legs VALUES (${Array(12).fill('?').join(',')})`);
  const insPeriod = db.prepare('INSERT INTO counter_periods (counter_id, user_id, kind, reason, local_date, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const dirty = db.prepare('INSERT OR IGNORE INTO stats_dirty VALUES (?)');
  let id = 0;
  let legs = 0;
  const first = addDays(LAST_DAY, 1 - DAYS);
  for (let d = 0; d < DAYS; d++) {
    const date = addDays(first, d);
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    db.transaction(() => {
      for (const v of visitsOfDay(date, d, hall.config.services, tz)) {
        id++;
        const called = v.state === 'cancelled' || v.state === 'expired' ? null : v.issued + v.wait;
        const started = called !== null && v.state !== 'no-show' ? called + v.walk + v.recalls * MIN : null;
        const end = started !== null ? started + v.serve : called !== null ? called + 2 * MIN : v.issued + v.wait;
        const target = v.service.targetMinutes * MIN;
        const svc = v.transferTo ? v.transferTo.id : v.service.id;
        const leg2Called = v.transferTo ? end + 5 * MIN : null;
        const finished = v.transferTo ? leg2Called + v.walk + v.serve : end;
        insVisit.run(id, 0, date, weekday, v.hour, svc, v.service.id, called === null ? null : v.counter, called === null ? null : v.user,
          v.state, v.issued, called, target, called === null ? null : v.wait, started === null ? null : v.walk,
          v.state === 'done' ? v.serve : null, finished, v.outcome, v.transferTo ? 2 : 1, v.transferTo ? 1 : 0, v.recalls,
          v.state === 'no-show' ? 1 : 0, v.rating, v.comment, v.rating === null ? null : finished + 5 * MIN, null);
        const endKind = v.transferTo ? 'transferred' : v.state === 'done' ? 'finished' : v.state;
        insLeg.run(id, 1, date, v.service.id, called === null ? null : v.counter, called === null ? null : v.user, v.issued, called, called, started, end, endKind);
        legs++;
        if (v.transferTo) {
          insLeg.run(id, 2, date, v.transferTo.id, v.counter, v.user, end, leg2Called, leg2Called, leg2Called + v.walk, finished, 'finished');
          legs++;
        }
      }
      const open = zonedInstant(date, 8 * 60, tz);
      for (let c = 1; c <= COUNTERS; c++) {
        insPeriod.run(String(c), c * 2, 'open', null, date, open, open + 5 * 60 * MIN);
        insPeriod.run(String(c), c * 2 + 1, 'open', null, date, open + 5 * 60 * MIN, open + 10 * 60 * MIN);
        insPeriod.run(String(c), c * 2, 'paused', 'lunch', date, open + 3 * 60 * MIN, open + 3.5 * 60 * MIN);
        insPeriod.run(String(c), c * 2 + 1, 'paused', 'break', date, open + 7 * 60 * MIN, open + 7.25 * 60 * MIN);
      }
      dirty.run(date);
    })();
  }
  return { visits: id, legs };
}

/** A week of raw events (one hall day = 16,000 visits), then the projector rebuilds from them. */
function rebuildSample(hall, days) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-events-'));
  const store = Store.open(path.join(dir, 'vuoro.db'));
  store.db.pragma('foreign_keys = OFF');
  const s = createServices(store, hall, () => Date.parse(`${LAST_DAY}T12:00:00Z`));
  const ins = store.db.prepare('INSERT INTO events (type, at, ticket_id, counter_id, user_id, service_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const tz = hall.config.hall.timeZone;
  let n = 0;
  let ticket = 0;
  const t0 = performance.now();
  for (let d = 0; d < days; d++) {
    const date = addDays(LAST_DAY, d - days + 1);
    const events = [];
    for (const v of visitsOfDay(date, d, hall.config.services, tz)) {
      const id = ++ticket;
      const e = (type, at, counter, data) => events.push([type, at, id, counter ? v.counter : null, counter ? v.user : null, v.service.id, data ? JSON.stringify(data) : null]);
      e('ticket_issued', v.issued, false, { number: 'A001', language: 'en', needs: [], kioskId: null });
      if (v.state === 'cancelled' || v.state === 'expired') {
        e(v.state === 'cancelled' ? 'ticket_cancelled' : 'ticket_expired', v.issued + v.wait, false, null);
        continue;
      }
      const called = v.issued + v.wait;
      e('ticket_called', called, true, { waitedMs: v.wait });
      if (v.recalls) e('ticket_recalled', called + MIN, true, { recall: 1 });
      if (v.state === 'no-show') {
        e('ticket_no_show', called + 2 * MIN, true, null);
        continue;
      }
      const started = called + v.walk + v.recalls * MIN;
      e('ticket_started', started, true, null);
      e('ticket_finished', started + v.serve, true, { outcome: v.outcome, transactionMs: v.serve });
      if (v.rating !== null) e('feedback_given', started + v.serve + 5 * MIN, true, { rating: v.rating });
    }
    events.sort((a, b) => a[1] - b[1]);
    store.db.transaction(() => events.forEach((row) => ins.run(...row)))();
    n += events.length;
  }
  const genMs = ms(t0);
  const stats = createStatistics(store, s, () => undefined);
  const t1 = performance.now();
  stats.projector.rebuild();
  const rebuildMs = ms(t1);
  const t2 = performance.now();
  const dates = stats.rollup.refresh();
  const rollupMs = ms(t2);
  stats.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { events: n, visits: ticket, genMs, rebuildMs, rollupMs, dates: dates.length };
}

function timeQuery(fn) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    runs.push(ms(t0));
  }
  return { first: runs[0], best: Math.min(...runs) };
}

export async function run() {
  console.log(`\nStatistics: ${DAYS} days × ${fmt(VISITORS_PER_DAY)} visitors, ${COUNTERS} counters`);
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-stats-'));
  const hall = largeHall(dir);
  try {
    const sample = rebuildSample(hall, 7);
    console.log(`  event log sample: ${fmt(sample.events)} events of ${fmt(sample.visits)} visits written in ${fmt(sample.genMs)} ms (${fmt(sample.events / sample.genMs * 1000)} events/s)`);
    console.log(`  projector rebuild from events: ${fmt(sample.rebuildMs)} ms = ${fmt(sample.events / sample.rebuildMs * 1000)} events/s (${fmt(sample.visits / sample.rebuildMs * 1000)} visits/s); roll-up of ${sample.dates} days ${fmt(sample.rollupMs)} ms`);

    const store = Store.open(path.join(dir, 'vuoro.db'));
    store.db.pragma('synchronous = OFF');
    const now = zonedInstant(LAST_DAY, 18 * 60, hall.config.hall.timeZone);
    const s = createServices(store, hall, () => now);
    const t0 = performance.now();
    const written = writeProjectionYear(store.db, s.hall.current());
    const genMs = ms(t0);
    console.log(`  year written: ${fmt(written.visits)} visits, ${fmt(written.legs)} legs in ${fmt(genMs / 1000)} s (${fmt(written.visits / genMs * 1000)} visits/s)`);
    const stats = createStatistics(store, s, () => undefined);
    const t1 = performance.now();
    const days = stats.rollup.refresh();
    console.log(`  daily roll-up of ${days.length} days: ${fmt(ms(t1))} ms (${fmt(ms(t1) / days.length)} ms a day)`);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`  database: ${fmt(statSync(path.join(dir, 'vuoro.db')).size / 1e6)} MB`);

    const admin = { userId: 1, name: 'bench', role: 'admin', organisationId: null };
    const city = { userId: 2, name: 'bench', role: 'supervisor', organisationId: 'city' };
    const ranges = { month: { from: addDays(LAST_DAY, -29), to: LAST_DAY }, year: { from: addDays(LAST_DAY, 1 - DAYS), to: LAST_DAY } };
    const q = (range, extra = {}) => ({ ...range, format: 'json', ...extra });
    console.log('  query (ms)                         month first / best     year first / best');
    const rows = [
      ['summary (admin, whole hall)', (r) => stats.stats.summary(admin, q(r))],
      ['summary (city supervisor)', (r) => stats.stats.summary(city, q(r))],
      ['summary (one counter)', (r) => stats.stats.summary(admin, q(r, { counterId: '7' }))],
      ['daily', (r) => stats.stats.daily(admin, q(r))],
      ['heatmap', (r) => stats.stats.heatmap(admin, q(r))],
      ['visits page 1 (100 rows)', (r) => stats.stats.visits(admin, { ...q(r), page: 1, pageSize: 100 })],
      ['visits page 500 (100 rows)', (r) => stats.stats.visits(admin, { ...q(r), page: 500, pageSize: 100 })],
      ['feedback', (r) => stats.stats.feedback(admin, q(r))],
    ];
    for (const [name, fn] of rows) {
      const m = timeQuery(() => fn(ranges.month));
      const y = timeQuery(() => fn(ranges.year));
      console.log(`  ${name.padEnd(34)} ${m.first.toFixed(1).padStart(8)} / ${m.best.toFixed(1).padEnd(8)} ${y.first.toFixed(1).padStart(10)} / ${y.best.toFixed(1)}`);
    }
    const live = timeQuery(() => stats.stats.live(admin, { format: 'json' }));
    console.log(`  ${'live (today, 16,000 visits)'.padEnd(34)} ${live.first.toFixed(1).padStart(8)} / ${live.best.toFixed(1)}`);
    stats.close();
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
