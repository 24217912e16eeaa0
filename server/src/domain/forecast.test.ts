import { describe, expect, it } from 'vitest';
import { forecastCalls, minutesUntil } from './forecast.js';
import { counter, input, MIN, NOW, ticket } from './forecast.fixtures.js';

describe('forecastCalls: playing the queue forward with the call-next rule', () => {
  it('a counter that favours A calls both A tickets before an older B ticket, one visit after another', () => {
    const c1 = counter('1', [{ serviceId: 'a', weight: 2 }, { serviceId: 'b', weight: 1 }]);
    const f = forecastCalls(input([ticket(1, 'a', 10), ticket(2, 'b', 10), ticket(3, 'a', 5)], [c1]));
    expect(f.complete).toBe(true);
    expect(f.callAt.get(1)).toBe(NOW);
    expect(f.callAt.get(3)).toBe(NOW + 8 * MIN);
    expect(f.callAt.get(2)).toBe(NOW + 16 * MIN);
  });

  it('a busy counter starts calling when its visit is expected to end; a second counter shares the work', () => {
    const c1 = counter('1', [{ serviceId: 'a', weight: 1 }]);
    const c2 = counter('2', [{ serviceId: 'a', weight: 1 }]);
    const waiting = [ticket(1, 'a', 3), ticket(2, 'a', 2), ticket(3, 'a', 1)];
    const f = forecastCalls(input(waiting, [c1, c2], { freeAt: new Map([['1', NOW + 4 * MIN]]) }));
    expect([f.callAt.get(1), f.callAt.get(2), f.callAt.get(3)]).toEqual([NOW, NOW + 4 * MIN, NOW + 8 * MIN]);
  });

  it('a ticket no open counter can call is left out of a complete forecast', () => {
    const c1 = counter('1', [{ serviceId: 'a', weight: 1 }]);
    const paused = counter('2', [{ serviceId: 'b', weight: 1 }], { pausedAt: NOW - MIN, pausedReason: 'lunch' });
    const f = forecastCalls(input([ticket(1, 'b', 5), ticket(2, 'a', 1)], [c1, paused]));
    expect(f.complete).toBe(true);
    expect(f.callAt.has(1)).toBe(false);
    expect(minutesUntil(f.callAt.get(1), NOW)).toBeNull();
    expect(minutesUntil(f.callAt.get(2), NOW)).toBe(0);
  });

  it('stops at the call limit and says the forecast is incomplete, or at the ticket asked for', () => {
    const c1 = counter('1', [{ serviceId: 'a', weight: 1 }]);
    const waiting = [1, 2, 3, 4].map((i) => ticket(i, 'a', 10 - i));
    const limited = forecastCalls(input(waiting, [c1], { maxCalls: 2 }));
    expect(limited.complete).toBe(false);
    expect([...limited.callAt.keys()]).toEqual([1, 2]);
    const until = forecastCalls(input(waiting, [c1], { until: 2 }));
    expect(until.complete).toBe(true);
    expect([...until.callAt.keys()]).toEqual([1, 2]);
  });

  it('minutes are rounded up and never negative', () => {
    expect(minutesUntil(NOW + 61_000, NOW)).toBe(2);
    expect(minutesUntil(NOW - 5 * MIN, NOW)).toBe(0);
  });
});
