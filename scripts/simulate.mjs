#!/usr/bin/env node
// npm run simulate [busy|overload|all] [--days N] [--seed S] [--oracle [RUNS]] [--json FILE] [--rule C,S,L]; npm run simulate staffing (scripts/simulation/staffing.mjs)
// Replays generated days of the demo hall (with real opening hours) through the real app in virtual time and prints
// how well the promised waits held. Figures only; nothing here asserts anything. The scenarios are documented in
// the README ("Estimate accuracy, measured").
import { writeFileSync } from 'node:fs';
import { printAccuracy } from './simulation/accuracy.mjs';
import { runDay } from './simulation/day.mjs';
import { monday, startSimulation } from './simulation/hall.mjs';
import { oracleHook } from './simulation/oracle.mjs';
import { SCENARIOS } from './simulation/scenarios.mjs';

const MIN = 60_000;
// The app builds many DomainErrors in a day (every idle counter's empty queue, the forecast's phantom calls); their
// stack traces are not needed here and cost a tenth of the run.
Error.stackTraceLimit = 0;
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const which = args.find((a, i) => !a.startsWith('--') && !/^[\d.,]+$/.test(a) && args[i - 1] !== '--json') ?? 'all';
const measuredDays = flag('days', 3);
const seed = flag('seed', 1);
/** --oracle [RUNS]: also the oracle's promise (RUNS plays per issue, default 200) next to the product's. */
const oracleRuns = args.includes('--oracle') ? Number(args[args.indexOf('--oracle') + 1]) || 200 : 0;
/** --json FILE: the measured tickets (promises, oracle quantiles, what happened) for analysis elsewhere. */
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
/**
 * --rule CENTER,SURE,LATE_MIN[,ROUND_MIN]: promise another point of the sampled plays than the app's PROMISE_RULE (the
 * CENTER quantile, or the SURE quantile less LATE_MIN minutes when later, less ROUND_MIN (default 0.5: shown rounded
 * to the nearest minute)), e.g. --rule 0.5,0.5,0 for the plain median.
 */
const rule = args.includes('--rule') ? args[args.indexOf('--rule') + 1].split(',').map(Number) : undefined;
const options = rule ? { promiseRule: { center: rule[0], sure: rule[1], lateMs: rule[2] * MIN, roundMs: (rule[3] ?? 0.5) * MIN } } : {};

async function runScenario(name, scenario) {
  const { app, clock, actor, close } = await startSimulation('vuoro-simulate-', undefined, options);
  const t0 = performance.now();
  const measured = [];
  const days = [];
  for (let d = 0; d < scenario.historyDays + measuredDays; d++) {
    const date = monday(d);
    const history = d < scenario.historyDays;
    const hooks = oracleRuns > 0 && !history ? { issued: oracleHook(app, scenario, oracleRuns, seed * 1000 + d) } : {};
    const day = runDay(app, clock, actor, history ? scenario.history ?? scenario : scenario, date, seed * 1000 + d, hooks);
    if (d >= scenario.historyDays) {
      measured.push(...day.tickets.map((t) => ({ ...t, close: day.close })));
      days.push({ date, ...day });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await close();

  console.log(`\n${scenario.title}`);
  console.log(`  ${scenario.historyDays} Mondays of history, then ${measuredDays} measured Mondays (seed ${seed}); ${seconds.toFixed(0)} s`);
  if (rule) console.log(`  promise: the ${rule[0]} quantile of the sampled plays, or the ${rule[1]} quantile less ${rule[2]} min when later, less ${rule[3] ?? 0.5} min`);
  for (const d of days) {
    const called = d.tickets.filter((t) => t.calledAt !== null).length;
    console.log(`  ${d.date}: ${d.tickets.length} tickets issued, ${d.refused} turned away (closed or cut-off), ${called} called before closing`);
  }
  if (oracleRuns > 0) console.log(`  oracle: ${oracleRuns} plays of the rest of the day per issue with the scenario's true parameters; its promise is their median`);
  printAccuracy(measured);
  if (jsonFile) writeFileSync(jsonFile.replace('.json', `-${name}.json`), JSON.stringify(measured));
}

if (which === 'staffing') {
  const staffing = { days: flag('days', 10), history: flag('history', 8), seed, share: flag('share', 0.8), patience: flag('patience', 0), shared: args.includes('--shared') };
  await (await import('./simulation/staffing.mjs')).runStaffing(staffing);
} else {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (which === 'all' || which === name) await runScenario(name, scenario);
  }
}
process.exit(0);
