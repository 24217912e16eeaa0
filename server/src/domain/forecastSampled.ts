import { forecastBatch, expectedTicket, type ForecastBatch, type ForecastExtras } from './forecastBatch.js';
import type { ForecastInput } from './forecast.js';
import { openCall, remainingVisitMs, type CallModel, type HourlyRates, type NeedsMix, type NeedsShare } from './forecastModel.js';
import type { Need } from '../protocol/index.js';
import { seededRandom } from './seededRandom.js';
import { localParts, zonedInstant } from './time.js';
import type { Ticket } from './types.js';

/**
 * The forecast as a median, not a mean (README "Estimated wait"). Playing the queue with every visit at its mean
 * answers roughly the mean call time, and for a queue that is not linear the mean is not what a visitor should be
 * promised: the next of four busy counters comes free at the first of four random ends, far sooner than the first of
 * four mean ends; visit times are skewed, so a sum of them is below its mean more often than above. So the same play
 * is repeated `runs` times with sampled instead of mean durations (the service's observed visit times drawn with
 * replacement, a visit in progress conditioned on how long it has lasted, no-shows drawn at the measured rate,
 * arrivals drawn as a Poisson process of the hourly rates), and each ticket is promised a point of its call times
 * chosen by a PromiseRule: the median, the point with the least mean absolute error, moved later where the spread
 * would make a late call likely. Pure: the random draws come from `seed`.
 */

/** A visit in progress or a visitor on the way, at an open counter (what the mean play turns into `freeAt`). */
export interface InProgress {
  counterId: string;
  serviceId: string;
  /** Started (being served) this long ago, or called this long ago and not started. */
  state: 'serving' | 'called';
  elapsedMs: number;
}

export interface Sampling {
  /** Observed visit times (ms) per service, drawn with replacement; a service without any uses its mean. */
  durations: ReadonlyMap<string, readonly number[]>;
  meanMs: (serviceId: string) => number;
  calls: CallModel;
  inProgress: readonly InProgress[];
  /** Arrival rates per hall-local hour and the hall's time zone (the mean play's `future`, drawn instead). */
  rates: HourlyRates;
  timeZone: string;
  /** Arrivals are drawn up to this time (the mean play's horizon). */
  arrivalsUntil: number;
  /** The needs each arrival is drawn with (its service's mix); absent: none. */
  needs?: NeedsMix;
}

/** Fewer observed visits of a service than this are not drawn from (too few to stand for the spread): the mean is. */
export const MIN_DURATIONS_TO_DRAW = 10;

/** One observed duration, uniformly. */
function draw(list: readonly number[], rand: () => number): number {
  return list[Math.min(list.length - 1, Math.floor(rand() * list.length))] ?? 0;
}

/**
 * How much longer a visit that has lasted `elapsedMs` takes, drawn from the observed visits longer than that (minus
 * the time elapsed). With fewer than MIN_DURATIONS_TO_DRAW observed visits, or none longer, the mean play's answer
 * (remainingVisitMs: the mean residual, or OUTLASTED_SHARE of the mean for a visit that outlasted them all).
 */
export function sampleRemainingMs(durations: readonly number[], elapsedMs: number, meanMs: number, rand: () => number): number {
  if (durations.length < MIN_DURATIONS_TO_DRAW) return remainingVisitMs(durations, elapsedMs, meanMs);
  const longer = elapsedMs > 0 ? durations.filter((d) => d > elapsedMs) : durations;
  if (longer.length === 0) return remainingVisitMs(durations, elapsedMs, meanMs);
  return draw(longer, rand) - elapsedMs;
}

/**
 * What one call costs a counter, drawn: a no-show's wait at the measured rate, else the walk-up, a visit (the mean
 * visit with fewer than MIN_DURATIONS_TO_DRAW observed) and the gap before the next call.
 */
