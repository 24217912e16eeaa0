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

/** The fewest counters that call `share` of arrivals within `targetMs` (Erlang C); 0 with no arrivals. */
export function countersNeeded(arrivalsPerHour: number, handlingMs: number, targetMs: number, share: number, max = 200): number {
  if (arrivalsPerHour <= 0 || handlingMs <= 0) return 0;
  const load = (arrivalsPerHour * handlingMs) / 3_600_000;
  for (let c = Math.max(1, Math.floor(load)); c <= max; c++) {
    if (serviceLevel(c, arrivalsPerHour, handlingMs, targetMs) >= share) return c;
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
