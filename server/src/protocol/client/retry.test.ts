import { describe, expect, it } from 'vitest';
import { RETRY_MAX_MS, retryDelayAfterRefusal } from './retry.js';

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
