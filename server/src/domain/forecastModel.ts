import type { Need } from '../protocol/index.js';
import { routesCall } from './callNext.js';
import { localParts, zonedInstant } from './time.js';

/**
 * The pieces of the forecast that are measured from the hall's own history (README "Estimated wait"): what a call
 * costs a counter (walk-up, no-shows, the visit), how long a visit in progress still lasts, and how many visitors of
 * each service are expected to arrive. Pure: the services read the history and pass it in, with the time.
 */

const HOUR = 3_600_000;
/** When a visit has already outlasted every observed one, it is expected to last this share of the mean visit more. */
export const OUTLASTED_SHARE = 0.25;

/**
 * What happens around a call, measured per hall: the walk to the counter, how often (and after how long) nobody comes,
 * and the counter's time between finishing a visit and calling the next while someone waits (notes, a form put away).
 */
export interface CallModel {
  /** Mean time from call to start. */
  walkMs: number;
  /** Share of calls that end as a no-show. */
  noShowRate: number;
  /** Mean time from call to the no-show being recorded. */
  noShowWaitMs: number;
  /** Mean time from a visit's finish to the counter's next call, when the visitor called was already waiting. */
  gapMs: number;
  /**
   * The observed call → start times of visitors who came, and call → no-show times of those who did not, that the
   * means above come from: they tell what a call still open after a while most likely is (openCall). Absent: only
   * the means are known.
   */
  walks?: readonly number[];
  noShowWaits?: readonly number[];
}

export const NO_CALL_HISTORY: CallModel = { walkMs: 0, noShowRate: 0, noShowWaitMs: 0, gapMs: 0 };

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** A gap between a finish and the next call longer than this is a pause (a break, a phone call), not a routine. */
export const MAX_GAP_MS = 10 * 60_000;

/**
 * The call model from recent calls: `walksMs` are call → start times of visits that started; `outcomes` the recent
 * calls that ended (started or no-show), each with the time from call to its no-show when it was one; `gapsMs` the
 * times from a visit's finish to the same counter's next call of a visitor already waiting (those over MAX_GAP_MS
 * are pauses and left out).
 */
export function callModel(walksMs: readonly number[], outcomes: readonly { noShowAfterMs: number | null }[], gapsMs: readonly number[] = []): CallModel {
  const noShows = outcomes.filter((o) => o.noShowAfterMs !== null).map((o) => o.noShowAfterMs ?? 0);
  const walks = walksMs.filter((w) => w >= 0);
  return {
    walkMs: mean(walks) ?? 0,
    noShowRate: outcomes.length === 0 ? 0 : noShows.length / outcomes.length,
    noShowWaitMs: mean(noShows) ?? 0,
    gapMs: mean(gapsMs.filter((g) => g >= 0 && g <= MAX_GAP_MS)) ?? 0,
    walks,
    noShowWaits: noShows,
  };
}

/** Fewer observed walk-ups (or no-shows, when there are any) than this say too little to tell an open call by. */
export const MIN_CALLS_TO_TELL = 10;

/**
 * What a call still open `sinceCallMs` after it is: the chance that the visitor is still on the way (rather than not
 * coming at all), and the times left either way (the observed walk-ups, and no-show waits, longer than the time
 * since the call, less it). A minute and a half after a call in a hall whose visitors reach the counter within one,
 * the counter is almost surely waiting for someone who will not come and is free soon, not busy for a whole visit
 * (the no-show share alone says nothing about that). Called longer ago than any observed walk-up or no-show: the
 * visitor is taken to be at the counter already (the start not pressed yet), with the whole visit ahead. Undefined
 * when too few calls were observed (MIN_CALLS_TO_TELL): then only the means are known.
 */
export interface OpenCall {
  comeShare: number;
  walksLeftMs: readonly number[];
  waitsLeftMs: readonly number[];
}

export function openCall(sinceCallMs: number, m: CallModel): OpenCall | undefined {
  const walks = m.walks ?? [];
  const waits = m.noShowRate > 0 ? (m.noShowWaits ?? []) : [];
  if (walks.length < MIN_CALLS_TO_TELL || (m.noShowRate > 0 && waits.length < MIN_CALLS_TO_TELL)) return undefined;
  const left = (xs: readonly number[]) => (sinceCallMs > 0 ? xs.filter((x) => x > sinceCallMs) : xs).map((x) => x - Math.max(0, sinceCallMs));
  const walksLeftMs = left(walks);
  const waitsLeftMs = left(waits);
  const come = (1 - m.noShowRate) * (walksLeftMs.length / walks.length);
  const away = waits.length === 0 ? 0 : m.noShowRate * (waitsLeftMs.length / waits.length);
  if (come + away === 0) return { comeShare: 1, walksLeftMs: [0], waitsLeftMs: [] };
  return { comeShare: come / (come + away), walksLeftMs, waitsLeftMs };
}

/**
 * What one call is expected to cost a counter: the walk-up, visit and the gap before the next call when the visitor
 * comes; the wait when not (after a no-show the next call follows at once).
 */
export function callCostMs(visitMeanMs: number, m: CallModel): number {
  return (1 - m.noShowRate) * (m.walkMs + visitMeanMs + m.gapMs) + m.noShowRate * m.noShowWaitMs;
}

