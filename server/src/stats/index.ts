import { FeedbackService } from '../feedback/feedbackService.js';
import type { Services } from '../services/index.js';
import { DailyRollup } from './dailyRollup.js';
import { StatsQueries } from './statsQueries.js';
import { StatsService } from './statsService.js';
import { VisitProjector } from './visitProjector.js';

export { StatsService } from './statsService.js';
export { VisitProjector } from './visitProjector.js';
export { DailyRollup } from './dailyRollup.js';

export interface Statistics {
  projector: VisitProjector;
  rollup: DailyRollup;
  stats: StatsService;
  feedback: FeedbackService;
  close(): void;
}

/**
 * Statistics over the event log: the projector catches up at start, and again shortly after every committed change
 * (and before every statistics answer), so it never slows the queue down and never misses an event.
 */
export function createStatistics(s: Services, log: (msg: string, err?: unknown) => void): Statistics {
  const { store } = s.ctx;
  const projector = new VisitProjector(store.db, () => {
    const hall = s.hall.current();
    return { timeZone: hall.timeZone, targetMinutes: (id) => hall.services.get(id)?.targetMinutes ?? 15 };
  });
  const rollup = new DailyRollup(store.db);
  projector.catchUp();
  let pending: NodeJS.Immediate | null = null;
  let closed = false;
  const catchUpSoon = () => {
    if (pending !== null || closed) return;
    pending = setImmediate(() => {
      pending = null;
      if (closed || !store.db.open) return;
      try {
        projector.catchUp();
      } catch (err) {
        log('statistics projector failed', err);
      }
    });
  };
  s.bus.on('change', catchUpSoon);
  return {
    projector,
    rollup,
    stats: new StatsService(store, s.hall, s.ctx.now, projector, rollup, new StatsQueries(store.db)),
    feedback: new FeedbackService(store, s.ctx.now, catchUpSoon),
    close() {
      closed = true;
      s.bus.off('change', catchUpSoon);
      if (pending !== null) clearImmediate(pending);
    },
  };
}
