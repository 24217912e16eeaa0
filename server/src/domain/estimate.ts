import type { Ticket } from './types.js';
import { isAvailable, type Counter } from './types.js';

/**
 * Estimated wait (documented in the README):
 *   capacity(s) = Σ over open, unpaused counters serving s of  weight(s) / Σ weights of that counter's services
 *   estimate   = ⌈ ahead × averageServiceMinutes(s) / capacity(s) ⌉
 * `averageServiceMinutes` is the mean of the service's last N visit durations (start → finish), or the configured
 * default before there is history. With no counter open for the service the estimate is unknown (null).
 */

export function capacity(serviceId: string, counters: readonly Counter[]): number {
  let total = 0;
  for (const c of counters) {
    if (!isAvailable(c)) continue;
    const mine = c.services.find((p) => p.serviceId === serviceId);
    if (!mine) continue;
    const sum = c.services.reduce((acc, p) => acc + p.weight, 0);
    total += sum > 0 ? mine.weight / sum : 0;
  }
  return total;
}

export function averageServiceMinutes(recentDurationsMs: readonly number[], defaultMinutes: number): number {
  const valid = recentDurationsMs.filter((d) => d > 0);
  if (valid.length === 0) return defaultMinutes;
  return valid.reduce((a, b) => a + b, 0) / valid.length / 60_000;
}

export function estimateMinutes(ahead: number, averageMinutes: number, cap: number): number | null {
  if (cap <= 0) return null;
  return Math.ceil((ahead * averageMinutes) / cap);
}

/** People ahead of `ticket` in its service's queue (earlier arrival, or same arrival and lower id). */
export function peopleAhead(ticket: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, waiting: readonly Ticket[]): number {
  return waiting.filter(
    (t) =>
      t.state === 'waiting' &&
      t.serviceId === ticket.serviceId &&
      t.id !== ticket.id &&
      (t.queuedAt < ticket.queuedAt || (t.queuedAt === ticket.queuedAt && t.id < ticket.id)),
  ).length;
}