/**
 * How much longer a visit that has lasted `elapsedMs` is expected to take, from the service's observed visit times:
 * the mean of (d − elapsed) over the observed visits longer than `elapsedMs` (the mean residual time). A visit that
 * has outlasted every observed one is expected to take OUTLASTED_SHARE of the mean visit more. With no observed
 * visits: the mean visit minus the time elapsed, but at least that share.
 */
export function remainingVisitMs(durationsMs: readonly number[], elapsedMs: number, meanMs: number): number {
  const longer = durationsMs.filter((d) => d > elapsedMs);
  const floor = OUTLASTED_SHARE * meanMs;
  if (durationsMs.length === 0) return Math.max(meanMs - elapsedMs, floor);
  if (longer.length === 0) return floor;
  return (mean(longer) ?? 0) - elapsedMs;
}

/**
 * How much longer a counter is busy with a visitor called `sinceCallMs` ago who has not started yet: told by the time
 * since the call (openCall) when enough calls were observed, else from the means.
 */
export function remainingAfterCallMs(sinceCallMs: number, visitMeanMs: number, m: CallModel): number {
  const open = openCall(sinceCallMs, m);
  if (open) {
    const come = (mean(open.walksLeftMs) ?? 0) + visitMeanMs + m.gapMs;
    return open.comeShare * come + (1 - open.comeShare) * (mean(open.waitsLeftMs) ?? 0);
  }
  const come = Math.max(0, m.walkMs - sinceCallMs) + visitMeanMs + m.gapMs;
  const stayAway = Math.max(0, m.noShowWaitMs - sinceCallMs);
  return (1 - m.noShowRate) * come + m.noShowRate * stayAway;
}

/** A combination of needs that change who may call a ticket, and the share of a service's tickets asking for it. */
export interface NeedsShare {
  needs: readonly Need[];
  share: number;
}

/** Per service: the combinations of needs its tickets ask for (NeedsShare); a service without any is absent. */
export type NeedsMix = ReadonlyMap<string, readonly NeedsShare[]>;

/**
 * The needs mix of the services' tickets (`issued`): for each service, each combination of the needs that change
 * who may call a ticket (a counter feature such as a hearing loop, priority) and the share of its tickets with it.
 * Other needs (an interpreter) leave the call as it is and are left out. Arrivals still to come are drawn with it,
 * so a play knows that some of them will wait for the two counters with a loop, or go first.
 */
export function needsMix(issued: readonly { serviceId: string; needs: readonly Need[] }[]): Map<string, NeedsShare[]> {
  const totals = new Map<string, number>();
  const combos = new Map<string, Map<string, { needs: Need[]; n: number }>>();
  for (const t of issued) {
    totals.set(t.serviceId, (totals.get(t.serviceId) ?? 0) + 1);
    const routed = t.needs.filter(routesCall).sort();
    if (routed.length === 0) continue;
    let byKey = combos.get(t.serviceId);
    if (!byKey) combos.set(t.serviceId, (byKey = new Map()));
    const key = routed.join(' ');
    const had = byKey.get(key);
    if (had) had.n += 1;
    else byKey.set(key, { needs: routed, n: 1 });
  }
  const out = new Map<string, NeedsShare[]>();
  for (const [serviceId, byKey] of combos) {
    const total = totals.get(serviceId) ?? 1;
    const sorted = [...byKey].sort(([a], [b]) => (a < b ? -1 : 1));
    out.set(serviceId, sorted.map(([, c]) => ({ needs: c.needs, share: c.n / total })));
  }
  return out;
}

/** Expected arrivals per hall-local hour of the day (24 numbers) per service, for one weekday. */
export type HourlyRates = ReadonlyMap<string, readonly number[]>;

/**
 * The mean number of tickets issued per hour of the day for each service, over `days` earlier days of the same
 * weekday (days without any ticket, closures, are left out by the caller). `issued` are those days' tickets.
 */
export function hourlyRates(issued: readonly { serviceId: string; at: number }[], days: number, timeZone: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (days <= 0) return out;
  for (const t of issued) {
    const hour = Math.floor(localParts(t.at, timeZone).minutes / 60);
    let row = out.get(t.serviceId);
    if (!row) out.set(t.serviceId, (row = new Array<number>(24).fill(0)));
    row[hour] = (row[hour] ?? 0) + 1 / days;
  }
  return out;
}

/**
 * When visitors are expected to arrive in [from, to), from a service's hourly rates: deterministic, at the moments
 * the expected count reaches ½, 1½, 2½, … (so 6 an hour from 10:00 arrive at 10:05, 10:15, …, 10:55).
 */
export function expectedArrivals(rates: readonly number[], from: number, to: number, timeZone: string): number[] {
  const out: number[] = [];
  let acc = 0;
  let need = 0.5;
  for (let a = from; a < to; ) {
    const p = localParts(a, timeZone);
    const hour = Math.floor(p.minutes / 60);
    const b = Math.min(to, hour >= 23 ? zonedInstant(p.date, 24 * 60, timeZone) : zonedInstant(p.date, (hour + 1) * 60, timeZone));
    const end = b > a ? b : a + HOUR; // never stand still (a clock change)
    const perMs = (rates[hour] ?? 0) / HOUR;
    const span = (Math.min(end, to) - a) * perMs;
    while (perMs > 0 && acc + span >= need) {
      out.push(a + (need - acc) / perMs);
      need += 1;
    }
    acc += span;
    a = Math.min(end, to);
  }
  return out;
}
