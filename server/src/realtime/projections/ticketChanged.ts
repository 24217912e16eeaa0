import { ACTIVE_STATES, isTicketEvent, type DomainEvent } from '../../protocol/index.js';
import { ticketView, type Services } from '../../services/index.js';
import { outgoing, type Outgoing } from '../outgoing.js';

/** `ticket:changed` to staff, once per ticket of the batch; `ticket: null` when it left today's active list. */
export function ticketChanged(events: readonly DomainEvent[], s: Services): Outgoing[] {
  const ids = new Set<number>();
  for (const e of events) if (isTicketEvent(e) && e.ticketId !== null) ids.add(e.ticketId);
  return [...ids].map((ticketId) => {
    const t = s.tickets.find(ticketId);
    return outgoing('staff', 'ticket:changed', { ticketId, ticket: t && ACTIVE_STATES.includes(t.state) ? ticketView(t) : null });
  });
}
