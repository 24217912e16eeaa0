#!/usr/bin/env node
// npm run simulate [busy|overload|all] [--days N] [--seed S]; npm run simulate staffing (scripts/simulation/staffing.mjs)
// Replays generated days of the demo hall (with real opening hours) through the real app in virtual time and prints
// how well the promised waits held. Figures only; nothing here asserts anything. The scenarios are documented in
// the README ("Estimate accuracy, measured").
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../server/dist/app.js';
import { DEMO_HALL_FILE, loadConfig } from '../server/dist/config.js';
import { estimateErrorFigures } from '../server/dist/stats/estimateError.js';
import { runDay } from './simulation/day.mjs';
import { SCENARIOS } from './simulation/scenarios.mjs';

const MIN = 60_000;
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const which = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'all';
const measuredDays = flag('days', 3);
const seed = flag('seed', 1);

/** The demo hall with real opening hours (08–17 on weekdays), a 15-minute last-ticket cut-off, and no appointments. */
function simulationHall(dir) {
  const hall = JSON.parse(readFileSync(DEMO_HALL_FILE, 'utf8'));
  const day = [{ open: '08:00', close: '17:00' }];
  hall.hall.hours = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] };
  // Walk-in queues only (the demo hall's appointments would turn walk-in visitors away): the scenario stays the same.
  for (const s of hall.services) {
    s.cutoffMinutes = 15;
    delete s.appointments;
  }
  const file = path.join(dir, 'hall.json');
  writeFileSync(file, JSON.stringify(hall));
  return file;
}

/** Mondays from 2026-02-02 on (winter time in Helsinki, no change of clocks in between). */
function monday(i) {
  const d = new Date(Date.UTC(2026, 1, 2 + 7 * i));
  return d.toISOString().slice(0, 10);
}

const pct = (x) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const mins = (ms) => (ms === null ? '–' : `${(ms / MIN).toFixed(1)} min`);

function figures(list) {
  return estimateErrorFigures(list.map((t) => ({ promisedMs: (t.promised ?? 0) * MIN, waitMs: t.calledAt === null ? null : t.calledAt - t.issuedAt, expired: t.calledAt === null })));
}

function row(label, list) {
  const f = figures(list.filter((t) => t.promised !== null));
  return `  ${label.padEnd(34)} n=${String(f.promises).padStart(4)}  median |err| ${mins(f.medianAbsErrorMs).padStart(9)}  p90 ${mins(f.p90AbsErrorMs).padStart(9)}  >5 late ${pct(f.lateShare).padStart(7)}  >5 early ${pct(f.earlyShare).padStart(7)}  mean ${mins(f.meanErrorMs).padStart(9)}`;
}

/** Tickets that a ticket issued later was called before. */
function overtaken(tickets) {
  const out = new Set();
  const called = tickets.filter((t) => t.calledAt !== null).sort((a, b) => a.issuedAt - b.issuedAt);
  let latestLaterCall = Infinity;
  for (let i = called.length - 1; i >= 0; i--) {
    const t = called[i];
    if (latestLaterCall < t.calledAt) out.add(t);
    latestLaterCall = Math.min(latestLaterCall, t.calledAt);
  }
  return out;
}

async function runScenario(name, scenario) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-simulate-'));
  const clock = { now: Date.UTC(2026, 0, 26, 6, 0) };
  const config = loadConfig({ VUORO_DATA_DIR: dir, VUORO_CONFIG: simulationHall(dir), VUORO_ADMIN_PASSWORD: 'simulation-only-password' });
  const app = await createApp({ config, now: () => clock.now, log: () => undefined });
  const admin = app.store.users.byUsername('admin');
  const actor = { userId: admin.id, name: 'Simulation', role: 'admin', organisationId: null };
  const t0 = performance.now();
  const measured = [];
  const days = [];
  for (let d = 0; d < scenario.historyDays + measuredDays; d++) {
    const date = monday(d);
    const day = runDay(app, clock, actor, d < scenario.historyDays ? scenario.history ?? scenario : scenario, date, seed * 1000 + d);
    if (d >= scenario.historyDays) {
      measured.push(...day.tickets.map((t) => ({ ...t, close: day.close })));
      days.push({ date, ...day });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await app.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n${scenario.title}`);
  console.log(`  ${scenario.historyDays} Mondays of history, then ${measuredDays} measured Mondays (seed ${seed}); ${seconds.toFixed(0)} s`);
  for (const d of days) {
    const called = d.tickets.filter((t) => t.calledAt !== null).length;
    console.log(`  ${d.date}: ${d.tickets.length} tickets issued, ${d.refused} turned away (closed or cut-off), ${called} called before closing`);
  }
  console.log(row('all tickets', measured));
  for (const [label, from, to] of [['0–9 waiting at issue', 0, 9], ['10–24 waiting at issue', 10, 24], ['25–199 waiting at issue', 25, 199], ['200+ waiting at issue', 200, Infinity]]) {
    const list = measured.filter((t) => t.waitingBefore >= from && t.waitingBefore <= to);
    if (list.length > 0) console.log(row(label, list));
  }
  console.log(row('hearing-loop tickets', measured.filter((t) => t.needs.includes('hearing-loop'))));
  const over = overtaken(measured);
  console.log(row('tickets overtaken by a later one', measured.filter((t) => over.has(t))));
  for (const h of [10, 13]) {
    const list = measured.filter((t) => new Date(t.issuedAt).getUTCHours() + 2 === h);
    console.log(row(`issued ${h}:00–${h}:59`, list));
  }
  const uncalled = measured.filter((t) => t.calledAt === null);
  const broken = uncalled.filter((t) => t.promised !== null && t.issuedAt + t.promised * MIN < t.close);
  console.log(`  never called before closing: ${uncalled.length} of ${measured.length}; of them promised a call before closing: ${broken.length} (${pct(measured.length ? broken.length / measured.length : null)} of tickets issued)`);
}

if (which === 'staffing') await (await import('./simulation/staffing.mjs')).runStaffing({ days: flag('days', 10), history: flag('history', 8), seed, share: flag('share', 0.8) });
else {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (which === 'all' || which === name) await runScenario(name, scenario);
  }
}
process.exit(0);
