import { describe, expect, it } from 'vitest';
import { bootstrapMeanDifference } from './bootstrap.js';

describe('the bootstrap interval of a change in the mean wait', () => {
  it('identical constant periods: difference 0, interval [0, 0], not a real change', () => {
    expect(bootstrapMeanDifference([5, 5, 5], [5, 5, 5])).toEqual({ diff: 0, low: 0, high: 0, likelyReal: false });
  });

  it('constant periods 10 apart: every resample differs by exactly 10, so the change is real', () => {
    expect(bootstrapMeanDifference([1, 1, 1, 1], [11, 11, 11])).toEqual({ diff: 10, low: 10, high: 10, likelyReal: true });
  });

  it('a clear shift in noisy waits is real; the same noise on both sides is not; the same seed gives the same interval', () => {
    const base = Array.from({ length: 200 }, (_, i) => (i % 20) * 60_000); // 0 … 19 min, mean 9.5 min
    const later = base.map((w) => w + 5 * 60_000);
    const shift = bootstrapMeanDifference(base, later);
    expect(shift.diff).toBe(5 * 60_000);
    expect(shift.likelyReal).toBe(true);
    expect(shift.low).toBeGreaterThan(0);
    const same = bootstrapMeanDifference(base, [...base].reverse());
    expect(same.diff).toBe(0);
    expect(same.likelyReal).toBe(false);
    expect(bootstrapMeanDifference(base, later)).toEqual(shift);
  });

  it('a period without waits gives no answer', () => {
    expect(bootstrapMeanDifference([], [1])).toEqual({ diff: null, low: null, high: null, likelyReal: null });
  });
});
