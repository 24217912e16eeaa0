import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from './coalesce.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Coalescer', () => {
  it('a burst of requests gives one run, never in the requester’s turn; a request during the window runs once after it', () => {
    let runs = 0;
    const c = new Coalescer(150, () => (runs += 1), () => undefined, () => Date.now());
    for (let i = 0; i < 500; i++) c.request();
    expect(runs).toBe(0);
    vi.advanceTimersByTime(0);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(10);
    for (let i = 0; i < 500; i++) c.request();
    vi.advanceTimersByTime(100);
    expect(runs).toBe(1); // still inside the window of the first run
    vi.advanceTimersByTime(40);
    expect(runs).toBe(2);
    // Quiet for longer than the window: the next request runs at once again.
    vi.advanceTimersByTime(1000);
    c.request();
    vi.advanceTimersByTime(0);
    expect(runs).toBe(3);
    c.close();
  });

  it('work that throws is reported and the next request runs again; after close nothing runs', () => {
    const errors: unknown[] = [];
    let runs = 0;
    const c = new Coalescer(
      0,
      () => {
        runs += 1;
        throw new Error('boom');
      },
      (err) => errors.push(err),
      () => Date.now(),
    );
    c.request();
    vi.advanceTimersByTime(1);
    c.request();
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(2);
    c.request();
    c.close();
    vi.advanceTimersByTime(10);
    expect(runs).toBe(2);
  });
});
