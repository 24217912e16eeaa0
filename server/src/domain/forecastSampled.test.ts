import { describe, expect, it } from 'vitest';
import { issue } from './transitions.js';
import { forecastBatch } from './forecastBatch.js';
import { NO_CALL_HISTORY, OUTLASTED_SHARE, type CallModel } from './forecastModel.js';
import { drawNeeds, MEDIAN_RULE, MIN_DURATIONS_TO_DRAW, promiseOf, quantileOf, sampleCallMs, sampledArrivals, sampledPromises, sampleRemainingMs, type Sampling } from './forecastSampled.js';
import type { Counter, Ticket } from './types.js';

const MIN = 60_000;
const TZ = 'Europe/Helsinki';
// Monday 2026-02-23 10:00 in Helsinki (UTC+2).
const TEN = Date.UTC(2026, 1, 23, 8, 0);

const counter = (id: string, services: Counter['services']): Counter => ({
  id, label: id, features: [], profile: services, open: true, services, userId: 1, openedAt: TEN, pausedReason: null, pausedAt: null, normalsSincePriority: 0,
});
const waiting = (id: number, serviceId: string, minutesAgo: number): Ticket => ({
  ...issue({ number: `X${id}`, serviceId, localDate: '2026-02-23', language: 'en', needs: [], kioskId: null, statusToken: `t${id}` }, TEN - minutesAgo * MIN),
  id,
});
const base = {
  averageMinutes: () => 5.5,
  servicePriorityWeight: () => 1,
  policy: { mode: 'aging', bonusMinutes: 10 } as const,
  now: TEN,
  maxCalls: Number.POSITIVE_INFINITY,
};
const sampling = (over: Partial<Sampling>): Sampling => ({
  durations: new Map(),
  meanMs: () => 5.5 * MIN,
  calls: NO_CALL_HISTORY,
  inProgress: [],
  rates: new Map(),
  timeZone: TZ,
  arrivalsUntil: TEN + 3 * 60 * MIN,
  ...over,
});

describe('the sampled pieces, on cases computed by hand', () => {
  it('a visit in progress is drawn from the observed visits longer than it, minus the time it has lasted', () => {
    const d = [4, 4, 6, 6, 8, 8, 10, 10, 12, 12].map((m) => m * MIN);
    // Lasted 7 min: one of 8, 8, 10, 10, 12, 12 minus 7; the draw picks index ⌊u × 6⌋.
    expect(sampleRemainingMs(d, 7 * MIN, 8 * MIN, () => 0)).toBe(1 * MIN);
    expect(sampleRemainingMs(d, 7 * MIN, 8 * MIN, () => 0.5)).toBe(3 * MIN);
    expect(sampleRemainingMs(d, 7 * MIN, 8 * MIN, () => 0.99)).toBe(5 * MIN);
    // Outlasted every observed visit: a quarter of the mean more; no history: the mean minus the time elapsed.
    expect(sampleRemainingMs(d, 12 * MIN, 8 * MIN, () => 0.5)).toBe(OUTLASTED_SHARE * 8 * MIN);
    expect(sampleRemainingMs([], 3 * MIN, 8 * MIN, () => 0.5)).toBe(5 * MIN);
    // Fewer than ten observed visits are too few to draw from: the mean residual, (8 + 10 + 12) / 3 − 7 = 3 min.
    expect(MIN_DURATIONS_TO_DRAW).toBe(10);
    expect(sampleRemainingMs([4, 6, 8, 10, 12].map((m) => m * MIN), 7 * MIN, 8 * MIN, () => 0)).toBe(3 * MIN);
  });

  it('a call costs a no-show wait at the measured rate, else the walk-up, a drawn visit and the gap before the next', () => {
    const m: CallModel = { walkMs: MIN, noShowRate: 0.25, noShowWaitMs: 2 * MIN, gapMs: 0 };
    const d = [4, 4, 4, 4, 4, 8, 8, 8, 8, 8].map((m) => m * MIN);
    const seq = (...xs: number[]) => () => xs.shift() ?? 0;
    expect(sampleCallMs(d, 6 * MIN, m, seq(0.1))).toBe(2 * MIN); // 0.1 < 0.25: nobody comes
    expect(sampleCallMs(d, 6 * MIN, m, seq(0.3, 0.2))).toBe(5 * MIN); // 1 + 4
    expect(sampleCallMs(d, 6 * MIN, m, seq(0.3, 0.7))).toBe(9 * MIN); // 1 + 8
    expect(sampleCallMs([], 6 * MIN, m, seq(0.3))).toBe(7 * MIN); // no observed visits: the mean
    expect(sampleCallMs([4 * MIN, 8 * MIN], 6 * MIN, m, seq(0.3, 0.9))).toBe(7 * MIN); // too few to draw from: the mean
    expect(sampleCallMs(d, 6 * MIN, { ...m, gapMs: 0.5 * MIN }, seq(0.3, 0.2))).toBe(5.5 * MIN); // 1 + 4 + 0.5
    expect(sampleCallMs(d, 6 * MIN, { ...m, gapMs: 0.5 * MIN }, seq(0.1))).toBe(2 * MIN); // a no-show: the next call at once
  });

  it('an arrival draws its needs at their shares of its service’s mix', () => {
    const mix = [{ needs: ['hearing-loop' as const], share: 0.1 }, { needs: ['hearing-loop' as const, 'priority' as const], share: 0.1 }];
    expect(drawNeeds(mix, () => 0.05)).toEqual(['hearing-loop']);
    expect(drawNeeds(mix, () => 0.15)).toEqual(['hearing-loop', 'priority']);
    expect(drawNeeds(mix, () => 0.5)).toEqual([]);
    expect(drawNeeds([], () => 0)).toEqual([]);
  });

  it('arrivals are drawn with exponential gaps at each hour’s rate, starting again at the hour', () => {
    const rates = new Array<number>(24).fill(0);
    rates[10] = 6;
    rates[11] = 3;
    // u = e^−1 makes every gap exactly 1 / rate: 10 min at 6 an hour, 20 min at 3 an hour.
    const times = sampledArrivals(rates, TEN, TEN + 2 * 60 * MIN, TZ, () => Math.exp(-1)).map((t) => Math.round((t - TEN) / 1000) / 60);
    expect(times).toEqual([10, 20, 30, 40, 50, 80, 100]);
    expect(sampledArrivals(new Array<number>(24).fill(0), TEN, TEN + 60 * MIN, TZ, () => 0.5)).toEqual([]);
  });
});

