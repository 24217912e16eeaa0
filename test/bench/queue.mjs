// Queue benchmarks: issue-ticket and call-next through the store next to a bare better-sqlite3 loop,
// and call-next cost by queue length. Prints figures; asserts nothing.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadHallFile, DEMO_HALL_FILE } from '../../server/dist/config.js';
import { Store } from '../../server/dist/store/index.js';
import { createServices } from '../../server/dist/services/index.js';

const fmt = (n) => Math.round(n).toLocaleString('en-US');

function fresh() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-'));
  return { dir, file: path.join(dir, 'vuoro.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

function timeIt(n, fn) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function hall(now) {
  const f = fresh();
  const store = Store.open(f.file);
  const s = createServices(store, loadHallFile(DEMO_HALL_FILE), now);
  return { ...f, store, s };
}

const ACTOR = { userId: 1, name: 'bench', role: 'admin', organisationId: null };
/** The demo hall's services that take walk-in tickets (immigration is by appointment only). */
const WALK_IN = ['identity', 'residence', 'parking', 'lost-found', 'vehicles', 'licences'];

export function issueAndCallThroughStore(n) {
  let t = Date.UTC(2026, 10, 23, 8, 0);
  const h = hall(() => t);
  const services = WALK_IN;
  const issueMs = timeIt(n, (i) => {
    t += 1;
    h.s.tickets.issue({ serviceId: services[i % services.length], needs: [] });
  });
  h.s.counters.open('7', ACTOR, {});
  const callMs = timeIt(n, () => {
    t += 1;
    h.s.counters.callNext('7', ACTOR);
    h.s.counters.noShow('7', ACTOR);
  });
  h.store.close();
  h.done();
  return { issuePerSec: (n / issueMs) * 1000, callPerSec: (n / callMs) * 1000 };
}

/** The same writes, by hand: ticket row, numbering upsert and event row per issue; update + 2 events per call/no-show. */
export function bareLoop(n) {
  const f = fresh();
  const store = Store.open(f.file);
  const db = store.db;
  store.close();
  const raw = new Database(f.file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const ins = raw.prepare(`INSERT INTO tickets (number, service_id, original_service_id, local_date, state, language, needs, issued_at, queued_at, status_token)
    VALUES (?, 's', 's', '2026-11-23', 'waiting', 'en', '[]', ?, ?, ?)`);
  const seq = raw.prepare(`INSERT INTO numbering (service_id, local_date, last_seq, issued) VALUES ('s', '2026-11-23', ?, 1)
    ON CONFLICT (service_id, local_date) DO UPDATE SET last_seq = excluded.last_seq, issued = issued + 1`);
  const ev = raw.prepare('INSERT INTO events (type, at, ticket_id, data) VALUES (?, ?, ?, ?)');
  const pick = raw.prepare("SELECT id FROM tickets WHERE state = 'waiting' ORDER BY queued_at, id LIMIT 1");
  const upd = raw.prepare('UPDATE tickets SET state = ?, called_at = ? WHERE id = ?');
  const issue = raw.transaction((i) => {
    const id = ins.run(`A${i}`, i, i, `tok${i}`).lastInsertRowid;
    seq.run(i);
    ev.run('ticket_issued', i, id, '{}');
  });
  const call = raw.transaction((i) => {
    const row = pick.get();
    upd.run('called', i, row.id);
    ev.run('ticket_called', i, row.id, '{}');
  });
  const noShow = raw.transaction((i) => {
    raw.prepare("SELECT id FROM tickets WHERE state = 'called' LIMIT 1").get();
    ev.run('ticket_no_show', i, 1, null);
  });
  const issueMs = timeIt(n, (i) => issue(i));
  const callMs = timeIt(n, (i) => {
    call(i);
    noShow(i);
  });
  raw.close();
  void db;
  f.done();
  return { issuePerSec: (n / issueMs) * 1000, callPerSec: (n / callMs) * 1000 };
}

/** Mean cost of one call-next (and its no-show) with `waiting` tickets in the queue. */
export function callCost(waiting) {
  let t = Date.UTC(2026, 10, 23, 8, 0);
  const h = hall(() => t);
  const services = ['identity', 'residence', 'parking', 'lost-found'];
  h.store.transaction(() => {
    for (let i = 0; i < waiting; i++) {
      t += 1;
      h.s.tickets.issue({ serviceId: services[i % 4], needs: i % 17 === 0 ? ['hearing-loop'] : [] });
    }
  });
  h.s.counters.open('1', ACTOR, {});
  const rounds = Math.min(200, Math.max(10, Math.floor(waiting / 2)));
  const ms = timeIt(rounds, () => {
    t += 1000;
    h.s.counters.callNext('1', ACTOR);
    h.s.counters.noShow('1', ACTOR);
  });
  h.store.close();
  h.done();
  return ms / rounds;
}

/** Mean cost of the estimates every screen shows after a change: each service's wait for a new ticket. */
export function estimateCost(waiting) {
  let t = Date.UTC(2026, 10, 23, 8, 0);
  const h = hall(() => t);
  const services = WALK_IN;
  h.store.transaction(() => {
    for (let i = 0; i < waiting; i++) {
      t += 1000;
      h.s.tickets.issue({ serviceId: services[i % services.length], needs: i % 13 === 0 ? ['priority'] : [] });
    }
  });
  for (const c of ['1', '2', '4', '6', '7']) h.s.counters.open(c, ACTOR, {});
  const rounds = 20;
  const ms = timeIt(rounds, () => {
    t += 60_000; // a new minute: nothing cached
    h.s.views.serviceStatuses(t);
  });
  h.store.close();
  h.done();
  return ms / rounds;
}

/**
 * The same batch in a hall with history, as in real use: a Monday a week earlier (arrivals per hour for the arrival
 * model, finished visits for the sampled plays to draw from), and two visits in progress.
 */
function hallWithHistory(waiting) {
  const clock = { t: Date.UTC(2026, 10, 16, 6, 0) }; // Monday 2026-11-16, 08:00 in Helsinki
  const h = hall(() => clock.t);
  const services = WALK_IN;
  h.s.counters.open('1', ACTOR, {});
  h.s.counters.open('4', ACTOR, {});
  for (let i = 0; i < 200; i++) {
    const serviceId = services[i % services.length];
    h.s.tickets.issue({ serviceId, needs: [] });
    const counter = i % services.length < 4 ? '1' : '4';
    h.s.counters.callNext(counter, ACTOR);
    clock.t += 30_000;
    h.s.counters.start(counter, ACTOR);
    clock.t += 60_000 + ((i * 37) % 11) * 20_000; // visits of 1 to 4⅓ min
    h.s.counters.finish(counter, ACTOR, 'resolved');
  }
  h.s.counters.close('1', ACTOR);
  h.s.counters.close('4', ACTOR);
  clock.t = Date.UTC(2026, 10, 23, 8, 0);
  h.s.tickets.expireStale();
  h.store.transaction(() => {
    for (let i = 0; i < waiting; i++) {
      clock.t += 1000;
      h.s.tickets.issue({ serviceId: services[i % services.length], needs: i % 13 === 0 ? ['priority'] : [] });
    }
  });
  for (const c of ['1', '2', '4', '6', '7']) h.s.counters.open(c, ACTOR, {});
  for (const c of ['1', '4']) {
    h.s.counters.callNext(c, ACTOR);
    h.s.counters.start(c, ACTOR);
  }
  return { h, clock, services };
}

export function estimateCostWithHistory(waiting) {
  const { h, clock } = hallWithHistory(waiting);
  const rounds = 20;
  const ms = timeIt(rounds, () => {
    clock.t += 60_000; // a new minute: nothing cached
    h.s.views.serviceStatuses(clock.t);
  });
  h.store.close();
  h.done();
  return ms / rounds;
}

/**
 * An issue in the same hall, 2 s after the previous one (outside a rush, so it gets the forecast of its own that
 * its promise is played from), with nothing else asked: the whole issue, its own play included.
 */
export function issueCostWithHistory(waiting) {
  const { h, clock, services } = hallWithHistory(waiting);
  const rounds = 20;
  const ms = timeIt(rounds, (i) => {
    clock.t += 2_000;
    h.s.tickets.issue({ serviceId: services[i % services.length], needs: [] });
  });
  h.store.close();
  h.done();
  return ms / rounds;
}

export function runQueueBench() {
  const n = 3000;
  const ours = issueAndCallThroughStore(n);
  const bare = bareLoop(n);
  console.log(`\nQueue operations (${n} each, one run, this machine)`);
  console.log(`  issue ticket   through the store ${fmt(ours.issuePerSec)}/s   bare better-sqlite3 ${fmt(bare.issuePerSec)}/s   ratio ${(ours.issuePerSec / bare.issuePerSec).toFixed(2)}`);
  console.log(`  call + no-show through the store ${fmt(ours.callPerSec)}/s   bare better-sqlite3 ${fmt(bare.callPerSec)}/s   ratio ${(ours.callPerSec / bare.callPerSec).toFixed(2)}`);
  console.log('\nCall-next cost by queue length (mean of call + no-show)');
  for (const w of [10, 1000, 10000]) console.log(`  ${String(w).padStart(6)} waiting: ${callCost(w).toFixed(2)} ms`);
  console.log('\nOne estimate batch (every waiting ticket and a new ticket of every service; 5 counters open; played 3 hours ahead, then extrapolated)');
  for (const w of [10, 200, 1000, 10000]) console.log(`  ${String(w).padStart(6)} waiting: ${estimateCost(w).toFixed(2)} ms`);
  console.log('\nThe same with a week of history (arrival model, observed visits: the sampled plays of the median forecast run)');
  for (const w of [10, 200, 1000, 10000]) console.log(`  ${String(w).padStart(6)} waiting: ${estimateCostWithHistory(w).toFixed(2)} ms`);
  console.log('\nAn issue in that hall, with the forecast of its own its promise is played from (up to 60 plays; none above 200 waiting)');
  for (const w of [10, 100, 200, 1000]) console.log(`  ${String(w).padStart(6)} waiting: ${issueCostWithHistory(w).toFixed(2)} ms`);
}
