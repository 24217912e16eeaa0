import type { DomainEvent } from '../../protocol/index.js';
import type { Services } from '../../services/index.js';
import { outgoing, type Outgoing } from '../outgoing.js';

/** Tells staff (the previous holder's screen) who took a counter over. */
export function counterTakenOver(events: readonly DomainEvent[], s: Services): Outgoing[] {
  return events.flatMap((e) => {
    if (e.type !== 'counter_taken_over' || e.counterId === null || e.userId === null) return [];
    const by = s.views.userName(e.userId) ?? '';
    return [outgoing('staff', 'counter:taken-over', { counterId: e.counterId, by, previousUserId: e.data.from })];
  });
}
