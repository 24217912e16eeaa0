/**
 * Queueing formulas for staffing advice (README "Staffing advice"). Pure functions; load A = λ × mean handling time
 * (Erlangs), c = counters.
 */

/** Erlang B: the share of arrivals that find all c servers busy in a loss system (by the stable recursion). */
export function erlangB(c: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: the probability that an arrival has to wait (M/M/c); 1 when the load is not below c (the queue grows). */
export function erlangC(c: number, load: number): number {
  if (c <= 0 || load >= c) return 1;
  if (load <= 0) return 0;
  const b = erlangB(c, load);
  return (c * b) / (c - load * (1 - b));
}

/**
 * Erlang C service level: the share of arrivals called within `targetMs`:
 * 1 − C(c, A) × e^(−(c − A) × target / handling time).
 */
export function serviceLevel(c: number, arrivalsPerHour: number, handlingMs: number, targetMs: number): number {
  if (arrivalsPerHour <= 0) return 1;
  if (handlingMs <= 0) return 1;
  const load = (arrivalsPerHour * handlingMs) / 3_600_000;
  if (c <= load) return 0;
  return 1 - erlangC(c, load) * Math.exp((-(c - load) * targetMs) / handlingMs);
}

/**
 * What the advice knows beyond arrivals and the mean handling time: the squared coefficient of variation of the
 * handling time (1 = exponential, Erlang C's assumption) and the visitors' mean patience (null: not measured, nobody
 * leaves: Erlang C; else Erlang A).
 */
export interface StaffingModel {
  handlingCv2: number;
  patienceMs: number | null;
}

/** Erlang C as published: exponential handling times, nobody leaves. */
export const ERLANG_C: StaffingModel = { handlingCv2: 1, patienceMs: null };

/**
 * The Allen–Cunneen factor of M/G/c waits with Poisson arrivals: (1 + cs²) / 2, 1 for exponential handling times.
 * For one counter it is exact in the mean (Pollaczek–Khinchine: Wq = ρ/(1 − ρ) × h × (1 + cs²)/2).
 */
export function variabilityFactor(cv2: number): number {
  return (1 + Math.max(0, cv2)) / 2;
}

/**
 * The share called within `targetMs` with `c` counters under `model`: the probability of waiting from Erlang C (or
 * Erlang A when patience is known), the waits' time scale stretched by the variability factor, i.e. the level of
 * Erlang C/A at the target ÷ (1 + cs²)/2.
 */
export function serviceLevelOf(c: number, arrivalsPerHour: number, handlingMs: number, targetMs: number, model: StaffingModel): number {
  const target = targetMs / variabilityFactor(model.handlingCv2);
  return model.patienceMs === null ? serviceLevel(c, arrivalsPerHour, handlingMs, target) : serviceLevelA(c, arrivalsPerHour, handlingMs, target, model.patienceMs);
}

/**
 * The fewest counters that call `share` of arrivals within `targetMs` (Erlang C, or `model`); 0 with no arrivals.
 * Without abandonment fewer counters than the load never suffice; with it (Erlang A) the search starts at one.
 */
export function countersNeeded(arrivalsPerHour: number, handlingMs: number, targetMs: number, share: number, max = 200, model: StaffingModel = ERLANG_C): number {
  if (arrivalsPerHour <= 0 || handlingMs <= 0) return 0;
  const load = (arrivalsPerHour * handlingMs) / 3_600_000;
  const first = model.patienceMs === null ? Math.max(1, Math.floor(load)) : 1;
  for (let c = first; c <= max; c++) {
    if (serviceLevelOf(c, arrivalsPerHour, handlingMs, targetMs, model) >= share) return c;
  }
  return max;
}

/**
 * Erlang A (M/M/c+M, visitors who leave after an exponential patience with mean `patienceMs`): the probability of
 * waiting and the share who leave before being called, from the birth–death chain truncated where its terms vanish.
 * With an infinite patience it equals Erlang C's probability of waiting (and nobody leaves).
 */
export function erlangA(c: number, arrivalsPerHour: number, handlingMs: number, patienceMs: number): { wait: number; abandon: number } {
  const lambda = arrivalsPerHour / 3_600_000;
  const mu = 1 / handlingMs;
  const theta = Number.isFinite(patienceMs) && patienceMs > 0 ? 1 / patienceMs : 0;
  if (lambda <= 0) return { wait: 0, abandon: 0 };
  if (theta === 0) return { wait: erlangC(c, lambda / mu), abandon: 0 };
  // Terms p_n / p_0, in logs to stay finite for large c.
  const logs: number[] = [0];
  for (let n = 1; n <= c; n++) logs.push((logs[n - 1] ?? 0) + Math.log(lambda / (n * mu)));
  let n = c;
  for (;;) {
    n += 1;
    const next = (logs[n - 1] ?? 0) + Math.log(lambda / (c * mu + (n - c) * theta));
    logs.push(next);
    if (n > c + 10 && next < (logs[c] ?? 0) - 40) break;
    if (n > c + 100_000) break;
  }
  const top = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  let wait = 0;
  let queued = 0;
  for (let k = c; k < w.length; k++) {
    wait += (w[k] ?? 0) / total;
    queued += ((k - c) * (w[k] ?? 0)) / total;
  }
  return { wait, abandon: (theta * queued) / lambda };
}

/** Stationary probabilities p_n of M/M/c+M (n in the hall), truncated where they vanish; log-scaled then normalised. */
function erlangAStates(c: number, lambda: number, mu: number, theta: number): number[] {
  const logs: number[] = [0];
  let top = 0;
  for (let n = 1; n <= c; n++) logs.push((logs[n - 1] ?? 0) + Math.log(lambda / (n * mu)));
  for (const l of logs) top = Math.max(top, l);
  for (let n = c + 1; n <= c + 100_000; n++) {
    const next = (logs[n - 1] ?? 0) + Math.log(lambda / (c * mu + (n - c) * theta));
    logs.push(next);
    top = Math.max(top, next);
    if (n > c + 10 && next < top - 40) break;
  }
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/**
 * Erlang A service level (M/M/c+M): the share of arrivals called within `targetMs`, as the statistics count it (a
 * visitor who leaves before being called is a miss, however early they left). An arrival finding n < c in the hall is
 * called at once (PASTA); one finding j others waiting ahead moves up one place at rate cμ + iθ while i are ahead (a
 * counter frees, or one ahead leaves), and is reached at rate cμ from the front: this pure-death chain's rate of
 * reaching it at time s, times its own chance e^(−θs) of still being there, integrated to the target with classic
 * Runge–Kutta steps. With infinite patience it is Erlang C's level.
 */
export function serviceLevelA(c: number, arrivalsPerHour: number, handlingMs: number, targetMs: number, patienceMs: number): number {
  if (!Number.isFinite(patienceMs) || patienceMs <= 0) return serviceLevel(c, arrivalsPerHour, handlingMs, targetMs);
  if (arrivalsPerHour <= 0 || handlingMs <= 0) return 1;
  if (c <= 0) return 0;
  const lambda = arrivalsPerHour / 3_600_000;
  const mu = 1 / handlingMs;
  const theta = 1 / patienceMs;
  const p = erlangAStates(c, lambda, mu, theta);
  let level = 0;
  for (let n = 0; n < c; n++) level += p[n] ?? 0;
  // q[i]: probability mass of arrivals with i waiting ahead of them, not yet called.
  let q = p.slice(c);
  const rate = (i: number) => c * mu + i * theta;
  const top = rate(q.length - 1);
  const steps = Math.max(200, Math.ceil(targetMs * top * 2)); // at most half an expected move per step
  const dt = targetMs / steps;
  let called = 0;
  /** The arrival's own chance of still waiting `k` steps in. */
  const stays = (k: number) => Math.exp(-theta * k * dt);
  const deriv = (x: number[]) => {
    const d = new Array<number>(x.length);
    for (let i = 0; i < x.length; i++) d[i] = -rate(i) * (x[i] ?? 0) + (i + 1 < x.length ? rate(i + 1) * (x[i + 1] ?? 0) : 0);
    return { d, out: rate(0) * (x[0] ?? 0) };
  };
  const add = (x: number[], d: number[], k: number) => x.map((v, i) => v + k * (d[i] ?? 0));
  for (let s = 0; s < steps; s++) {
    const k1 = deriv(q);
    const k2 = deriv(add(q, k1.d, dt / 2));
    const k3 = deriv(add(q, k2.d, dt / 2));
    const k4 = deriv(add(q, k3.d, dt));
    called += (dt / 6) * (k1.out * stays(s) + 2 * (k2.out + k3.out) * stays(s + 0.5) + k4.out * stays(s + 1));
    q = q.map((v, i) => v + (dt / 6) * ((k1.d[i] ?? 0) + 2 * (k2.d[i] ?? 0) + 2 * (k3.d[i] ?? 0) + (k4.d[i] ?? 0)));
  }
  return Math.min(1, level + called);
}

/** The window the live hint looks ahead. */
export const RISK_WINDOW_MS = 30 * 60_000;

/**
 * Is the service level at risk in the next 30 minutes? Of the waiting tickets that are either expected to be called
 * in the window or reach their target in it (`callAt` undefined: beyond the forecast, so after the window), fewer
 * than `share` are expected to be called within the target. Returns how many of those are late, of how many.
 */
export function serviceLevelRisk(
  waiting: readonly { queuedAt: number; callAt: number | undefined }[],
  now: number,
  targetMs: number,
  share: number,
): { late: number; due: number; atRisk: boolean } {
  const end = now + RISK_WINDOW_MS;
  let due = 0;
  let late = 0;
  for (const t of waiting) {
    const dueAt = t.queuedAt + targetMs;
    if ((t.callAt === undefined || t.callAt > end) && dueAt > end) continue;
    due += 1;
    if (t.callAt === undefined || t.callAt > dueAt) late += 1;
  }
  return { late, due, atRisk: due > 0 && (due - late) / due < share };
}
