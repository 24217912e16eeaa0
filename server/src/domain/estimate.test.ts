import { describe, expect, it } from 'vitest';
import { averageServiceMinutes, capacity, estimateMinutes, peopleAhead } from './estimate.js';
import { issue } from './transitions.js';
import type { Counter, Ticket } from './types.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 16, 8, 0);

function counter(id: string, services: Counter['services'], overrides: Partial<Counter> = {}): Counter {
  return {
    id,
    label: id,
    features: [],
    profile: services,
    open: true,
    services,
    userId: 1,
    openedAt: T0,
    pausedReason: null,
    pausedAt: null,
    normalsSincePriority: 0,
    ...overrides,
  };
}

function ticket(id: number, queuedAt: number, overrides: Partial<Ticket> = {}): Ticket {
  const base = issue(
    { number: `A${String(id).padStart(3, '0')}`, serviceId: 'permits', localDate: '2026-03-16', language: 'en', needs: [], kioskId: null, statusToken: `t${id}` },
    queuedAt,
  );
  return { ...base, id, ...overrides };
}

describe('capacity', () => {
  const onlyPermits = counter('c1', [{ serviceId: 'permits', weight: 1 }]);
  const mixed = counter('c2', [
    { serviceId: 'permits', weight: 1 },
    { serviceId: 'benefits', weight: 3 },
  ]);

  it('a counter serving one service gives it a whole counter', () => {
    expect(capacity('permits', [onlyPermits])).toBe(1);
  });

  it('a multi-service counter shares itself between services by weight', () => {
    expect(capacity('permits', [mixed])).toBe(0.25);
    expect(capacity('benefits', [mixed])).toBe(0.75);
  });

  it('capacities of several counters add up', () => {
    expect(capacity('permits', [onlyPermits, mixed])).toBe(1.25);
    expect(capacity('benefits', [onlyPermits, mixed])).toBe(0.75);
  });

  it('paused and closed counters give no capacity', () => {
    const paused = { ...onlyPermits, id: 'c3', pausedAt: T0, pausedReason: 'lunch' };
    const closed = { ...mixed, id: 'c4', open: false };
    expect(capacity('permits', [paused, closed])).toBe(0);
    expect(capacity('permits', [paused, closed, mixed])).toBe(0.25);
  });

  it('only the active work profile counts, not the configured one', () => {
    const narrowed = counter('c5', [{ serviceId: 'permits', weight: 1 }], { profile: mixed.profile });
    expect(capacity('benefits', [narrowed])).toBe(0);
    expect(capacity('permits', [narrowed])).toBe(1);
  });

  it('a service nobody serves has zero capacity', () => {
    expect(capacity('taxes', [onlyPermits, mixed])).toBe(0);
  });
});

describe('averageServiceMinutes', () => {
  it('uses the configured default before there is any history', () => {
    expect(averageServiceMinutes([], 8)).toBe(8);
  });

  it('is the mean of recent visit durations in minutes', () => {
    expect(averageServiceMinutes([6 * MINUTE, 10 * MINUTE, 11 * MINUTE], 8)).toBe(9);
  });

  it('ignores zero and negative durations, falling back to the default if nothing else is left', () => {
    expect(averageServiceMinutes([0, -MINUTE, 4 * MINUTE], 8)).toBe(4);
    expect(averageServiceMinutes([0, -MINUTE], 8)).toBe(8);
  });
});

describe('estimateMinutes', () => {
  it('is people ahead × average minutes ÷ capacity, rounded up', () => {
    expect(estimateMinutes(3, 8, 1.25)).toBe(20); // 19.2
    expect(estimateMinutes(1, 5, 2)).toBe(3); // 2.5
    expect(estimateMinutes(4, 5, 2)).toBe(10);
  });

  it('is zero with nobody ahead', () => {
    expect(estimateMinutes(0, 8, 1)).toBe(0);
  });

  it('is unknown (null) when no open counter serves the service', () => {
    expect(estimateMinutes(3, 8, 0)).toBeNull();
  });
});

describe('peopleAhead', () => {
  it('counts waiting tickets of the same service that arrived earlier', () => {
    const waiting = [ticket(1, T0), ticket(2, T0 + MINUTE), ticket(3, T0 + 2 * MINUTE), ticket(4, T0 + 3 * MINUTE)];
    expect(peopleAhead(waiting[0]!, waiting)).toBe(0);
    expect(peopleAhead(waiting[2]!, waiting)).toBe(2);
    expect(peopleAhead(waiting[3]!, waiting)).toBe(3);
  });

  it('a ticket arriving at the same instant with a lower id is ahead', () => {
    const waiting = [ticket(8, T0), ticket(7, T0)];
    expect(peopleAhead(waiting[0]!, waiting)).toBe(1);
    expect(peopleAhead(waiting[1]!, waiting)).toBe(0);
  });

  it('a transferred ticket keeps its original arrival and is ahead of later arrivals', () => {
    const transferred = ticket(50, T0 - 30 * MINUTE, { originalServiceId: 'benefits' });
    const waiting = [ticket(1, T0), transferred];
    expect(peopleAhead(waiting[0]!, waiting)).toBe(1);
    expect(peopleAhead(transferred, waiting)).toBe(0);
  });

  it('ignores other services and tickets that are no longer waiting', () => {
    const waiting = [
      ticket(1, T0, { serviceId: 'benefits' }),
      ticket(2, T0, { state: 'called', counterId: 'c1' }),
      ticket(3, T0, { state: 'parked', counterId: 'c1' }),
      ticket(4, T0 + MINUTE),
      ticket(5, T0 + 2 * MINUTE),
    ];
    expect(peopleAhead(waiting[4]!, waiting)).toBe(1);
  });

  it('works for a ticket not yet in the list, such as one about to be issued', () => {
    const waiting = [ticket(1, T0), ticket(2, T0 + MINUTE)];
    expect(peopleAhead({ id: 3, serviceId: 'permits', queuedAt: T0 + 5 * MINUTE }, waiting)).toBe(2);
  });
});