describe('the forecast as a promise from sampled plays', () => {
  it('the next of two busy counters is free at the first of two random ends, not at the mean end', () => {
    // Visits take 1 or 10 min (ten observed, half each; mean 5.5); both counters started one just now; one ticket waits. The mean play calls it
    // at 10:05:30. Sampled: it is called at min(D1, D2), which is 1 min with probability 1 − ¼ = ¾: the median is 1 min.
    const counters = [counter('1', [{ serviceId: 'a', weight: 1 }]), counter('2', [{ serviceId: 'a', weight: 1 }])];
    const freeAt = new Map([['1', TEN + 5.5 * MIN], ['2', TEN + 5.5 * MIN]]);
    const input = { ...base, waiting: [waiting(1, 'a', 0)], counters, freeAt };
    const mean = forecastBatch(input, []);
    expect(mean.callAt.get(1)).toBe(TEN + 5.5 * MIN);
    const s = sampling({
      durations: new Map([['a', [1, 1, 1, 1, 1, 10, 10, 10, 10, 10].map((m) => m * MIN)]]),
      inProgress: [
        { counterId: '1', serviceId: 'a', state: 'serving', elapsedMs: 0 },
        { counterId: '2', serviceId: 'a', state: 'serving', elapsedMs: 0 },
      ],
    });
    const f = sampledPromises(mean, input, [], s, 101, 7);
    expect(f.callAt.get(1)).toBe(TEN + 1 * MIN);
    // Its 90th percentile is 10 min: a quarter of the plays have both visits at 10 min.
    expect(sampledPromises(mean, input, [], s, 101, 7, { center: 0.9, sure: 0.9, lateMs: 0 }).callAt.get(1)).toBe(TEN + 10 * MIN);
    // So is its 95th: promised the median (1 min), it would be called more than 5 min late a quarter of the time; the
    // rule promises the 95th percentile less 5 min instead.
    expect(sampledPromises(mean, input, [], s, 101, 7, { center: 0.5, sure: 0.95, lateMs: 5 * MIN }).callAt.get(1)).toBe(TEN + 5 * MIN);
    // The rest of the batch is the mean play's.
    expect(f.complete).toBe(mean.complete);
    expect(f.playedUntil).toBe(mean.playedUntil);
  });

  it('a new ticket behind one call that is a no-show a quarter of the time waits for the call as it mostly is', () => {
    // One free counter, one ticket waiting; visits take 4 min, the walk-up 1 min; a quarter of calls are no-shows
    // marked after 2 min. The mean play places a new ticket at 0.75 × 5 + 0.25 × 2 = 4.25 min; its median is 5 min.
    const counters = [counter('1', [{ serviceId: 'a', weight: 1 }])];
    const calls: CallModel = { walkMs: MIN, noShowRate: 0.25, noShowWaitMs: 2 * MIN, gapMs: 0 };
    const input = { ...base, waiting: [waiting(1, 'a', 1)], counters, freeAt: new Map<string, number>(), callCostMs: () => 4.25 * MIN };
    const mean = forecastBatch(input, ['a']);
    expect(mean.newTicketAt.get('a')).toBe(TEN + 4.25 * MIN);
    const f = sampledPromises(mean, input, ['a'], sampling({ durations: new Map([['a', new Array<number>(10).fill(4 * MIN)]]), calls }), 101, 3);
    expect(f.newTicketAt.get('a')).toBe(TEN + 5 * MIN);
    expect(f.callAt.get(1)).toBe(TEN); // the waiting ticket is called now in every play
  });

  it('arrivals to come carry their service’s needs: priority visitors still to arrive go first', () => {
    // One counter, its visit ends at 10:05 (ten observed visits of 10 min, 5 min gone); X waits since 9:59. Visitors of
    // "a" arrive at 24 an hour. Without needs, X is called at 10:05 in every play. When half of them ask for priority
    // (strict), a priority visitor arrives before 10:05 in 1 − e^−1 ≈ 63 % of the plays and X then waits at least
    // one more visit (10 min): the median is 10:15 or later.
    const counters = [counter('1', [{ serviceId: 'a', weight: 1 }])];
    const input = { ...base, policy: { mode: 'strict' } as const, waiting: [waiting(1, 'a', 1)], counters, freeAt: new Map([['1', TEN + 5 * MIN]]) };
    const mean = forecastBatch(input, []);
    const rates = new Array<number>(24).fill(0);
    rates[10] = 24;
    const s = sampling({
      durations: new Map([['a', new Array<number>(10).fill(10 * MIN)]]),
      inProgress: [{ counterId: '1', serviceId: 'a', state: 'serving', elapsedMs: 5 * MIN }],
      rates: new Map([['a', rates]]),
    });
    expect(sampledPromises(mean, input, [], s, 101, 11).callAt.get(1)).toBe(TEN + 5 * MIN);
    const withNeeds = sampledPromises(mean, input, [], { ...s, needs: new Map([['a', [{ needs: ['priority'], share: 0.5 }]]]) }, 101, 11);
    expect(withNeeds.callAt.get(1)).toBeGreaterThanOrEqual(TEN + 15 * MIN);
  });

  it('a call open longer than any walk-up is a no-show to be marked soon, and the counter free then', () => {
    // One counter called a visitor 90 s ago; walk-ups take 30–60 s, no-shows are marked after 120 s; X waits. Told by
    // the time since the call, the counter is free in 30 s in every play; from the means alone, it is mostly busy with
    // a whole 10-minute visit.
    const S = 1000;
    const calls: CallModel = {
      walkMs: 45 * S, noShowRate: 0.05, noShowWaitMs: 120 * S, gapMs: 0,
      walks: [30, 60, 30, 60, 30, 60, 30, 60, 30, 60].map((x) => x * S),
      noShowWaits: new Array<number>(10).fill(120 * S),
    };
    const counters = [counter('1', [{ serviceId: 'a', weight: 1 }])];
    const input = { ...base, waiting: [waiting(1, 'a', 1)], counters, freeAt: new Map([['1', TEN + 30 * S]]) };
    const mean = forecastBatch(input, []);
    const s = sampling({ durations: new Map([['a', new Array<number>(10).fill(10 * MIN)]]), calls, inProgress: [{ counterId: '1', serviceId: 'a', state: 'called', elapsedMs: 90 * S }] });
    expect(sampledPromises(mean, input, [], s, 101, 13).callAt.get(1)).toBe(TEN + 30 * S);
    const meansOnly = { ...calls, walks: undefined, noShowWaits: undefined };
    expect(sampledPromises(mean, input, [], { ...s, calls: meansOnly }, 101, 13).callAt.get(1)).toBe(TEN + 10 * MIN);
  });

  it('a quantile interpolates between ranks, and a play that never calls the ticket counts as the latest', () => {
    expect(quantileOf([4, 1, 3, 2, 5], 0.5)).toBe(3);
    expect(quantileOf([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOf([1, 2, 3, 4, 5], 0.65)).toBeCloseTo(3.6, 9); // rank 2.6: 3 + 0.6 × (4 − 3)
    expect(quantileOf([1, Infinity, Infinity], 0.5)).toBe(Infinity);
    expect(quantileOf([1, 2, Infinity], 0.5)).toBe(2);
  });

  it('a promise is the median unless the plays would often call more than the allowance later', () => {
    const rule = { center: 0.5, sure: 0.95, lateMs: 5 };
    // 1…10: median 5.5, 95th percentile 9.55 (rank 8.55); 9.55 − 5 is below the median, so the median.
    expect(promiseOf([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], rule)).toBe(5.5);
    // Nine at 1 and one at 30: median 1, 95th percentile 1 + 0.55 × 29 = 16.95; promised 16.95 − 5 = 11.95.
    expect(promiseOf([1, 1, 1, 1, 1, 1, 1, 1, 1, 30], rule)).toBeCloseTo(11.95, 9);
    // A 95th percentile beyond every play that calls the ticket (not called in some plays) leaves the median.
    expect(promiseOf([1, 2, 3, Infinity, Infinity], { ...rule, sure: 0.9 })).toBe(3);
    expect(promiseOf([1, Infinity, Infinity], rule)).toBe(Infinity);
    expect(promiseOf([4, 1, 3, 2, 5], MEDIAN_RULE)).toBe(3);
  });

  it('a promise shown to the nearest minute is its point less half a minute (the wait shown is rounded up)', () => {
    const rule = { center: 0.5, sure: 0.95, lateMs: 5 * MIN, roundMs: 30_000 };
    // Median 2.2 min, nothing spread: shown 2 min (2.2 − 0.5 = 1.7, rounded up), not 3.
    expect(promiseOf([2.2, 2.2, 2.2].map((m) => m * MIN), rule)).toBeCloseTo(1.7 * MIN, 6);
    // Nine at 1 and one at 30 min: the 95th less 5 min, 11.95 min, less half a minute: shown 12 min.
    expect(promiseOf([1, 1, 1, 1, 1, 1, 1, 1, 1, 30].map((m) => m * MIN), rule)).toBeCloseTo(11.45 * MIN, 6);
    // A call due at once in every play is promised now, never before now.
    const counters = [counter('1', [{ serviceId: 'a', weight: 1 }])];
    const input = { ...base, waiting: [waiting(1, 'a', 1)], counters, freeAt: new Map<string, number>() };
    const mean = forecastBatch(input, []);
    const s = sampling({ durations: new Map([['a', new Array<number>(10).fill(4 * MIN)]]) });
    expect(sampledPromises(mean, input, [], s, 20, 5, rule).callAt.get(1)).toBe(TEN);
  });

  it('with no sampled plays the mean play is the answer, and the same seed gives the same answer', () => {
    const counters = [counter('1', [{ serviceId: 'a', weight: 1 }])];
    const input = { ...base, waiting: [waiting(1, 'a', 3), waiting(2, 'a', 1)], counters, freeAt: new Map([['1', TEN + 2 * MIN]]) };
    const mean = forecastBatch(input, ['a']);
    expect(sampledPromises(mean, input, ['a'], sampling({}), 0, 1)).toBe(mean);
    const s = sampling({ durations: new Map([['a', [2, 3, 9, 2, 3, 9, 2, 3, 9, 2].map((m) => m * MIN)]]), inProgress: [{ counterId: '1', serviceId: 'a', state: 'serving', elapsedMs: MIN }] });
    const one = sampledPromises(mean, input, ['a'], s, 25, 99);
    const two = sampledPromises(mean, input, ['a'], s, 25, 99);
    expect([...one.callAt]).toEqual([...two.callAt]);
    expect([...one.newTicketAt]).toEqual([...two.newTicketAt]);
  });
});
