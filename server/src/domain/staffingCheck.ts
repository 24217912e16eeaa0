/**
 * The day check of the staffing advice (README "Staffing advice"): the formula treats each hour as if it stood alone,
 * but a queue left at the end of a busy hour is served by the next hour's counters, and the hall closes at the end of
 * its last hour. This plays one service group's day many times, the hours in order, with the advised counters, and
 * raises the count of the first hour that falls short until every hour calls `share` of its arrivals in time.
 * Pure: the random numbers come from the seed passed in.
 */
import type { StaffingModel } from './erlang.js';
import { seededRandom } from './seededRandom.js';

const HOUR = 3_600_000;

/** One hour of a service group's day. */
export interface HourDemand {
  hour: number;
  arrivalsPerHour: number;
  /** Mean handling time of the hour's arrivals; null without arrivals. */
  handlingMs: number | null;
}

const exponential = (rand: () => number, mean: number) => -Math.log(1 - rand()) * mean;

/** Handling times: exponential when the spread is Erlang C's assumption (CV² = 1), else lognormal with that CV. */
function handling(rand: () => number, mean: number, cv2: number): number {
  if (cv2 === 1) return exponential(rand, mean);
  if (cv2 <= 0) return mean;
  const s2 = Math.log(1 + cv2);
  const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * z);
}

/**
 * Plays `days` days of the hours (consecutive, in order; the hall closes at the end of the last) with `counters[i]`
 * counters in hour i, first come first served: each arrival goes to the counter free first that is on duty then (a
 * counter finishes its visit, then leaves if its hour is over). A visitor whose patience (exponential, when the model
 * has one) runs out before a counter is free leaves uncalled: a miss, as the statistics count it. Returns per hour of
 * issue the arrivals and those called within `targetMs`.
 */
export function playDays(
  hours: readonly HourDemand[],
  counters: readonly number[],
  model: StaffingModel,
  targetMs: number,
  days: number,
  seed: number,
): { arrivals: number; inTime: number }[] {
  const out = hours.map(() => ({ arrivals: 0, inTime: 0 }));
  if (hours.length === 0) return out;
  const rand = seededRandom(seed);
  const end = hours.length * HOUR;
  const most = Math.max(0, ...counters);
  /** The first moment from `x` when counter k is on duty, or Infinity (closed for the rest of the day). */
  const onDuty = (k: number, x: number) => {
    for (let i = Math.max(0, Math.floor(x / HOUR)); i < hours.length; i++) {
      if (k < (counters[i] ?? 0)) return Math.max(x, i * HOUR);
    }
    return Number.POSITIVE_INFINITY;
  };
  for (let d = 0; d < days; d++) {
    const free = new Array<number>(most).fill(0);
    for (let i = 0; i < hours.length; i++) {
      const h = hours[i];
      if (!h || h.arrivalsPerHour <= 0 || h.handlingMs === null) continue;
      const slot = out[i] ?? { arrivals: 0, inTime: 0 };
      for (let t = i * HOUR + exponential(rand, HOUR / h.arrivalsPerHour); t < (i + 1) * HOUR; t += exponential(rand, HOUR / h.arrivalsPerHour)) {
        const service = handling(rand, h.handlingMs, model.handlingCv2);
        const patience = model.patienceMs === null ? Number.POSITIVE_INFINITY : exponential(rand, model.patienceMs);
        let best = -1;
        let at = Number.POSITIVE_INFINITY;
        for (let k = 0; k < most; k++) {
          const x = onDuty(k, Math.max(t, free[k] ?? 0));
          if (x < at) {
            at = x;
            best = k;
          }
        }
        slot.arrivals += 1;
        if (best < 0 || at >= end) continue; // not reached before closing
        if (at - t > patience) continue; // left before being called
        if (at - t <= targetMs) slot.inTime += 1;
        free[best] = at + service;
      }
    }
  }
  return out;
}

/**
 * Bounds on the work of one answer (the server is single-threaded): up to 200 days, fewer for a busy group so that a
 * play has about 20,000 arrivals (at least 20 days), and at most 24 counters added.
 */
export const CHECK_DAYS = 200;
const CHECK_ARRIVALS = 20_000;
const MIN_CHECK_DAYS = 20;
const MAX_RAISES = 24;

/** Days to play for a day of `arrivalsPerDay` visitors. */
export function checkDays(arrivalsPerDay: number): number {
  if (arrivalsPerDay <= 0) return CHECK_DAYS;
  return Math.max(MIN_CHECK_DAYS, Math.min(CHECK_DAYS, Math.ceil(CHECK_ARRIVALS / arrivalsPerDay)));
}

/**
 * The day check: from `counters` (the formula's advice per hour), raise the first hour whose played level is below
 * `share` by one counter, and play again, until every hour holds. Returns the counters and each hour's played level
 * (null for an hour without arrivals).
 */
export function checkDay(
  hours: readonly HourDemand[],
  counters: readonly number[],
  model: StaffingModel,
  targetMs: number,
  share: number,
  seed: number,
  days = checkDays(hours.reduce((a, h) => a + h.arrivalsPerHour, 0)),
): { counters: number[]; levels: (number | null)[] } {
  const c = [...counters];
  for (let raise = 0; ; raise++) {
    const played = playDays(hours, c, model, targetMs, days, seed);
    const levels = played.map((p) => (p.arrivals > 0 ? p.inTime / p.arrivals : null));
    const short = levels.findIndex((l) => l !== null && l < share);
    if (short < 0 || raise >= MAX_RAISES) return { counters: c, levels };
    c[short] = (c[short] ?? 0) + 1;
  }
}
