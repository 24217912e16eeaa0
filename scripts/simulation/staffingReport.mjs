// The table of the staffing check (staffing.mjs): per group and hour what the advice said and predicted, and what the
// measured days achieved; with leavers, how many left; with the roaming point open, what it worked for each group.

const MIN = 60_000;
const HOUR = 60 * MIN;

const pct = (x) => (x === null || Number.isNaN(x) ? '    –' : `${(x * 100).toFixed(1).padStart(5)}`);
const pp = (x) => (x === null || Number.isNaN(x) ? '    –' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1).padStart(4)}`);

export function printStaffing({ scenario, advice, accounted, tally, roaming, measuredDays, seed, share, seconds, shared, groups }) {
  const leavers = scenario.patienceMinutes !== undefined;
  console.log(`\nStaffing advice checked: ${scenario.title}${leavers ? `; visitors leave after an exponential patience, mean ${scenario.patienceMinutes} min` : ''}`);
  console.log(
    `  advice from ${scenario.historyDays} Mondays of history (all 7 counters open), share ${pct(share).trim()} %; then ${measuredDays} Mondays with the advised counters open each hour${shared ? ' and the roaming point 7 open all day' : ''} (seed ${seed}); ${seconds.toFixed(0)} s`,
  );
  for (const group of groups) {
    const r = advice.rows.find((x) => x.group === group);
    if (r) console.log(`  ${group}: ${r.method === 'erlangA' ? `Erlang A, mean patience ${(r.patienceMs / MIN).toFixed(1)} min` : 'Erlang C'}, handling-time CV ${r.handlingCv ?? '– (exponential assumed)'}`);
  }
  console.log(
    `  group   hour  arrivals/h  handling  target  formula (its SL)  advised  predicted SL  achieved SL (n)   achieved − target  achieved − predicted${leavers ? '  left  early' : ''}${shared ? '  open (app)  7 worked' : ''}`,
  );
  const summary = [];
  for (const group of groups) {
    let predictedSum = 0;
    let weightSum = 0;
    let worked = 0;
    for (const r of advice.rows.filter((x) => x.group === group)) {
      const got = tally[group]?.[r.hour];
      if (!got || r.handlingMs === null) continue;
      const predicted = r.serviceLevelNeeded;
      const achieved = got.within / got.n;
      predictedSum += predicted * got.n;
      weightSum += got.n;
      const seven = (roaming[group]?.[r.hour] ?? 0) / measuredDays / HOUR;
      worked += seven;
      const open = accounted?.rows.find((x) => x.group === group && x.hour === r.hour)?.countersOpen;
      console.log(
        `  ${group.padEnd(7)} ${String(r.hour).padStart(4)}  ${r.arrivalsPerHour.toFixed(1).padStart(10)}  ${(r.handlingMs / MIN).toFixed(1).padStart(5)} min  ${String(r.targetMinutes).padStart(3)} min  ${String(r.countersFormula).padStart(7)} (${pct(r.serviceLevelFormula)} %)  ${String(r.countersNeeded).padStart(7)}  ${pct(predicted).padStart(10)} %  ${pct(achieved)} % (${String(got.n).padStart(4)})  ${pp(achieved - share).padStart(14)} pp  ${pp(achieved - predicted).padStart(17)} pp` +
          (leavers ? `  ${pct(got.left / got.n)}  ${pct(got.leftEarly / got.n)}` : '') +
          (shared ? `  ${(open ?? 0).toFixed(2).padStart(10)}  ${seven.toFixed(2).padStart(8)}` : ''),
      );
    }
    const day = tally[group]?.[-1];
    if (!day) continue;
    const achieved = day.within / day.n;
    const predicted = predictedSum / weightSum;
    summary.push(
      `  ${group.padEnd(7)}  day  achieved ${pct(achieved)} % of ${day.n}  predicted ${pct(predicted)} %  target ${pct(share)} %  achieved − target ${pp(achieved - share)} pp  achieved − predicted ${pp(achieved - predicted)} pp` +
        (leavers ? `; ${day.left} left uncalled (${pct(day.left / day.n).trim()} %), ${day.leftEarly} of them within the target (counted in time: ${pct((day.within + day.leftEarly) / day.n).trim()} %)` : '') +
        (shared ? `; counter 7 worked ${worked.toFixed(2)} counter-hours a day for the group` : ''),
    );
  }
  for (const line of summary) console.log(line);
  if (leavers) console.log('  achieved: called within the target ÷ tickets issued (leavers and expired tickets are misses, as the statistics count them); left: share who left uncalled; early: share who left uncalled before the target');
  if (shared) console.log("  open (app): the counters open by the app's accounting (counter 7 counted for each group by its profile weights' share); 7 worked: counter-hours of counter 7 on the group's visitors (walk-up and visit)");
}
