import { describe, expect, it } from 'vitest';
import { ERLANG_C, countersNeeded, erlangA, erlangB, erlangC, serviceLevel, serviceLevelA, serviceLevelOf, serviceLevelRisk, variabilityFactor } from './erlang.js';

describe('Erlang formulas against published and hand-computed values', () => {
  it('Erlang B: one server, two servers by hand, and the published table value for 10 trunks at 5 Erlangs', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12); // A / (1 + A)
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12); // (1/2) / (1 + 1 + 1/2)
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 5); // Erlang B table: N = 10, A = 5 E, blocking 1.84 %
  });

  it('Erlang C: M/M/1 waits with probability ρ; M/M/2 at ρ = ½ with 2ρ² / (1 + ρ) = ⅓; overload waits always', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('Erlang C by the direct sum: 3 counters at 2 Erlangs wait with probability (8/6 × 3) / (1 + 2 + 2 + 4) = 4/9', () => {
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    // 6 arrivals an hour of 20 minutes (2 Erlangs), target 10 minutes: 1 − 4/9 × e^(−(3 − 2) × 10/20)
    expect(serviceLevel(3, 6, 1_200_000, 600_000)).toBeCloseTo(1 - (4 / 9) * Math.exp(-0.5), 12);
    expect(countersNeeded(6, 1_200_000, 600_000, 0.8)).toBe(4); // 3 counters give 73.0 %
  });

  it('service level by hand: one counter, 3 arrivals an hour of 10 minutes, target 10 minutes: 1 − ½ e^(−½)', () => {
    expect(serviceLevel(1, 3, 600_000, 600_000)).toBeCloseTo(1 - 0.5 * Math.exp(-0.5), 12);
    expect(countersNeeded(3, 600_000, 600_000, 0.8)).toBe(2); // 1 counter gives 69.7 %
    expect(countersNeeded(0, 600_000, 600_000, 0.8)).toBe(0);
  });

  it('Erlang A: without abandonment it is Erlang C; with impatient visitors fewer wait and some leave', () => {
    expect(erlangA(2, 6, 600_000, Number.POSITIVE_INFINITY).wait).toBeCloseTo(1 / 3, 12);
    const a = erlangA(2, 6, 600_000, 600_000);
    expect(a.wait).toBeLessThan(1 / 3);
    expect(a.abandon).toBeGreaterThan(0);
    // M/M/1+M with θ = μ: the queue behaves like M/M/∞ beyond the server; p_n ∝ A^n / n!, A = λ/μ = 1:
    // P(wait) = P(n ≥ 1) = 1 − e^(−1); abandonment = θ E[n − 1]⁺ / λ = (E[n] − P(n ≥ 1)) = 1 − (1 − e^(−1)) = e^(−1).
    const b = erlangA(1, 6, 600_000, 600_000);
    expect(b.wait).toBeCloseTo(1 - Math.exp(-1), 9);
    expect(b.abandon).toBeCloseTo(Math.exp(-1), 9);
  });

  it('M/G/c (Allen–Cunneen): the time scale of waits is × (1 + cs²)/2; exponential visits are Erlang C, regular ones wait half as long', () => {
    expect(variabilityFactor(1)).toBe(1);
    expect(variabilityFactor(0)).toBe(0.5);
    expect(variabilityFactor(0.36)).toBeCloseTo(0.68, 12); // lognormal visits with CV 0.6
    expect(serviceLevelOf(3, 6, 1_200_000, 600_000, ERLANG_C)).toBe(serviceLevel(3, 6, 1_200_000, 600_000));
    // One counter, 3 an hour of 10 minutes, target 10 minutes, constant visits (cs² = 0): 1 − ½ e^(−½ × 10/5).
    const constant = { handlingCv2: 0, patienceMs: null };
    expect(serviceLevelOf(1, 3, 600_000, 600_000, constant)).toBeCloseTo(1 - 0.5 * Math.exp(-1), 12);
    expect(countersNeeded(3, 600_000, 600_000, 0.8, 200, constant)).toBe(1); // 81.6 %; Erlang C asks for 2 (69.7 % with 1)
    // The mean wait implied for one counter is Pollaczek–Khinchine's: ρ/(1 − ρ) × h × (1 + cs²)/2 = 5 min for M/D/1 at ρ = ½.
    let mean = 0;
    const dt = 1_000;
    for (let t = 0; t < 600 * 60_000; t += dt) mean += (1 - serviceLevelOf(1, 3, 600_000, t + dt / 2, constant)) * dt;
    expect(mean / 60_000).toBeCloseTo(5, 3);
  });

  it('Erlang A service level: M/M/1+M with patience = visit time, leavers are misses, by hand; long patience is Erlang C', () => {
    // θ = μ: the chain is M/M/∞ (p_n = e^(−ρ) ρ^n / n!), and with n in the hall the time until the arrival is reached
    // is the longest of n exponential(μ) times: with u = 1 − e^(−μs), P(reached by s) = u^n. It is called only if
    // still there, e^(−θs) = 1 − u: P(called by t) = p_0 + Σ p_n ∫ (1 − u) n u^(n−1) du (0 to U = 1 − e^(−μt))
    // = Σ p_n (U^n − n U^(n+1) / (n + 1)) = e^(−μt) e^(−ρ e^(−μt)) + (e^(−ρ e^(−μt)) − e^(−ρ)) / ρ.
    const byHand = (rho: number, mut: number) => Math.exp(-mut) * Math.exp(-rho * Math.exp(-mut)) + (Math.exp(-rho * Math.exp(-mut)) - Math.exp(-rho)) / rho;
    expect(byHand(1, 1)).toBeCloseTo(0.57897, 5);
    expect(serviceLevelA(1, 6, 600_000, 600_000, 600_000)).toBeCloseTo(byHand(1, 1), 6); // ρ = 1: 57.90 % (69.22 % reached)
    expect(serviceLevelA(1, 12, 600_000, 300_000, 600_000)).toBeCloseTo(byHand(2, 0.5), 6); // ρ = 2: 26.13 %
    // Waiting for ever, the share called is the throughput: P(busy) μ / λ = (1 − e^(−ρ)) / ρ.
    expect(serviceLevelA(1, 12, 600_000, 600_000 * 40, 600_000)).toBeCloseTo((1 - Math.exp(-2)) / 2, 6);
    // Patience of 10,000 visit times: practically nobody leaves.
    expect(serviceLevelA(3, 6, 1_200_000, 600_000, 1_200_000 * 10_000)).toBeCloseTo(1 - (4 / 9) * Math.exp(-0.5), 3);
    expect(serviceLevelA(3, 6, 1_200_000, 600_000, Number.POSITIVE_INFINITY)).toBe(serviceLevel(3, 6, 1_200_000, 600_000));
    // Impatient visitors shorten the line, so at a high load Erlang A needs fewer counters than Erlang C, and it gives
    // an answer even below the load (12 an hour of 10 minutes, 2 Erlangs, on one counter: 26.1 % called in 5 minutes).
    const impatient = { handlingCv2: 1, patienceMs: 600_000 };
    expect(countersNeeded(12, 600_000, 300_000, 0.25, 200, impatient)).toBe(1);
    expect(countersNeeded(12, 600_000, 300_000, 0.8, 200, impatient)).toBeLessThanOrEqual(countersNeeded(12, 600_000, 300_000, 0.8));
    expect(serviceLevelOf(1, 12, 600_000, 300_000, impatient)).toBeCloseTo(byHand(2, 0.5), 6);
  });

  it('the live hint: the service level is at risk when fewer than 80 % of the tickets due in 30 minutes will be called in time', () => {
    const now = 0;
    const T = 15 * 60_000;
    // Target 15 min. Waiting 10 min, called in 2: in time. Waiting 12 min, called in 8 (20 min wait): late. Waiting
    // 1 min, called in 40 (41 min): reaches its target in the window (at 14 min), late. 3 due, 2 late: at risk.
    const tickets = [
      { queuedAt: -10 * 60_000, callAt: 2 * 60_000 },
      { queuedAt: -12 * 60_000, callAt: 8 * 60_000 },
      { queuedAt: -1 * 60_000, callAt: 40 * 60_000 },
    ];
    expect(serviceLevelRisk(tickets, now, T, 0.8)).toEqual({ late: 2, due: 3, atRisk: true });
    // Target 60 min: a ticket waiting 0 min and called in 50 is neither called nor due in the window.
    expect(serviceLevelRisk([{ queuedAt: 0, callAt: 50 * 60_000 }], now, 60 * 60_000, 0.8)).toEqual({ late: 0, due: 0, atRisk: false });
    expect(serviceLevelRisk(tickets.slice(0, 1), now, T, 0.8)).toEqual({ late: 0, due: 1, atRisk: false });
    // Beyond the forecast and due in the window: late.
    expect(serviceLevelRisk([{ queuedAt: -20 * 60_000, callAt: undefined }], now, T, 0.8)).toEqual({ late: 1, due: 1, atRisk: true });
    expect(serviceLevelRisk([], now, T, 0.8).atRisk).toBe(false);
  });
});
