import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCHER_OPTIONS, nextRetryAt } from './webhookDispatcher.js';
import { sign, verify } from './signature.js';

describe('webhook retries and signatures', () => {
  const schedule = (random: number) => {
    const at: number[] = [];
    let now = 0;
    for (let attempt = 1; ; attempt++) {
      const next = nextRetryAt(attempt, 0, now, DEFAULT_DISPATCHER_OPTIONS, random);
      if (next === null) return { at, deadAt: now };
      at.push(next);
      now = next;
    }
  };

  it('backs off exponentially with jitter and gives up only after at least 24 hours', () => {
    for (const random of [0, 0.5, 0.999]) {
      const { at, deadAt } = schedule(random);
      expect(deadAt).toBeGreaterThanOrEqual(24 * 3_600_000);
      expect(deadAt).toBeLessThan(26 * 3_600_000);
      const gaps = at.map((t, i) => t - (at[i - 1] ?? 0));
      expect(gaps[1]).toBeCloseTo((gaps[0] ?? 0) * 2, -1);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(3_600_000);
      expect(at.length).toBeGreaterThan(20);
      expect(at.length).toBeLessThan(60);
    }
    const early = nextRetryAt(1, 0, 0, DEFAULT_DISPATCHER_OPTIONS, 0);
    const late = nextRetryAt(1, 0, 0, DEFAULT_DISPATCHER_OPTIONS, 0.999);
    expect(early).not.toBe(late);
  });

  it('a signature verifies over id, timestamp and body, and fails when any of them changes or it is stale', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const h = { id: '42', timestamp: '1700000000', signature: sign(secret, '42', 1_700_000_000, '{"a":1}') };
    expect(h.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(secret, h, '{"a":1}', 1_700_000_010)).toBe(true);
    expect(verify(secret, h, '{"a":2}', 1_700_000_010)).toBe(false);
    expect(verify(secret, { ...h, id: '43' }, '{"a":1}', 1_700_000_010)).toBe(false);
    expect(verify(secret, { ...h, timestamp: '1700000001' }, '{"a":1}', 1_700_000_010)).toBe(false);
    expect(verify(secret, h, '{"a":1}', 1_700_000_000 + 600)).toBe(false);
    expect(verify('whsec_b3RoZXI=', h, '{"a":1}', 1_700_000_010)).toBe(false);
  });
});
