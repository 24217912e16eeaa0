import { describe, expect, it } from 'vitest';
import { issue } from './transitions.js';
import { forecastBatch, expectedTicket } from './forecastBatch.js';
import type { Counter, Ticket } from './types.js';
import {
  callCostMs,
  callModel,
  expectedArrivals,
  hourlyRates,
  MIN_CALLS_TO_TELL,
  needsMix,
  openCall,
  OUTLASTED_SHARE,
  remainingAfterCallMs,
  remainingVisitMs,
  type CallModel,
} from './forecastModel.js';

const MIN = 60_000;
const TZ = 'Europe/Helsinki';
// Monday 2026-02-23 10:00 in Helsinki (UTC+2).
const TEN = Date.UTC(2026, 1, 23, 8, 0);

describe('the measured parts of the forecast, on small cases computed by hand', () => {
  it('a visit in progress is expected to last the mean residual of the observed visits longer than it', () => {
    const d = [4, 6, 8, 10, 12].map((m) => m * MIN);
    expect(remainingVisitMs(d, 0, 8 * MIN)).toBe(8 * MIN); // mean of all
    expect(remainingVisitMs(d, 7 * MIN, 8 * MIN)).toBe(3 * MIN); // (8 + 10 + 12) / 3 − 7
    expect(remainingVisitMs(d, 11 * MIN, 8 * MIN)).toBe(1 * MIN); // 12 − 11
    // Longer than every observed visit: a quarter of the mean visit more, not "free now".
    expect(remainingVisitMs(d, 12 * MIN, 8 * MIN)).toBe(OUTLASTED_SHARE * 8 * MIN);
    // No history: the mean minus the time elapsed, at least that quarter.
    expect(remainingVisitMs([], 3 * MIN, 8 * MIN)).toBe(5 * MIN);
    expect(remainingVisitMs([], 7 * MIN, 8 * MIN)).toBe(2 * MIN);
  });

  it('walk-up, no-shows and the gap between visits are measured from recent calls', () => {
    const m = callModel(
      [30_000, 60_000, 45_000],
      [{ noShowAfterMs: null }, { noShowAfterMs: null }, { noShowAfterMs: null }, { noShowAfterMs: 120_000 }],
      // 11 min is a pause (over MAX_GAP_MS), not a gap between visits: (10 + 20 + 30) / 3 s
      [10_000, 20_000, 30_000, 11 * MIN],
    );
    expect(m).toEqual({ walkMs: 45_000, noShowRate: 0.25, noShowWaitMs: 120_000, gapMs: 20_000, walks: [30_000, 60_000, 45_000], noShowWaits: [120_000] });
    expect(callModel([], [])).toEqual({ walkMs: 0, noShowRate: 0, noShowWaitMs: 0, gapMs: 0, walks: [], noShowWaits: [] });
  });

  it('a call still open is told by the time since it: still coming, or nobody coming and the counter soon free', () => {
    // Ten walk-ups, half 30 s and half 60 s; ten no-shows, half marked after 60 s and half after 120 s; 10 % no-shows.
    const S = 1000;
    const m: CallModel = {
      walkMs: 45 * S, noShowRate: 0.1, noShowWaitMs: 90 * S, gapMs: 0,
      walks: [30, 60, 30, 60, 30, 60, 30, 60, 30, 60].map((x) => x * S),
      noShowWaits: [60, 120, 60, 120, 60, 120, 60, 120, 60, 120].map((x) => x * S),
    };
    expect(MIN_CALLS_TO_TELL).toBe(10);
    // Just called: nine in ten come.
    expect(openCall(0, m)?.comeShare).toBeCloseTo(0.9, 9);
    // 45 s on: half the walk-ups are longer (0.9 × ½ = 0.45), every no-show is (0.1 × 1): 0.45 / 0.55 come, in 15 s.
    const at45 = openCall(45 * S, m);
    expect(at45?.comeShare).toBeCloseTo(9 / 11, 9);
    expect(at45?.walksLeftMs).toEqual([15, 15, 15, 15, 15].map((x) => x * S));
    expect(at45?.waitsLeftMs).toEqual([15, 75, 15, 75, 15, 75, 15, 75, 15, 75].map((x) => x * S));
    // 9/11 × (15 s + 8 min) + 2/11 × 45 s = 4545/11 s
    expect(remainingAfterCallMs(45 * S, 8 * MIN, m)).toBeCloseTo((4545 / 11) * S, 6);
    // 90 s on: no walk-up lasts that long; the no-show is marked in 30 s, and the counter is free then, not in 8 min.
    expect(openCall(90 * S, m)).toEqual({ comeShare: 0, walksLeftMs: [], waitsLeftMs: [30, 30, 30, 30, 30].map((x) => x * S) });
    expect(remainingAfterCallMs(90 * S, 8 * MIN, m)).toBe(30 * S);
    // Longer than anything observed: the visitor is taken to be at the counter, the whole visit ahead.
    expect(remainingAfterCallMs(130 * S, 8 * MIN, m)).toBe(8 * MIN);
    // Too few calls observed to tell by: the means, as before (0.9 × (0 + 8) + 0.1 × 0 min).
    const few = { ...m, walks: m.walks?.slice(0, 9) };
    expect(openCall(90 * S, few)).toBeUndefined();
    expect(remainingAfterCallMs(90 * S, 8 * MIN, few)).toBeCloseTo(0.9 * 8 * MIN, 6);
  });

  it('the needs mix of a service is the share of its tickets with each combination of the needs that route a call', () => {
    const t = (serviceId: string, ...needs: Ticket['needs']) => ({ serviceId, needs });
    const mix = needsMix([
      ...new Array(7).fill(0).map(() => t('a')),
      t('a', 'interpreter:ar'), // an interpreter does not change who may call
      t('a', 'hearing-loop'),
      t('a', 'priority', 'hearing-loop'),
      t('b'),
    ]);
    expect(mix.get('a')).toEqual([
      { needs: ['hearing-loop'], share: 0.1 },
      { needs: ['hearing-loop', 'priority'], share: 0.1 },
    ]);
    expect(mix.has('b')).toBe(false);
  });

  it('a call costs the walk-up, the visit and the gap before the next call when the visitor comes, the wait when not', () => {
    const m: CallModel = { walkMs: MIN, noShowRate: 0.1, noShowWaitMs: 2 * MIN, gapMs: 0.5 * MIN };
    // 0.9 × (1 + 8 + 0.5) + 0.1 × 2 = 8.75 min
    expect(callCostMs(8 * MIN, m)).toBeCloseTo(8.75 * MIN, 6);
    // Called 30 s ago, not started: 0.9 × (0.5 + 8 + 0.5) + 0.1 × 1.5 = 8.25 min
    expect(remainingAfterCallMs(30_000, 8 * MIN, m)).toBeCloseTo(8.25 * MIN, 6);
  });

  it('arrival rates are the mean arrivals per hour of the same weekday, and expected arrivals fall at ½, 1½, … of the count', () => {
    const at = (h: number, m: number) => Date.UTC(2026, 1, 16, h - 2, m); // Monday 2026-02-16, local time
    const rates = hourlyRates(
      [
        { serviceId: 'a', at: at(10, 5) },
        { serviceId: 'a', at: at(10, 40) },
        { serviceId: 'a', at: at(11, 0) },
        { serviceId: 'b', at: at(10, 59) },
      ],
      2,
      TZ,
    );
    expect(rates.get('a')?.[10]).toBe(1); // two arrivals over two Mondays
    expect(rates.get('a')?.[11]).toBe(0.5);
    expect(rates.get('b')?.[10]).toBe(0.5);
    const six = new Array<number>(24).fill(0);
    six[10] = 6;
    six[11] = 2;
    const times = expectedArrivals(six, TEN, TEN + 2 * 60 * MIN, TZ).map((t) => Math.round((t - TEN) / 1000) / 60);
    // 6 in 10:00–11:00 at 5, 15, …, 55; then 2 in 11:00–12:00: the count reaches 6½ at 11:15 and 7½ at 11:45.
    expect(times).toEqual([5, 15, 25, 35, 45, 55, 75, 105]);
    // From 10:30 on: the count restarts from that moment.
    expect(expectedArrivals(six, TEN + 30 * MIN, TEN + 60 * MIN, TZ).map((t) => Math.round((t - TEN) / 1000) / 60)).toEqual([35, 45, 55]);
  });
});

