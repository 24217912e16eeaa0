// The estimate-error report of `npm run simulate busy|overload`: the product's promises at issue, and (with --oracle)
// the oracle's next to them (oracle.mjs), overall, by queue length at issue, by hour of issue, for need tickets and
// for tickets overtaken by a later one. Figures only.
import { estimateErrorFigures } from '../../server/dist/stats/estimateError.js';

const MIN = 60_000;
const pct = (x) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const mins = (ms) => (ms === null ? '–' : `${(ms / MIN).toFixed(1)} min`);

/** The figures (stats/estimateError.ts) of the promise `key` ('promised': the product's, 'oracle'). */
export function figures(list, key = 'promised') {
  return estimateErrorFigures(
    list
      .filter((t) => t[key] !== null && t[key] !== undefined)
      .map((t) => ({ promisedMs: t[key] * MIN, waitMs: t.calledAt === null ? null : t.calledAt - t.issuedAt, expired: t.calledAt === null })),
  );
}

function line(label, f) {
  return `  ${label.padEnd(40)} n=${String(f.promises).padStart(4)}  median |err| ${mins(f.medianAbsErrorMs).padStart(9)}  p90 ${mins(f.p90AbsErrorMs).padStart(9)}  >5 late ${pct(f.lateShare).padStart(7)}  >5 early ${pct(f.earlyShare).padStart(7)}  mean ${mins(f.meanErrorMs).padStart(9)}`;
}

/** One group: the product's line, and the oracle's under it when the tickets carry one. */
function rows(label, list) {
  const out = [line(label, figures(list))];
  if (list.some((t) => t.oracle !== undefined)) out.push(line('  oracle (floor)', figures(list, 'oracle')));
  return out.join('\n');
}

/** Tickets that a ticket issued later was called before. */
export function overtaken(tickets) {
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

/** The hall-local hour of issue (the simulated Mondays are in Helsinki time: UTC+2, from 29 March UTC+3). */
const HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: 'numeric', hourCycle: 'h23' });
const hourOf = (t) => Number(HOUR.format(new Date(t.issuedAt)));

/** Prints the report of the measured tickets (each with `close`, its day's closing). */
export function printAccuracy(measured) {
  console.log(rows('all tickets', measured));
  console.log('  by queue length at issue (tickets waiting in the hall):');
  for (const [label, from, to] of [['0–4', 0, 4], ['5–9', 5, 9], ['10–14', 10, 14], ['15–24', 15, 24], ['25–199', 25, 199], ['200+', 200, Infinity]]) {
    const list = measured.filter((t) => t.waitingBefore >= from && t.waitingBefore <= to);
    if (list.length > 0) console.log(rows(`  ${label} waiting`, list));
  }
  console.log('  by hour of issue:');
  for (let h = 0; h < 24; h++) {
    const list = measured.filter((t) => hourOf(t) === h);
    if (list.length > 0) console.log(rows(`  ${String(h).padStart(2, '0')}:00–${String(h).padStart(2, '0')}:59`, list));
  }
  console.log(rows('hearing-loop tickets', measured.filter((t) => t.needs.includes('hearing-loop'))));
  console.log(rows('tickets without needs', measured.filter((t) => t.needs.length === 0)));
  const over = overtaken(measured);
  console.log(rows('tickets overtaken by a later one', measured.filter((t) => over.has(t))));
  const withQ = measured.filter((t) => t.oracleQ && t.calledAt !== null);
  if (withQ.length > 0) {
    // How spread the true outcome is at issue: the oracle's 10–90 % and 25–75 % ranges and how often they held.
    const within = (lo, hi) => withQ.filter((t) => t.oracleQ[lo] !== null && t.oracleQ[hi] !== null && (t.calledAt - t.issuedAt) / MIN >= t.oracleQ[lo] && (t.calledAt - t.issuedAt) / MIN <= t.oracleQ[hi]).length / withQ.length;
    const width = (lo, hi) => {
      const w = withQ.filter((t) => t.oracleQ[hi] !== null).map((t) => t.oracleQ[hi] - t.oracleQ[lo]).sort((a, b) => a - b);
      return w.length ? `median width ${w[Math.floor(w.length / 2)].toFixed(1)} min, p90 ${w[Math.floor(w.length * 0.9)].toFixed(1)} min` : '–';
    };
    console.log(`  oracle's spread at issue: 10–90 % range held ${pct(within('q10', 'q90'))} (${width('q10', 'q90')}); 25–75 % held ${pct(within('q25', 'q75'))} (${width('q25', 'q75')})`);
  }
  const uncalled = measured.filter((t) => t.calledAt === null);
  const broken = uncalled.filter((t) => t.promised !== null && t.issuedAt + t.promised * MIN < t.close);
  console.log(`  never called before closing: ${uncalled.length} of ${measured.length}; of them promised a call before closing: ${broken.length} (${pct(measured.length ? broken.length / measured.length : null)} of tickets issued)`);
}