export function sampleCallMs(durations: readonly number[], meanMs: number, m: CallModel, rand: () => number): number {
  if (m.noShowRate > 0 && rand() < m.noShowRate) return m.noShowWaitMs;
  return m.walkMs + drawVisitMs(durations, meanMs, rand) + m.gapMs;
}

/** The needs of one arrival of a service: a combination drawn at its share of the mix, or none. */
export function drawNeeds(mix: readonly NeedsShare[], rand: () => number): Need[] {
  let u = rand();
  for (const c of mix) if ((u -= c.share) < 0) return [...c.needs];
  return [];
}

/** One visit's time: an observed one, or the mean with fewer than MIN_DURATIONS_TO_DRAW observed. */
function drawVisitMs(durations: readonly number[], meanMs: number, rand: () => number): number {
  return durations.length < MIN_DURATIONS_TO_DRAW ? meanMs : draw(durations, rand);
}

/**
 * Arrivals in [from, to) drawn as a Poisson process whose rate per hall-local hour is `rates[hour]` (exponential
 * gaps; a gap that crosses into the next hour is drawn again from the hour's start, which is exact for a Poisson
 * process).
 */
export function sampledArrivals(rates: readonly number[], from: number, to: number, timeZone: string, rand: () => number): number[] {
  const out: number[] = [];
  for (let a = from; a < to; ) {
    const p = localParts(a, timeZone);
    const hour = Math.floor(p.minutes / 60);
    const next = hour >= 23 ? zonedInstant(p.date, 24 * 60, timeZone) : zonedInstant(p.date, (hour + 1) * 60, timeZone);
    const end = Math.min(to, next > a ? next : a + 3_600_000);
    const perMs = (rates[hour] ?? 0) / 3_600_000;
    let t = a;
    while (perMs > 0) {
      t += -Math.log(Math.max(rand(), 1e-12)) / perMs;
      if (t >= end) break;
      out.push(t);
    }
    a = end;
  }
  return out;
}

/**
 * The q-quantile of the values, interpolating between ranks (as PERCENTILE.INC); +Infinity stands for "not called in
 * that play", so a quantile can be none (Infinity).
 */
export function quantileOf(values: number[], q: number): number {
  values.sort((a, b) => a - b);
  const pos = (values.length - 1) * q;
  const lo = values[Math.floor(pos)] ?? Infinity;
  const hi = values[Math.ceil(pos)] ?? Infinity;
  return Number.isFinite(hi) ? lo + (hi - lo) * (pos - Math.floor(pos)) : lo;
}

/**
 * Which point of a ticket's sampled call times it is promised: the `center` quantile, unless that leaves more than
 * 1 − `sure` of the plays calling it more than `lateMs` after the promise; then the `sure` quantile minus `lateMs`.
 * The median (center 0.5) has the least mean absolute error, but where the spread is wide (a long queue, a peak, a
 * ticket hanging on two counters) being called more than 5 minutes late is likely; this keeps that below 1 − `sure`
 * where the center alone would not, and leaves narrow spreads at the center (README "Estimate accuracy, measured").
 */
export interface PromiseRule {
  center: number;
  sure: number;
  lateMs: number;
  /**
   * Taken off the point before it is shown: a wait is shown in whole minutes rounded up (minutesUntil), so half a
   * minute here shows the point rounded to the nearest minute instead (a point of 2.2 minutes is "2 min", not "3").
   * Absent: 0.
   */
  roundMs?: number;
}

/** The plain median. */
export const MEDIAN_RULE: PromiseRule = { center: 0.5, sure: 0.5, lateMs: 0 };

/** The promise for one ticket's call times under `rule` (Infinity stands for "not called in that play"). */
export function promiseOf(times: number[], rule: PromiseRule): number {
  const center = quantileOf(times, rule.center);
  const sure = quantileOf(times, rule.sure);
  return (Number.isFinite(sure) ? Math.max(center, sure - rule.lateMs) : center) - (rule.roundMs ?? 0);
}

