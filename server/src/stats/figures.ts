import type { CounterTime, StatsFigures } from '../protocol/index.js';
import { periodMs } from './counterFold.js';

/** Pure arithmetic from roll-up sums to the published figures. */

/** The summed columns of `stats_daily` joined with `stats_legs_daily`. */
export interface FigureSums {
  visits: number;
  called: number;
  within_target: number;
  wait_sum: number;
  wait_max: number;
  walk_sum: number;
  walk_n: number;
  transaction_sum: number;
  transaction_n: number;
  done: number;
  resolved_first_contact: number;
  sl_base: number;
  no_show: number;
  cancelled: number;
  expired: number;
  abandoned: number;
  transferred_visits: number;
  transfers: number;
  recalls: number;
  ratings: number;
  rating_sum: number;
  legs: number;
  legs_called: number;
  leg_wait_sum: number;
}


/** Sums of nothing: a slice without visits. */
export const NO_VISITS = {
  visits: 0, called: 0, within_target: 0, wait_sum: 0, wait_max: 0, walk_sum: 0, walk_n: 0, transaction_sum: 0,
  transaction_n: 0, done: 0, resolved_first_contact: 0, sl_base: 0, no_show: 0, cancelled: 0, expired: 0, abandoned: 0,
  transferred_visits: 0, transfers: 0, recalls: 0, ratings: 0, rating_sum: 0, r1: 0, r2: 0, r3: 0, r4: 0, r5: 0,
  legs: 0, legs_called: 0, leg_wait_sum: 0,
};

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);
const mean = (sum: number, n: number): number | null => (n > 0 ? Math.round(sum / n) : null);

export function figures(s: FigureSums): StatsFigures {
  return {
    visits: s.visits,
    called: s.called,
    meanWaitMs: mean(s.wait_sum, s.called),
    maxWaitMs: s.called > 0 ? s.wait_max : null,
    meanWalkMs: mean(s.walk_sum, s.walk_n),
    meanTransactionMs: mean(s.transaction_sum, s.transaction_n),
    serviceLevel: ratio(s.within_target, s.sl_base),
    done: s.done,
    noShows: s.no_show,
    noShowRate: ratio(s.no_show, s.called),
    abandoned: s.abandoned,
    cancelled: s.cancelled,
    expired: s.expired,
    abandonmentRate: ratio(s.abandoned, s.visits),
    firstContactResolution: ratio(s.resolved_first_contact, s.done),
    transfers: s.transfers,
    transferredVisits: s.transferred_visits,
    recalls: s.recalls,
    legs: s.legs,
    meanLegWaitMs: mean(s.leg_wait_sum, s.legs_called),
    ratings: s.ratings,
    meanRating: s.ratings > 0 ? Math.round((s.rating_sum / s.ratings) * 100) / 100 : null,
  };
}

export interface PeriodRow {
  counter_id: string;
  user_id: number | null;
  kind: 'open' | 'paused';
  reason: string | null;
  started_at: number;
  ended_at: number | null;
}

/**
 * Open, paused (by reason), serving and idle time per counter and staff member within [start, end): periods still
 * running count up to `end` (the caller passes min(range end, now)). `serving` maps "counter|user" to serving ms.
 */
export function counterTimes(
  periods: readonly PeriodRow[],
  serving: ReadonlyMap<string, number>,
  start: number,
  end: number,
  names: ReadonlyMap<number, string>,
): CounterTime[] {
  const rows = new Map<string, CounterTime>();
  const row = (counterId: string, userId: number | null): CounterTime => {
    const key = `${counterId}|${userId ?? 0}`;
    let r = rows.get(key);
    if (!r) {
      r = { counterId, userId, userName: userId === null ? null : (names.get(userId) ?? null), openMs: 0, servingMs: 0, pausedMs: 0, pausedByReason: {}, idleMs: 0 };
      rows.set(key, r);
    }
    return r;
  };
  for (const p of periods) {
    // Whole milliseconds per period, so that sums do not depend on their order (central sums periods in SQL).
    const ms = periodMs(p, start, end);
    const r = row(p.counter_id, p.user_id);
    if (p.kind === 'open') r.openMs += ms;
    else {
      r.pausedMs += ms;
      const reason = p.reason ?? 'other';
      r.pausedByReason[reason] = (r.pausedByReason[reason] ?? 0) + ms;
    }
  }
  for (const [key, ms] of serving) {
    const [counterId = '', user = '0'] = key.split('|');
    if (counterId === '') continue;
    row(counterId, Number(user) || null).servingMs += ms;
  }
  for (const r of rows.values()) r.idleMs = Math.max(0, r.openMs - r.pausedMs - r.servingMs);
  return [...rows.values()].sort((a, b) => a.counterId.localeCompare(b.counterId, 'en', { numeric: true }) || (a.userId ?? 0) - (b.userId ?? 0));
}
