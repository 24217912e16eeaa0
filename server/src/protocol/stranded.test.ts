import { describe, expect, it } from 'vitest';
import { strandedReason, strandedTickets } from './stranded.js';

const counters = [
  { id: '2', open: false, services: [{ serviceId: 'residence' }] },
  { id: '3', open: true, services: [{ serviceId: 'residence' }, { serviceId: 'identity' }] },
];

describe('stranded tickets', () => {
  it('a ticket sent to a closed counter is stranded, even when an open counter serves its service', () => {
    expect(strandedReason({ state: 'waiting', serviceId: 'residence', targetCounterId: '2' }, counters)).toBe('counter-closed');
  });

  it('a ticket sent to a counter that no longer exists is stranded', () => {
    expect(strandedReason({ state: 'waiting', serviceId: 'residence', targetCounterId: '99' }, counters)).toBe('counter-closed');
  });

  it('a ticket whose service no open counter serves is stranded', () => {
    expect(strandedReason({ state: 'waiting', serviceId: 'parking', targetCounterId: null }, counters)).toBe('no-open-counter');
  });

  it('a ticket an open counter can call, or one not waiting, is not stranded', () => {
    expect(strandedReason({ state: 'waiting', serviceId: 'identity', targetCounterId: null }, counters)).toBeNull();
    expect(strandedReason({ state: 'waiting', serviceId: 'parking', targetCounterId: '3' }, counters)).toBeNull();
    expect(strandedReason({ state: 'called', serviceId: 'parking', targetCounterId: null }, counters)).toBeNull();
  });

  it('lists the stranded tickets with their reasons', () => {
    const tickets = [
      { id: 1, state: 'waiting', serviceId: 'residence', targetCounterId: '2' },
      { id: 2, state: 'waiting', serviceId: 'identity', targetCounterId: null },
      { id: 3, state: 'waiting', serviceId: 'parking', targetCounterId: null },
    ];
    expect(strandedTickets(tickets, counters).map((s) => [s.ticket.id, s.reason])).toEqual([
      [1, 'counter-closed'],
      [3, 'no-open-counter'],
    ]);
  });
});