/**
 * The batch of the mean play (`base`, as forecastBatch gives it), its call times replaced by the promises (`rule`,
 * default the median) of `runs` sampled plays: for each waiting ticket reached by the mean play, and each service's
 * new ticket placed by it. Where more than half the sampled plays do not reach a ticket, the mean play's answer stays
 * (the horizon and the extrapolation beyond it are the mean play's). With `runs` 0 the mean play is the answer.
 */
export function sampledPromises(
  base: ForecastBatch,
  input: Omit<ForecastInput, 'until'> & ForecastExtras,
  services: readonly string[],
  s: Sampling,
  runs: number,
  seed: number,
  rule: PromiseRule = MEDIAN_RULE,
): ForecastBatch {
  if (runs <= 0) return base;
  const rand = seededRandom(seed);
  const empty: readonly number[] = [];
  const durations = (serviceId: string) => s.durations.get(serviceId) ?? empty;
  const ticketTimes = new Map<number, number[]>();
  for (const id of base.callAt.keys()) ticketTimes.set(id, []);
  const newTimes = new Map<string, number[]>();
  for (const [serviceId, at] of base.newTicketAt) if (typeof at === 'number') newTimes.set(serviceId, []);
  // What each open call most likely is, told once by the time since it (the same in every play).
  const open = s.inProgress.map((p) => (p.state === 'called' ? openCall(p.elapsedMs, s.calls) : undefined));
  for (let r = 0; r < runs; r++) {
    const freeAt = new Map<string, number>();
    s.inProgress.forEach((p, i) => {
      const meanMs = s.meanMs(p.serviceId);
      const told = open[i];
      let left: number;
      if (p.state === 'serving') left = sampleRemainingMs(durations(p.serviceId), p.elapsedMs, meanMs, rand) + s.calls.gapMs;
      else if (told) {
        left = rand() < told.comeShare
          ? draw(told.walksLeftMs, rand) + drawVisitMs(durations(p.serviceId), meanMs, rand) + s.calls.gapMs
          : draw(told.waitsLeftMs, rand);
      } else if (s.calls.noShowRate > 0 && rand() < s.calls.noShowRate) left = Math.max(0, s.calls.noShowWaitMs - p.elapsedMs);
      else left = Math.max(0, s.calls.walkMs - p.elapsedMs) + drawVisitMs(durations(p.serviceId), meanMs, rand) + s.calls.gapMs;
      freeAt.set(p.counterId, input.now + left);
    });
    const future: Ticket[] = [];
    let id = 0;
    for (const [serviceId, rates] of s.rates) {
      const mix = s.needs?.get(serviceId);
      for (const at of sampledArrivals(rates, input.now, s.arrivalsUntil, s.timeZone, rand)) {
        const t = expectedTicket(serviceId, at, --id);
        future.push(mix ? { ...t, needs: drawNeeds(mix, rand) } : t);
      }
    }
    const f = forecastBatch(
      { ...input, freeAt, future, callCostMs: (serviceId) => sampleCallMs(durations(serviceId), s.meanMs(serviceId), s.calls, rand) },
      services,
    );
    for (const [tid, list] of ticketTimes) list.push(f.callAt.get(tid) ?? Infinity);
    for (const [serviceId, list] of newTimes) list.push(f.newTicketAt.get(serviceId) ?? Infinity);
  }
  // Never before now (a rounding rule takes half a minute off a call expected at once).
  const callAt = new Map(base.callAt);
  for (const [tid, list] of ticketTimes) {
    const m = promiseOf(list, rule);
    if (Number.isFinite(m)) callAt.set(tid, Math.max(input.now, m));
  }
  const newTicketAt = new Map(base.newTicketAt);
  for (const [serviceId, list] of newTimes) {
    const m = promiseOf(list, rule);
    if (Number.isFinite(m)) newTicketAt.set(serviceId, Math.max(input.now, m));
  }
  return { ...base, callAt, newTicketAt };
}
