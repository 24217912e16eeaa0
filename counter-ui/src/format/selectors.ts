import type { CounterView, StaffSnapshot, TicketView } from '@vuoro/server/protocol';

/** Tickets waiting in this counter's services (and any sent to it by name), oldest arrival first. */
export function waitingFor(snapshot: StaffSnapshot, counter: CounterView): TicketView[] {
  const mine = new Set(counter.services.map((s) => s.serviceId));
  return snapshot.tickets
    .filter((x) => x.state === 'waiting' && (x.targetCounterId === counter.id || (x.targetCounterId === null && mine.has(x.serviceId))))
    .sort((a, b) => a.queuedAt - b.queuedAt || a.id - b.id);
}

/** The ticket on call or being served at this counter, if any. */
export function currentAt(snapshot: StaffSnapshot, counterId: string): TicketView | null {
  return snapshot.tickets.find((x) => x.counterId === counterId && (x.state === 'called' || x.state === 'serving')) ?? null;
}
