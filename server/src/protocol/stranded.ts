/**
 * A stranded ticket is a waiting ticket that no open counter can call: it was sent to a named counter that is closed
 * (or no longer exists), or no open counter's active work profile includes its service. Pure, shared by the server
 * (GET /tickets/stranded) and the supervisor screen, so both name the same tickets for the same reason.
 */

export type StrandedReason = 'counter-closed' | 'no-open-counter';

export interface StrandedTicketShape {
  state: string;
  serviceId: string;
  targetCounterId: string | null;
}

export interface StrandedCounterShape {
  id: string;
  open: boolean;
  services: readonly { serviceId: string }[];
}

/** Why no open counter can call this ticket, or null when one can (a paused counter counts: it comes back). */
export function strandedReason(t: StrandedTicketShape, counters: readonly StrandedCounterShape[]): StrandedReason | null {
  if (t.state !== 'waiting') return null;
  if (t.targetCounterId !== null) {
    return counters.some((c) => c.id === t.targetCounterId && c.open) ? null : 'counter-closed';
  }
  return counters.some((c) => c.open && c.services.some((p) => p.serviceId === t.serviceId)) ? null : 'no-open-counter';
}

/** The stranded tickets among `tickets`, in the order given, each with its reason. */
export function strandedTickets<T extends StrandedTicketShape>(
  tickets: readonly T[],
  counters: readonly StrandedCounterShape[],
): { ticket: T; reason: StrandedReason }[] {
  return tickets.flatMap((ticket) => {
    const reason = strandedReason(ticket, counters);
    return reason === null ? [] : [{ ticket, reason }];
  });
}
