// npm run simulate staffing [--days N] [--history N] [--seed S] [--share P]
// Checks the staffing advice in the simulator: busy Mondays of history through the real app, then the app's own
// advice (the StatsService function GET /stats/staffing answers from) for Monday, then new Mondays where each hour
// each service group has exactly the advised counters open, and the service level they achieved. README "Staffing
// advice". Figures only; nothing here asserts anything.
import { zonedInstant } from '../../server/dist/domain/index.js';
import { StaffingQuery } from '../../server/dist/protocol/index.js';
import { runDay } from './day.mjs';
import { monday, startSimulation } from './hall.mjs';
import { SCENARIOS } from './scenarios.mjs';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The counters each group may open, in the order they open: the demo hall's desks (the hearing-loop desk first, so
 * hearing-loop visitors are always served), then more desks with the same profile as counters 3 and 4, so that any
 * advice can be followed. The roaming point 7 serves both groups and is left closed: each group is checked alone.
 */
const GROUP_COUNTERS = {
  city: ['2', '1', '3', '8', '9', '10', '11', '12'],
  county: ['5', '4', '6', '13', '14', '15', '16', '17'],
};

/** Adds desks like counter 3 (city) and 4 (county) to the simulation hall, so that any advice can be followed. */
function addDesks(hall) {
  const like = (id) => hall.counters.find((c) => c.id === id);
  for (const [group, ids] of Object.entries(GROUP_COUNTERS)) {
    const model = like(group === 'city' ? '3' : '4');
    for (const id of ids) if (!like(id)) hall.counters.push({ ...model, id, label: id });
  }
}

const pct = (x) => (x === null || Number.isNaN(x) ? '    –' : `${(x * 100).toFixed(1).padStart(5)}`);
const pp = (x) => (x === null || Number.isNaN(x) ? '    –' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1).padStart(4)}`);

export async function runStaffing({ days: measuredDays, history, seed, share }) {
  const scenario = { ...SCENARIOS.busy, historyDays: history };
  const { app, clock, actor, close } = await startSimulation('vuoro-staffing-', addDesks);
  const hall = app.services.hall.current().config;
  const groupOf = new Map(hall.services.map((s) => [s.id, s.organisationId ?? null]));
  const t0 = performance.now();

  for (let d = 0; d < scenario.historyDays; d++) runDay(app, clock, actor, scenario, monday(d), seed * 1000 + d);
  const query = StaffingQuery.parse({ weekday: '0', share: String(share), from: monday(0), to: monday(scenario.historyDays - 1) });
  const advice = app.stats.staffing(actor, query);
  const row = (group, hour) => advice.rows.find((r) => r.group === group && r.hour === hour);

  const schedule = (hour) => {
    const open = [];
    for (const [group, ids] of Object.entries(GROUP_COUNTERS)) open.push(...ids.slice(0, row(group, hour)?.countersNeeded ?? 0));
    return open;
  };
  const staffed = { ...scenario, counters: [...GROUP_COUNTERS.city, ...GROUP_COUNTERS.county], schedule };

  // tally[group][hour] = { n, within }; hour -1 = the whole day.
  const tally = {};
  const add = (group, hour, ok) => {
    const g = (tally[group] ??= {});
    const x = (g[hour] ??= { n: 0, within: 0 });
    x.n += 1;
    if (ok) x.within += 1;
  };
  for (let d = 0; d < measuredDays; d++) {
    const date = monday(scenario.historyDays + d);
    const day = runDay(app, clock, actor, staffed, date, seed * 1000 + scenario.historyDays + d);
    const midnight = zonedInstant(date, 0, app.services.hall.current().timeZone);
    for (const t of day.tickets) {
      const group = groupOf.get(t.serviceId) ?? null;
      const hour = Math.floor((t.issuedAt - midnight) / HOUR);
      const target = (row(group, hour) ?? row(group, hour - 1))?.targetMinutes ?? 0;
      const ok = t.calledAt !== null && t.calledAt - t.issuedAt <= target * MIN;
      add(group, hour, ok);
      add(group, -1, ok);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await close();

  console.log(`\nStaffing advice checked: ${scenario.title}`);
  console.log(
    `  advice from ${scenario.historyDays} Mondays of history (all 7 counters open), share ${pct(share).trim()} %; then ${measuredDays} Mondays with the advised counters open each hour (seed ${seed}); ${seconds.toFixed(0)} s`,
  );
  for (const group of Object.keys(GROUP_COUNTERS)) {
    const r = advice.rows.find((x) => x.group === group);
    if (r) console.log(`  ${group}: ${r.method === 'erlangA' ? `Erlang A, mean patience ${(r.patienceMs / MIN).toFixed(1)} min` : 'Erlang C'}, handling-time CV ${r.handlingCv ?? '– (exponential assumed)'}`);
  }
  console.log('  group   hour  arrivals/h  handling  target  formula (its SL)  advised  predicted SL  achieved SL (n)   achieved − target  achieved − predicted');
  const summary = [];
  for (const group of Object.keys(GROUP_COUNTERS)) {
    let predictedSum = 0;
    let weightSum = 0;
    for (const r of advice.rows.filter((x) => x.group === group)) {
      const got = tally[group]?.[r.hour];
      if (!got || r.handlingMs === null) continue;
      const predicted = r.serviceLevelNeeded;
      const achieved = got.within / got.n;
      predictedSum += predicted * got.n;
      weightSum += got.n;
      console.log(
        `  ${group.padEnd(7)} ${String(r.hour).padStart(4)}  ${r.arrivalsPerHour.toFixed(1).padStart(10)}  ${(r.handlingMs / MIN).toFixed(1).padStart(5)} min  ${String(r.targetMinutes).padStart(3)} min  ${String(r.countersFormula).padStart(7)} (${pct(r.serviceLevelFormula)} %)  ${String(r.countersNeeded).padStart(7)}  ${pct(predicted).padStart(10)} %  ${pct(achieved)} % (${String(got.n).padStart(4)})  ${pp(achieved - share).padStart(14)} pp  ${pp(achieved - predicted).padStart(17)} pp`,
      );
    }
    const day = tally[group]?.[-1];
    if (day) {
      const achieved = day.within / day.n;
      const predicted = predictedSum / weightSum;
      summary.push(`  ${group.padEnd(7)}  day  achieved ${pct(achieved)} % of ${day.n}  predicted ${pct(predicted)} %  target ${pct(share)} %  achieved − target ${pp(achieved - share)} pp  achieved − predicted ${pp(achieved - predicted)} pp`);
    }
  }
  for (const line of summary) console.log(line);
}