const counter = (id: string, services: Counter['services']): Counter => ({
  id, label: id, features: [], profile: services, open: true, services, userId: 1, openedAt: TEN, pausedReason: null, pausedAt: null, normalsSincePriority: 0,
});
const waiting = (id: number, serviceId: string, minutesAgo: number): Ticket => ({
  ...issue({ number: `X${id}`, serviceId, localDate: '2026-02-23', language: 'en', needs: [], kioskId: null, statusToken: `t${id}` }, TEN - minutesAgo * MIN),
  id,
});
const base = {
  freeAt: new Map<string, number>(),
  averageMinutes: () => 10,
  servicePriorityWeight: () => 1,
  policy: { mode: 'aging', bonusMinutes: 10 } as const,
  now: TEN,
  maxCalls: Number.POSITIVE_INFINITY,
};

describe('the play forward with expected arrivals, call costs and a horizon', () => {
  it('a later arrival of a service the counter weights ×3 overtakes a waiting ticket, and the forecast says so', () => {
    // One counter, A weight 3, B weight 1, busy until 10:10. B1 waits since 9:58 (2 min). An A visitor is expected at 10:05.
    // At 10:10: B1 scores 12 min × 1 = 12, the expected A 5 min × 3 = 15: A is called first, B1 at 10:20.
    const c = counter('1', [{ serviceId: 'a', weight: 3 }, { serviceId: 'b', weight: 1 }]);
    const inp = { ...base, waiting: [waiting(1, 'b', 2)], counters: [c], freeAt: new Map([['1', TEN + 10 * MIN]]) };
    expect(forecastBatch(inp, ['a', 'b']).callAt.get(1)).toBe(TEN + 10 * MIN); // without expected arrivals
    const f = forecastBatch({ ...inp, future: [expectedTicket('a', TEN + 5 * MIN, -1)] }, ['a', 'b']);
    expect(f.callAt.get(1)).toBe(TEN + 20 * MIN);
    // A new B ticket now would be behind B1 (10:30); a new A ticket now would be called first, at 10:10.
    expect(f.newTicketAt.get('b')).toBe(TEN + 30 * MIN);
    expect(f.newTicketAt.get('a')).toBe(TEN + 10 * MIN);
  });

  it('an idle counter waits for the next expected arrival it may call', () => {
    const c = counter('1', [{ serviceId: 'a', weight: 1 }]);
    const f = forecastBatch({ ...base, waiting: [], counters: [c], future: [expectedTicket('a', TEN + 4 * MIN, -1)] }, ['a']);
    // The new ticket is there now, before the expected one: called now.
    expect(f.newTicketAt.get('a')).toBe(TEN);
  });

  it('each call costs what the call model says, and the play stops at the horizon', () => {
    const c = counter('1', [{ serviceId: 'a', weight: 1 }]);
    const queue = [1, 2, 3, 4].map((i) => waiting(i, 'a', 10 - i));
    const f = forecastBatch({ ...base, waiting: queue, counters: [c], callCostMs: () => 12 * MIN, horizonEnd: TEN + 30 * MIN }, ['a']);
    expect([...f.callAt.values()]).toEqual([TEN, TEN + 12 * MIN, TEN + 24 * MIN]);
    expect(f.complete).toBe(false);
    expect(f.newTicketAt.get('a')).toBeUndefined();
    expect(f.playedUntil).toBe(TEN + 24 * MIN);
    expect(f.calls.get('a')).toBe(3);
    expect(f.reached.get('a')).toBe(3);
  });

  it('when only the first tickets of a long queue were read, the play stops after the last one read', () => {
    const c = counter('1', [{ serviceId: 'a', weight: 1 }, { serviceId: 'b', weight: 1 }]);
    const queue = [waiting(1, 'a', 9), waiting(2, 'b', 8), waiting(3, 'a', 7), waiting(4, 'b', 1)];
    const f = forecastBatch({ ...base, waiting: queue, counters: [c], truncated: new Set(['a']) }, ['a', 'b']);
    // a1 at 10:00, b2 at 10:10, a3 at 10:20: the last "a" read; the unread "a" tickets would come before b4.
    expect([...f.callAt.entries()]).toEqual([[1, TEN], [2, TEN + 10 * MIN], [3, TEN + 20 * MIN]]);
    expect(f.complete).toBe(false);
    expect(f.newTicketAt.get('a')).toBeUndefined();
  });
});
