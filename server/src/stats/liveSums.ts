import type { LiveFigures } from '../protocol/index.js';

/** Today's live figures from the live sums (their SQL: store/statsSql.ts `LIVE_ROLLED` and `liveNow`). */

export interface LiveSums {
  tickets: number;
  waiting: number;
  serving: number;
  done: number;
  called: number;
  wait_sum: number;
  within: number;
  decided: number;
  waiting_late: number;
  oldest_waiting_at: number | null;
}

export const NO_LIVE: LiveSums = { tickets: 0, waiting: 0, serving: 0, done: 0, called: 0, wait_sum: 0, within: 0, decided: 0, waiting_late: 0, oldest_waiting_at: null };

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
    decided: a.decided + b.decided,
    waiting_late: a.waiting_late + b.waiting_late,
    oldest_waiting_at: oldest,
  };
}

/** The live figures that come from the sums (the counters' figures come from the counters' state). */
export type LiveNumbers = Omit<LiveFigures, 'countersOpen' | 'countersPaused'>;

export function liveNumbers(s: LiveSums, now: number): LiveNumbers {
  return {
    tickets: s.tickets,
    waitingNow: s.waiting,
    inServiceNow: s.serving,
    done: s.done,
    meanWaitMs: s.called > 0 ? Math.round(s.wait_sum / s.called) : null,
    serviceLevel: s.decided + s.waiting_late > 0 ? s.within / (s.decided + s.waiting_late) : null,
    longestWaitMs: s.oldest_waiting_at === null ? null : Math.max(0, Math.round(now - s.oldest_waiting_at)),
  };
}
