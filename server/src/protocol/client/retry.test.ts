import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_MAX_MS, RetryAfterRefusal, retryDelayAfterRefusal } from './retry.js';

describe('when a screen asks again after a refused join or snapshot', () => {
  it('only "too many requests" is retried; other refusals are shown', () => {
    expect(retryDelayAfterRefusal({ code: 'not_found' }, 0, 0)).toBeNull();
    expect(retryDelayAfterRefusal({ code: 'bad_request', details: { retryAfterMs: 10 } }, 0, 0)).toBeNull();
    expect(retryDelayAfterRefusal({ code: 'too_many_requests' }, 0, 0)).toBe(1_000);
  });

  it("honours the server's retryAfterMs or retryAfterSeconds when longer than the backoff", () => {
    expect(retryDelayAfterRefusal({ code: 'too_many_requests', details: { retryAfterMs: 7_300 } }, 0, 0)).toBe(7_300);
    expect(retryDelayAfterRefusal({ code: 'too_many_requests', details: { retryAfterSeconds: 9 } }, 0, 0)).toBe(9_000);
    expect(retryDelayAfterRefusal({ code: 'too_many_requests', details: { retryAfterMs: 10 } }, 0, 0)).toBe(1_000);
    expect(retryDelayAfterRefusal({ code: 'too_many_requests', details: { retryAfterMs: 'soon' } }, 0, 0)).toBe(1_000);
  });

  it('backs off exponentially with refusals in a row, capped at a minute, with up to a quarter of jitter', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelayAfterRefusal({ code: 'too_many_requests' }, n, 0));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, RETRY_MAX_MS, RETRY_MAX_MS, RETRY_MAX_MS]);
    expect(retryDelayAfterRefusal({ code: 'too_many_requests' }, 2, 1)).toBe(5_000);
    expect(retryDelayAfterRefusal({ code: 'too_many_requests', details: { retryAfterMs: 600_000 } }, 0, 0)).toBe(RETRY_MAX_MS);
  });
});

describe("a screen's retry after refusals (RetryAfterRefusal)", () => {
  const busy = { code: 'too_many_requests' };
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks again once, after the delay for the refusal, and not before', () => {
    const retry = new RetryAfterRefusal(() => 0);
    let asked = 0;
    expect(retry.refused(busy, () => (asked += 1))).toBe(true);
    vi.advanceTimersByTime(999);
    expect(asked).toBe(0);
    vi.advanceTimersByTime(1);
    expect(asked).toBe(1);
    vi.advanceTimersByTime(120_000);
    expect(asked).toBe(1);
  });

  it('does not retry a refusal that asking again would not change, and schedules nothing', () => {
    const retry = new RetryAfterRefusal(() => 0);
    let asked = 0;
    expect(retry.refused({ code: 'not_found' }, () => (asked += 1))).toBe(false);
    vi.advanceTimersByTime(120_000);
    expect(asked).toBe(0);
    // A refusal not retried does not count towards the backoff either.
    retry.refused(busy, () => (asked += 1));
    vi.advanceTimersByTime(1_000);
    expect(asked).toBe(1);
  });

  it('backs off with refusals in a row, and an answer starts again from the shortest delay', () => {
    const retry = new RetryAfterRefusal(() => 0);
    const firedAfter: number[] = [];
    const refuse = () => {
      const from = Date.now();
      retry.refused(busy, () => firedAfter.push(Date.now() - from));
      vi.runOnlyPendingTimers();
    };
    refuse();
    refuse();
    refuse();
    retry.answered();
    refuse();
    expect(firedAfter).toEqual([1_000, 2_000, 4_000, 1_000]);
  });

  it('a new refusal replaces the pending retry, so one refusal in a row never asks twice', () => {
    const retry = new RetryAfterRefusal(() => 0);
    const asked: string[] = [];
    retry.refused(busy, () => asked.push('first'));
    retry.refused(busy, () => asked.push('second'));
    vi.advanceTimersByTime(60_000);
    expect(asked).toEqual(['second']);
  });

  it('cancel forgets the pending retry', () => {
    const retry = new RetryAfterRefusal(() => 0);
    let asked = 0;
    retry.refused(busy, () => (asked += 1));
    retry.cancel();
    vi.advanceTimersByTime(120_000);
    expect(asked).toBe(0);
  });

  it('draws its jitter once per refusal', () => {
    let draws = 0;
    const retry = new RetryAfterRefusal(() => {
      draws += 1;
      return 1;
    });
    let asked = 0;
    retry.refused(busy, () => (asked += 1));
    vi.advanceTimersByTime(1_249);
    expect(asked).toBe(0);
    vi.advanceTimersByTime(1);
    expect([asked, draws]).toEqual([1, 1]);
  });
});
