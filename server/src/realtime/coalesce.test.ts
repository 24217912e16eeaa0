import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Coalescer', () => {
  it('a burst of requests gives one run, never in the requester’s turn; a request during the window runs once after it', async () => {
    let runs = 0;
    const c = new Coalescer(60, () => (runs += 1), () => undefined);
    for (let i = 0; i < 500; i++) c.request();
    expect(runs).toBe(0);
    await wait(20);
    expect(runs).toBe(1);
    for (let i = 0; i < 500; i++) c.request();
    await wait(10);
    expect(runs).toBe(1); // still inside the window of the first run
    await wait(120);
    expect(runs).toBe(2);
    c.close();
  });

  it('work that throws is reported and the next request runs again; after close nothing runs', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const c = new Coalescer(0, () => {
      runs += 1;
      throw new Error('boom');
    }, (err) => errors.push(err));
    c.request();
    await wait(10);
    c.request();
    await wait(10);
    expect(runs).toBe(2);
    expect(errors).toHaveLength(2);
    c.request();
    c.close();
    await wait(10);
    expect(runs).toBe(2);
  });
});
