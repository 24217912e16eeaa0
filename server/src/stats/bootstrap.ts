import { seededRandom } from '../domain/seededRandom.js';

/**
 * Is a change in the mean wait between two periods likely real? A percentile bootstrap: resample each period's waits
 * with replacement `resamples` times, take the difference of the means (b − a) each time, and read the 2.5th and
 * 97.5th percentiles. The change is "likely real" when that 95 % interval does not contain 0. Pure: the generator is
 * seeded, so the same data give the same interval.
 */

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function resampledMean(xs: readonly number[], rand: () => number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rand() * xs.length)] ?? 0;
  return s / xs.length;
}

export interface MeanDifference {
  /** mean(b) − mean(a); null when a period has no values. */
  diff: number | null;
  /** The 95 % bootstrap interval of the difference. */
  low: number | null;
  high: number | null;
  likelyReal: boolean | null;
}

export function bootstrapMeanDifference(a: readonly number[], b: readonly number[], resamples = 1000, seed = 1): MeanDifference {
  if (a.length === 0 || b.length === 0) return { diff: null, low: null, high: null, likelyReal: null };
  const rand = seededRandom(seed);
  const diffs: number[] = [];
  for (let i = 0; i < resamples; i++) diffs.push(resampledMean(b, rand) - resampledMean(a, rand));
  diffs.sort((x, y) => x - y);
  const at = (q: number) => diffs[Math.min(diffs.length - 1, Math.max(0, Math.round(q * (diffs.length - 1))))] ?? 0;
  const low = at(0.025);
  const high = at(0.975);
  return { diff: mean(b) - mean(a), low, high, likelyReal: low > 0 || high < 0 };
}
