import { describe, expect, it } from 'vitest';
import { DailyJob, nextDaily } from './schedule.js';

const TZ = 'Europe/Helsinki';

describe('daily jobs run at the hall clock time', () => {
  it('the next 02:30 in Helsinki is today when it is still before, tomorrow when after', () => {
    expect(new Date(nextDaily(Date.parse('2026-03-04T00:00:00Z'), '02:30', TZ)).toISOString()).toBe('2026-03-04T00:30:00.000Z');
    expect(new Date(nextDaily(Date.parse('2026-03-04T00:30:00Z'), '02:30', TZ)).toISOString()).toBe('2026-03-05T00:30:00.000Z');
  });

  it('follows daylight saving time (02:30 is 23:30 UTC in summer)', () => {
    expect(new Date(nextDaily(Date.parse('2026-07-01T12:00:00Z'), '02:30', TZ)).toISOString()).toBe('2026-07-01T23:30:00.000Z');
  });

  it('runs once when the time has come, then waits for the next day; a failure is reported and the next day still runs', async () => {
    let clock = Date.parse('2026-03-04T00:00:00Z');
    const runs: number[] = [];
    const errors: unknown[] = [];
    let fail = false;
    const job = new DailyJob('02:30', () => TZ, () => clock, async () => {
      runs.push(clock);
      if (fail) throw new Error('disk full');
    }, (e) => errors.push(e));
    await job.tick();
    expect(runs).toEqual([]);
    clock = Date.parse('2026-03-04T00:31:00Z');
    await job.tick();
    await job.tick();
    expect(runs).toHaveLength(1);
    expect(new Date(job.next).toISOString()).toBe('2026-03-05T00:30:00.000Z');
    fail = true;
    clock = Date.parse('2026-03-05T00:30:30Z');
    await job.tick();
    expect(runs).toHaveLength(2);
    expect(errors).toEqual([new Error('disk full')]);
  });

  it('a missed run (server off at the time) is made up a minute after start', async () => {
    let clock = Date.parse('2026-03-04T12:00:00Z');
    let runs = 0;
    const job = new DailyJob('02:30', () => TZ, () => clock, async () => void runs++, () => undefined, true);
    clock += 61_000;
    await job.tick();
    expect(runs).toBe(1);
  });
});
