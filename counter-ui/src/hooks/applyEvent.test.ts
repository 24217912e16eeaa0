import { describe, expect, it } from 'vitest';
import type { StaffSnapshot, TicketView } from '@vuoro/server/protocol';
import { applyEvent } from './applyEvent.js';

const ticket = (id: number, state: TicketView['state'] = 'waiting'): TicketView => ({
  id,
  number: `A${String(id).padStart(3, '0')}`,
  serviceId: 'identity',
  originalServiceId: 'identity',
  state,
  language: 'en',
  needs: [],
  issuedAt: 0,
  queuedAt: 0,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  counterId: null,
  targetCounterId: null,
  recallCount: 0,
  outcome: null,
  note: null,
  callReason: null,
  kioskId: null,
});

const snapshot = (tickets: TicketView[]): StaffSnapshot =>
  ({ role: 'staff', seq: 4, epoch: 'e', now: 0, tickets, counters: [], services: [], recentCalls: [], devices: [], announcement: null }) as unknown as StaffSnapshot;

describe('applying staff events to the snapshot', () => {
  it('a changed ticket replaces the old one and a ticket that left the active list is removed', () => {
    const s = snapshot([ticket(1), ticket(2)]);
    const called = applyEvent(s, 5, { kind: 'ticket', ticketId: 1, ticket: ticket(1, 'called') });
    expect(called.seq).toBe(5);
    expect(called.tickets.find((t) => t.id === 1)?.state).toBe('called');
    const gone = applyEvent(called, 6, { kind: 'ticket', ticketId: 2, ticket: null });
    expect(gone.tickets.map((t) => t.id)).toEqual([1]);
  });

  it('an announcement replaces the previous one and null clears it', () => {
    const s = applyEvent(snapshot([]), 5, { kind: 'announcement', text: 'Closing early' });
    expect(s.announcement).toBe('Closing early');
    expect(applyEvent(s, 6, { kind: 'announcement', text: null }).announcement).toBeNull();
  });
});
