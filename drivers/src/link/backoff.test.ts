import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from 250 ms and stops growing at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => backoffDelay(attempt))).toEqual([
      250, 500, 1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });

  it('follows configured start, cap and factor', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, { initialDelayMs: 100, maxDelayMs: 1000, factor: 3 }))).toEqual([
      100, 300, 900, 1000,
    ]);
  });
});
