import { describe, expect, it } from 'vitest';
import { estimateErrorBy, estimateErrorFigures, quantile } from './estimateError.js';

const MIN = 60_000;

describe('estimate error figures', () => {
  it('quantiles interpolate between ranks as spreadsheets do', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([4], 0.9)).toBe(4);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // (10 − 1) × 0.9 = 8.1 → 9 + 0.1 × (10 − 9)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
  });

  it('five promised visits give the hand-computed median, p90, mean and late and early shares', () => {
    // errors: +1, −2, +6, −7, 0 minutes; |errors| sorted 0, 1, 2, 6, 7
    const f = estimateErrorFigures([
      { promisedMs: 10 * MIN, waitMs: 11 * MIN, expired: false },
      { promisedMs: 10 * MIN, waitMs: 8 * MIN, expired: false },
      { promisedMs: 4 * MIN, waitMs: 10 * MIN, expired: false },
      { promisedMs: 20 * MIN, waitMs: 13 * MIN, expired: false },
      { promisedMs: 0, waitMs: 0, expired: false },
      { promisedMs: 30 * MIN, waitMs: null, expired: true },
      { promisedMs: 30 * MIN, waitMs: null, expired: false },
    ]);
    expect(f).toEqual({
      promises: 5,
      medianAbsErrorMs: 2 * MIN,
      p90AbsErrorMs: Math.round(6.6 * MIN), // (5 − 1) × 0.9 = 3.6 → 6 + 0.6 × (7 − 6)
      meanErrorMs: Math.round((-2 * MIN) / 5),
      lateShare: 1 / 5,
      earlyShare: 1 / 5,
      neverCalled: 1,
    });
  });

  it('exactly five minutes late is not counted as late', () => {
    const f = estimateErrorFigures([{ promisedMs: 0, waitMs: 5 * MIN, expired: false }]);
    expect(f.lateShare).toBe(0);
  });

  it('nothing promised gives no figures', () => {
    expect(estimateErrorFigures([])).toEqual({
      promises: 0, medianAbsErrorMs: null, p90AbsErrorMs: null, meanErrorMs: null, lateShare: null, earlyShare: null, neverCalled: 0,
    });
  });

  it('groups are sorted by key', () => {
    const g = estimateErrorBy([
      { key: 14, promisedMs: 0, waitMs: MIN, expired: false },
      { key: 9, promisedMs: 0, waitMs: 2 * MIN, expired: false },
      { key: 14, promisedMs: 0, waitMs: 3 * MIN, expired: false },
    ]);
    expect(g.map((x) => [x.key, x.figures.promises, x.figures.medianAbsErrorMs])).toEqual([[9, 1, 2 * MIN], [14, 2, 2 * MIN]]);
  });
});
