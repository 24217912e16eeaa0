// npm run simulate staffing [--days N] [--history N] [--seed S] [--share P] [--patience MIN] [--shared]
// Checks the staffing advice in the simulator: busy Mondays of history through the real app, then the app's own
// advice (the StatsService function GET /stats/staffing answers from) for Monday, then new Mondays where each hour
// each service group has exactly the advised counters open, and the service level they achieved. With --patience,
// visitors leave after an exponential patience of that mean (history and measured days alike); with --shared, the
// roaming point 7 is open all day on top of the advised counters. README "Staffing advice". Figures only; nothing
// here asserts anything.
import { zonedInstant } from '../../server/dist/domain/index.js';
import { StaffingQuery } from '../../server/dist/protocol/index.js';
import { runDay } from './day.mjs';
import { monday, startSimulation } from './hall.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { printStaffing } from './staffingReport.mjs';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The counters each group may open, in the order they open: the demo hall's desks (the hearing-loop desk first, so
 * hearing-loop visitors are always served), then more desks with the same profile as counters 3 and 4, so that any
 * advice can be followed. The roaming point 7 serves both groups: closed unless `--shared`.
 */
export const GROUP_COUNTERS = {
  city: ['2', '1', '3', '8', '9', '10', '11', '12'],
  county: ['5', '4', '6', '13', '14', '15', '16', '17'],
};
const ROAMING = '7';

/** Adds desks like counter 3 (city) and 4 (county) to the simulation hall, so that any advice can be followed. */
function addDesks(hall) {
  const like = (id) => hall.counters.find((c) => c.id === id);
  for (const [group, ids] of Object.entries(GROUP_COUNTERS)) {
    const model = like(group === 'city' ? '3' : '4');
    for (const id of ids) if (!like(id)) hall.counters.push({ ...model, id, label: id });
  }
}

/** Milliseconds of [a, b) in each local hour from `midnight`, added to `into[hour]`. */
function spread(into, a, b, midnight) {
  for (let h = Math.floor((a - midnight) / HOUR); midnight + h * HOUR < b; h++) {
    const ms = Math.min(b, midnight + (h + 1) * HOUR) - Math.max(a, midnight + h * HOUR);
    if (ms > 0) into[h] = (into[h] ?? 0) + ms;
  }
}

export async function runStaffing({ days: measuredDays, history, seed, share, patience, shared, displays = false }) {
  const scenario = { ...SCENARIOS.busy, historyDays: history, patienceMinutes: patience > 0 ? patience : undefined, displays };
  const { app, clock, actor, close } = await startSimulation('vuoro-staffing-', addDesks);
  const hall = app.services.hall.current().config;
  const groupOf = new Map(hall.services.map((s) => [s.id, s.organisationId ?? null]));
  const t0 = performance.now();

  for (let d = 0; d < scenario.historyDays; d++) runDay(app, clock, actor, scenario, monday(d), seed * 1000 + d);
  const staffing = (from, to) => app.stats.staffing(actor, StaffingQuery.parse({ weekday: '0', share: String(share), from, to }));
  const advice = staffing(monday(0), monday(scenario.historyDays - 1));
  const row = (group, hour) => advice.rows.find((r) => r.group === group && r.hour === hour);

  const schedule = (hour) => {
    const open = shared ? [ROAMING] : [];
    for (const [group, ids] of Object.entries(GROUP_COUNTERS)) open.push(...ids.slice(0, row(group, hour)?.countersNeeded ?? 0));
    return open;
  };
  const counters = [...GROUP_COUNTERS.city, ...GROUP_COUNTERS.county, ...(shared ? [ROAMING] : [])];
  const staffed = { ...scenario, counters, schedule };

  // tally[group][hour] = { n, within, left, leftEarly }, hour -1 = the whole day; roaming[group][hour] = ms of
  // counter 7's time (walk-up and visit) spent on the group's visitors.
  const tally = {};
  const roaming = {};
  const add = (group, hour, t, ok, targetMs) => {
    const x = ((tally[group] ??= {})[hour] ??= { n: 0, within: 0, left: 0, leftEarly: 0 });
    x.n += 1;
    if (ok) x.within += 1;
    if (t.leftAt !== null) x.left += 1;
    if (t.leftAt !== null && t.leftAt - t.issuedAt <= targetMs) x.leftEarly += 1;
  };
  const first = monday(scenario.historyDays);
  for (let d = 0; d < measuredDays; d++) {
    const date = monday(scenario.historyDays + d);
    const day = runDay(app, clock, actor, staffed, date, seed * 1000 + scenario.historyDays + d);
    const midnight = zonedInstant(date, 0, app.services.hall.current().timeZone);
    for (const t of day.tickets) {
      const group = groupOf.get(t.serviceId) ?? null;
      const hour = Math.floor((t.issuedAt - midnight) / HOUR);
      const targetMs = ((row(group, hour) ?? row(group, hour - 1))?.targetMinutes ?? 0) * MIN;
      // The product's service level: called within the target ÷ (called + left or expired uncalled).
      const ok = t.calledAt !== null && t.calledAt - t.issuedAt <= targetMs;
      add(group, hour, t, ok, targetMs);
      add(group, -1, t, ok, targetMs);
      if (t.counterId === ROAMING && t.doneAt !== null) spread((roaming[group] ??= {}), t.calledAt, t.doneAt, midnight);
    }
  }
  // The app's accounting of the measured days' counters (counter 7 by its profile weights' share).
  const accounted = shared && measuredDays > 0 ? staffing(first, monday(scenario.historyDays + measuredDays - 1)) : null;
  const seconds = (performance.now() - t0) / 1000;
  await close();

  printStaffing({ scenario, advice, accounted, tally, roaming, measuredDays, seed, share, seconds, shared, groups: Object.keys(GROUP_COUNTERS) });
}
