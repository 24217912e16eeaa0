import type { DomainEvent } from '../../protocol/index.js';
import type { Services } from '../../services/index.js';
import { outgoing, type Outgoing } from '../outgoing.js';

/** `ticket:called` to displays and staff for every call and recall, at once: a call is never held back. */
export function ticketCalled(events: readonly DomainEvent[], s: Services): Outgoing[] {
  return events.flatMap((e) => {
    if ((e.type !== 'ticket_called' && e.type !== 'ticket_recalled') || e.ticketId === null) return [];
    const t = s.tickets.find(e.ticketId);
    if (!t) return [];
    // The counter of the event: the ticket may have moved on by the time a consumer reads it.
    const call = s.views.callView({ ...t, counterId: e.counterId ?? t.counterId }, e.type === 'ticket_recalled', e.at);
    return [outgoing('display', 'ticket:called', { call }), outgoing('staff', 'ticket:called', { call })];
  });
}
