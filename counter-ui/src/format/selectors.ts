import type { CounterView, StaffSnapshot, TicketView } from '@vuoro/server/protocol';

/** Tickets waiting in this counter's services (and any sent to it by name), oldest arrival first. */
export function waitingFor(snapshot: StaffSnapshot, counter: CounterView): TicketView[] {
  const mine = new Set(counter.services.map((s) => s.serviceId));
  return snapshot.tickets
    .filter((x) => x.state === 'waiting' && (x.targetCounterId === counter.id || (x.targetCounterId === null && mine.has(x.serviceId))))
    .sort((a, b) => a.queuedAt - b.queuedAt || a.id - b.id);
}

/**
 * Per service of the counter: waiting tickets the snapshot left out (a very long queue lists only the oldest of each
 * service, StaffSnapshot.ticketsOmitted), from the service's true waiting count. Empty on an ordinary day.
 */
export function notListed(snapshot: StaffSnapshot, counter: CounterView): Map<string, number> {
  const out = new Map<string, number>();
  if (snapshot.ticketsOmitted === 0) return out;
  for (const p of counter.services) {
    const listed = snapshot.tickets.filter((x) => x.state === 'waiting' && x.serviceId === p.serviceId).length;
    const waiting = snapshot.services.find((s) => s.id === p.serviceId)?.waiting ?? 0;
    if (waiting > listed) out.set(p.serviceId, waiting - listed);
  }
  return out;
}

/** The ticket on call or being served at this counter, if any. */
export function currentAt(snapshot: StaffSnapshot, counterId: string): TicketView | null {
  return snapshot.tickets.find((x) => x.counterId === counterId && (x.state === 'called' || x.state === 'serving')) ?? null;
}

/** Whether the signed-in user acts for the organisation of this service (`actsFor` null: the whole hall). */
export function actsForService(snapshot: StaffSnapshot, serviceId: string): boolean {
  if (snapshot.actsFor === null) return true;
  const org = snapshot.services.find((s) => s.id === serviceId)?.organisationId ?? null;
  return org === null || snapshot.actsFor.includes(org);
}

/** Whether the user may change this counter: it serves (or would serve) a service of theirs. */
export function actsForCounter(snapshot: StaffSnapshot, counter: CounterView): boolean {
  return counter.services.length === 0 || counter.services.some((p) => actsForService(snapshot, p.serviceId));
}
