import { when, type SumColumns } from './rollupSums.js';

/**
 * The one definition of today's live figures ("waiting now", "longest wait now", "service level today", …): sums
 * over the day's visits per service, in SQL that SQLite (the hall) and PostgreSQL (central) read alike, and the
 * arithmetic from those sums to the figures. `now` is the SQL of the current time in epoch ms (a parameter).
 */
export function liveSums(now: string): SumColumns {
  return [
    ['tickets', 'count(*)'],
    ['waiting', when("state = 'waiting'")],
    ['serving', when("state IN ('called', 'serving', 'parked')")],
    ['done', when("state = 'done'")],
    ['called', 'count(wait_ms)'],
    ['wait_sum', 'coalesce(sum(wait_ms), 0)'],
    ['within', when('wait_ms <= target_ms')],
    // Decided so far: called, abandoned, or still waiting beyond the target.
    ['base', `count(wait_ms) + ${when(`first_called_at IS NULL AND (state IN ('cancelled', 'expired') OR (state = 'waiting' AND ${now} - issued_at > target_ms))`)}`],
    // The issue time of the visitor waiting longest (since being issued), if anyone waits.
    ['oldest_waiting_at', "min(CASE WHEN state = 'waiting' THEN issued_at END)"],
  ];
}

/** `aggregate AS column, …` */
export const selectSums = (cols: SumColumns): string => cols.map(([c, e]) => `${e} AS ${c}`).join(', ');

export interface LiveSums {
  tickets: number;
  waiting: number;
  serving: number;
  done: number;
  called: number;
  wait_sum: number;
  within: number;
  base: number;
  oldest_waiting_at: number | null;
}

export const NO_LIVE: LiveSums = { tickets: 0, waiting: 0, serving: 0, done: 0, called: 0, wait_sum: 0, within: 0, base: 0, oldest_waiting_at: null };

export function addLive(a: LiveSums, b: LiveSums): LiveSums {
  const oldest = a.oldest_waiting_at === null ? b.oldest_waiting_at : b.oldest_waiting_at === null ? a.oldest_waiting_at : Math.min(a.oldest_waiting_at, b.oldest_waiting_at);
  return {
    tickets: a.tickets + b.tickets,
    waiting: a.waiting + b.waiting,
    serving: a.serving + b.serving,
    done: a.done + b.done,
    called: a.called + b.called,
    wait_sum: a.wait_sum + b.wait_sum,
    within: a.within + b.within,
    base: a.base + b.base,
    oldest_waiting_at: oldest,
  };
}

export interface LiveNumbers {
  tickets: number;
  waitingNow: number;
  inServiceNow: number;
  done: number;
  meanWaitMs: number | null;
  serviceLevel: number | null;
  longestWaitMs: number | null;
}

export function liveNumbers(s: LiveSums, now: number): LiveNumbers {
  return {
    tickets: s.tickets,
    waitingNow: s.waiting,
    inServiceNow: s.serving,
    done: s.done,
    meanWaitMs: s.called > 0 ? Math.round(s.wait_sum / s.called) : null,
    serviceLevel: s.base > 0 ? s.within / s.base : null,
    longestWaitMs: s.oldest_waiting_at === null ? null : Math.max(0, Math.round(now - s.oldest_waiting_at)),
  };
}
