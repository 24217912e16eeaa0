import { describe, expect, it } from 'vitest';
import { ClientRate } from './clientRate.js';

describe('a per-client token bucket', () => {
  it('lets a burst of perMinute through, then one more as each share of a minute passes', () => {
    let t = 0;
    const rate = new ClientRate(6, () => t);
    for (let i = 0; i < 6; i++) expect(rate.take('a').ok).toBe(true);
    expect(rate.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    t += 10_000;
    expect(rate.take('a').ok).toBe(true);
    expect(rate.take('a').ok).toBe(false);
  });

  it('one client does not use up another client\'s requests', () => {
    const rate = new ClientRate(1, () => 0);
    expect(rate.take('a').ok).toBe(true);
    expect(rate.take('a').ok).toBe(false);
    expect(rate.take('b').ok).toBe(true);
  });

  it('remembers at most maxClients addresses', () => {
    const rate = new ClientRate(1, () => 0, 2);
    rate.take('a');
    rate.take('b');
    rate.take('c');
    expect(rate.take('a').ok).toBe(true);
    expect(rate.take('c').ok).toBe(false);
  });
});
