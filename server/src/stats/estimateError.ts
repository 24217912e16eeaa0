import type { EstimateErrorFigures } from '../protocol/index.js';

/** Called more than this much later (or earlier) than promised counts as late (early). */
export const PROMISE_TOLERANCE_MS = 5 * 60_000;

/** One promised visit: the promised and (when called) the actual wait. */
export interface PromisedVisit {
  promisedMs: number;
  /** Null when the ticket was never called. */
  waitMs: number | null;
  /** True when the ticket expired without a call (the day did not reach it). */
  expired: boolean;
}

/** The q-quantile (0…1) of ascending values, interpolating linearly between ranks (spreadsheets' PERCENTILE.INC). */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/** Estimate-error figures of a set of promised visits (pure arithmetic; see EstimateErrorFigures). */
export function estimateErrorFigures(visits: readonly PromisedVisit[]): EstimateErrorFigures {
  const errors: number[] = [];
  let neverCalled = 0;
  for (const v of visits) {
    if (v.waitMs !== null) errors.push(v.waitMs - v.promisedMs);
    else if (v.expired) neverCalled += 1;
  }
  const n = errors.length;
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  return {
    promises: n,
    medianAbsErrorMs: round(quantile(abs, 0.5)),
    p90AbsErrorMs: round(quantile(abs, 0.9)),
    meanErrorMs: n > 0 ? Math.round(errors.reduce((s, e) => s + e, 0) / n) : null,
    lateShare: n > 0 ? errors.filter((e) => e > PROMISE_TOLERANCE_MS).length / n : null,
    earlyShare: n > 0 ? errors.filter((e) => e < -PROMISE_TOLERANCE_MS).length / n : null,
    neverCalled,
  };
}

/** Figures per group key, keys in ascending order. */
export function estimateErrorBy<K extends string | number>(
  rows: readonly (PromisedVisit & { key: K })[],
): { key: K; figures: EstimateErrorFigures }[] {
  const groups = new Map<K, PromisedVisit[]>();
  for (const r of rows) {
    const list = groups.get(r.key);
    if (list) list.push(r);
    else groups.set(r.key, [r]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => ({ key, figures: estimateErrorFigures(list) }));
}
