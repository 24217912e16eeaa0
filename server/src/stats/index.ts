import { FeedbackService } from '../feedback/feedbackService.js';
import type { Services } from '../services/index.js';
import type { Store } from '../store/index.js';
import { DailyRollup, StatsRepository, VisitRepository } from '../store/index.js';
import { StatsService } from './statsService.js';
import { VisitProjector } from './visitProjector.js';

export { StatsService } from './statsService.js';
export { VisitProjector } from './visitProjector.js';
export { DailyRollup, VisitRepository } from '../store/index.js';

export interface Statistics {
  projector: VisitProjector;
  rollup: DailyRollup;
  stats: StatsService;
  feedback: FeedbackService;
  close(): void;
}

/** Events projected per turn of the event loop in the background (a few tens of milliseconds). */
const BACKGROUND_STEP = 2_000;
/**
 * Live events are projected at most this long after they commit, together: a busy hall pays one projection write
 * per half second instead of one per action (every statistics answer projects what is pending first anyway).
 */
const LIVE_DELAY_MS = 500;

/**
 * Statistics over the event log: the projector catches up in the background from start, and again shortly after
 * every committed change, a small batch per turn of the event loop so the queue never waits for it; every
 * statistics answer first projects whatever is still pending, so it never misses an event.
 */
export function createStatistics(store: Store, s: Services, log: (msg: string, err?: unknown) => void): Statistics {
  const projector = new VisitProjector(new VisitRepository(store.db), () => {
    const hall = s.hall.current();
    return { timeZone: hall.timeZone, targetMinutes: (id) => hall.services.get(id)?.targetMinutes ?? 15 };
  });
  const rollup = new DailyRollup(store.db);
  let pending: NodeJS.Timeout | null = null;
  let closed = false;
  const catchUpSoon = (delayMs = 0) => {
    if (pending !== null || closed) return;
    pending = setTimeout(() => {
      pending = null;
      if (closed || !store.db.open) return;
      try {
        if (projector.step(BACKGROUND_STEP) === BACKGROUND_STEP) catchUpSoon();
      } catch (err) {
        log('statistics projector failed', err);
      }
    }, delayMs);
  };
  // The projector keeps its own mark (stats_progress) and reads the log from there: after a restart it catches up
  // by event id; live events only tell it there is more to read.
  catchUpSoon();
  const unsubscribe = s.events.subscribe({ name: 'statistics', handle: () => catchUpSoon(LIVE_DELAY_MS) });
  return {
    projector,
    rollup,
    stats: new StatsService(store, s.hall, s.now, projector, rollup, new StatsRepository(store.db)),
    feedback: new FeedbackService(store, s.now, catchUpSoon),
    close() {
      closed = true;
      unsubscribe();
      if (pending !== null) clearTimeout(pending);
    },
  };
}
