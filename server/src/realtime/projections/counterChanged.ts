import type { DomainEvent } from '../../protocol/index.js';
import type { Services } from '../../services/index.js';
import { outgoing, type Outgoing } from '../outgoing.js';

/**
 * `counter:changed` for each counter an event happened at (opened, paused, a ticket called or finished there…):
 * displays get the public view, staff the view with who works there and what is parked.
 */
export function counterChanged(events: readonly DomainEvent[], s: Services): Outgoing[] {
  const ids = new Set<string>();
  for (const e of events) if (e.counterId !== null && e.type !== 'feedback_given') ids.add(e.counterId);
  if (ids.size === 0) return [];
  const inService = s.tickets.inService();
  return s.views.counters().flatMap((counter) => {
    if (!ids.has(counter.id)) return [];
    return [
      outgoing('display', 'counter:changed', { counter: s.views.counterView(counter, inService, false) }),
      outgoing('staff', 'counter:changed', { counter: s.views.counterView(counter, inService, true) }),
    ];
  });
}
