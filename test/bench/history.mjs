// History benchmark: the cost of issuing a ticket and of calling one against the size of the database's history
// (0, 100,000 and 1,000,000 finished tickets of earlier days, three events each) and against how full today is
// (10,000 and 40,000 tickets already issued today and finished: a busy day with steady churn). Each issue also does
// the work the realtime server does after it: every service's status for the screens and the status of 50 visitors
// following their ticket on a phone. The figures should be flat across each row. Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_HALL_FILE, loadHallFile } from '../../server/dist/config.js';
import { Store } from '../../server/dist/store/index.js';
import { createServices } from '../../server/dist/services/index.js';

const ACTOR = { userId: 1, name: 'bench', role: 'admin', organisationId: null };
const SERVICES = ['identity', 'residence', 'parking', 'lost-found', 'vehicles', 'licences', 'immigration'];
/** The services that take walk-in tickets (immigration is by appointment only). */
const WALK_IN = SERVICES.filter((id) => id !== 'immigration');
const START = Date.UTC(2026, 10, 23, 9, 0);
const ROUNDS = 300;
const FOLLOWERS = 50;

/** Past tickets written straight into the tables, as years of use would leave them. */
function seedHistory(store, past, today, todayDate) {
  const db = store.db;
  const svc = `CASE i % 7 ${SERVICES.map((s, k) => `WHEN ${k} THEN '${s}'`).join(' ')} END`;
  const insert = (count, dateExpr, base) =>
    db.prepare(
      `INSERT INTO tickets (number, service_id, original_service_id, local_date, state, language, needs, priority, issued_at,
         queued_at, called_at, started_at, finished_at, counter_id, outcome, status_token)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})
       SELECT 'A' || (i % 999 + 1), ${svc}, ${svc}, ${dateExpr}, 'done', 'en', '[]', 0, ${base} + i * 1000, ${base} + i * 1000,
         ${base} + i * 1000 + 60000, ${base} + i * 1000 + 90000, ${base} + i * 1000 + 400000, '1', 'resolved', '${base}-' || i FROM n`,
    ).run();
  db.transaction(() => {
    if (past > 0) insert(past, `date('2022-01-01', '+' || (i / 600) || ' days')`, Date.UTC(2022, 0, 1));
    if (today > 0) insert(today, `'${todayDate}'`, START - today * 1000);
    db.prepare(
      `INSERT INTO events (type, at, ticket_id, service_id, counter_id, data)
       SELECT 'ticket_issued', issued_at, id, service_id, NULL, '{}' FROM tickets
       UNION ALL SELECT 'ticket_called', called_at, id, service_id, counter_id, '{}' FROM tickets
       UNION ALL SELECT 'ticket_finished', finished_at, id, service_id, counter_id, '{}' FROM tickets ORDER BY 2`,
    ).run();
    for (const s of SERVICES) {
      db.prepare('INSERT INTO numbering (service_id, local_date, last_seq, issued) VALUES (?, ?, ?, ?)').run(s, todayDate, Math.floor(today / 7) % 999, Math.floor(today / 7));
    }
  })();
}

function measure(past, today) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-bench-history-'));
  let t = START;
  const store = Store.open(path.join(dir, 'vuoro.db'));
  const s = createServices(store, loadHallFile(DEMO_HALL_FILE), () => t);
  const todayDate = s.hall.current().today(t);
  seedHistory(store, past, today, todayDate);
  for (const c of ['1', '2', '3', '4', '5', '6']) s.counters.open(c, ACTOR, {});
  // A live queue: 60 waiting, 50 of them followed on a phone.
  const followed = [];
  for (let i = 0; i < 60; i++) {
    t += 500;
    const r = s.tickets.issue({ serviceId: WALK_IN[i % WALK_IN.length], needs: [] });
    if (followed.length < FOLLOWERS) followed.push(r.ticket.id);
  }
  const screens = () => {
    const counters = s.views.counters();
    s.views.serviceStatuses(t, counters);
    for (const id of followed) {
      const tk = s.tickets.byId(id);
      if (tk.state === 'waiting') s.views.visitorStatus(tk, counters);
    }
  };
  let issueMs = 0;
  let callMs = 0;
  for (let i = 0; i < ROUNDS; i++) {
    t += 1000;
    let t0 = performance.now();
    s.tickets.issue({ serviceId: WALK_IN[i % WALK_IN.length], needs: [] });
    screens();
    issueMs += performance.now() - t0;
    t += 1000;
    const counter = ['1', '2', '3', '4', '5', '6'][i % 6];
    t0 = performance.now();
    // Counters 4–6 serve two of the six walk-in services and get half of the calls: late in the run their queue may be
    // empty, and the call finds nothing (its cost is still the look).
    let called;
    try {
      called = s.counters.callNext(counter, ACTOR);
    } catch (err) {
      if (err?.code !== 'queue_empty') throw err;
    }
    if (called) s.counters.noShow(counter, ACTOR);
    screens();
    callMs += performance.now() - t0;
  }
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return { issue: issueMs / ROUNDS, call: callMs / ROUNDS };
}

export async function run() {
  console.log(`\nIssue and call cost against history (${ROUNDS} of each, mean ms, incl. screens and ${FOLLOWERS} status pages)`);
  const rows = [
    ['no history', 0, 0],
    ['100,000 past tickets', 100_000, 0],
    ['1,000,000 past tickets', 1_000_000, 0],
    ['10,000 issued today', 0, 10_000],
    ['40,000 issued today', 0, 40_000],
  ];
  let base;
  for (const [name, past, today] of rows) {
    const r = measure(past, today);
    base ??= r;
    console.log(
      `  ${name.padEnd(24)} issue ${r.issue.toFixed(2)} ms (×${(r.issue / base.issue).toFixed(2)})   call + no-show ${r.call.toFixed(2)} ms (×${(r.call / base.call).toFixed(2)})`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
