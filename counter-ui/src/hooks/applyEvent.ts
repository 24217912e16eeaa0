import type { CallView, CounterView, DeviceStatusView, ServiceFigures, StaffSnapshot, TicketView } from '@vuoro/server/protocol';
import { withFigures } from '@vuoro/server/protocol/client';

/** A staff-channel event already checked for sequence continuity (the shared rule in @vuoro/server/protocol/client), in the shape the snapshot needs. */
export type StaffEvent =
  | { kind: 'ticket'; ticketId: number; ticket: TicketView | null }
  | { kind: 'counter'; counter: CounterView }
  | { kind: 'queue'; services: ServiceFigures[] }
  | { kind: 'call'; call: CallView }
  | { kind: 'announcement'; text: string | null }
  | { kind: 'device'; device: DeviceStatusView }
  /** An event that changes nothing in the snapshot but still counts in the sequence. */
  | { kind: 'none' };

const RECENT_CALLS = 20;

function replaceBy<T>(list: readonly T[], item: T, same: (x: T) => boolean): T[] {
  const i = list.findIndex(same);
  if (i === -1) return [...list, item];
  const next = list.slice();
  next[i] = item;
  return next;
}

/** Applies one event to the snapshot; pure, so it is easy to reason about. */
export function applyEvent(s: StaffSnapshot, seq: number, e: StaffEvent): StaffSnapshot {
  const base = { ...s, seq };
  switch (e.kind) {
    case 'ticket':
      return {
        ...base,
        tickets: e.ticket ? replaceBy(s.tickets, e.ticket, (t) => t.id === e.ticketId) : s.tickets.filter((t) => t.id !== e.ticketId),
      };
    case 'counter':
      return { ...base, counters: replaceBy(s.counters, e.counter, (c) => c.id === e.counter.id) };
    case 'queue':
      return { ...base, services: withFigures(s.services, e.services) };
    case 'call':
      return { ...base, recentCalls: [e.call, ...s.recentCalls].slice(0, RECENT_CALLS) };
    case 'announcement':
      return { ...base, announcement: e.text };
    case 'device':
      return { ...base, devices: replaceBy(s.devices, e.device, (d) => d.id === e.device.id) };
    case 'none':
      return base;
  }
}
