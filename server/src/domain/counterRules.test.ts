import { describe, expect, it } from 'vitest';
import {
  callError,
  callShortlist,
  changeProfile,
  closeCounter,
  holderError,
  onCall,
  openCounter,
  pauseCounter,
  profileFor,
  resumeCounter,
  resumeParkedError,
  type CounterActor,
} from './counterRules.js';
import { DomainError } from './errors.js';
import { issue } from './transitions.js';
import type { Counter, Ticket } from './types.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const MIN = 60_000;
const anna: CounterActor = { userId: 1, role: 'staff' };
const ben: CounterActor = { userId: 2, role: 'staff' };
const sue: CounterActor = { userId: 3, role: 'supervisor' };

function counter(extra: Partial<Counter> = {}): Counter {
  const profile = [{ serviceId: 'a', weight: 2 }, { serviceId: 'b', weight: 1 }];
  return { id: '1', label: '1', features: [], profile, open: false, services: profile, userId: null, openedAt: null, pausedReason: null, pausedAt: null, normalsSincePriority: 0, ...extra };
}

function ticket(id: number, state: Ticket['state'], extra: Partial<Ticket> = {}): Ticket {
  const t = issue({ number: `A${id}`, serviceId: 'a', localDate: '2026-11-23', language: 'en', needs: [], kioskId: null, statusToken: `t${id}` }, NOW - id * MIN);
  return { ...t, id, state, counterId: state === 'waiting' ? null : '1', ...extra };
}

function ok<T>(r: T | DomainError): T {
  if (r instanceof DomainError) throw new Error(`expected a change, got ${r.code}: ${r.message}`);
  return r;
}

function code(r: unknown): string | undefined {
  return r instanceof DomainError ? r.code : undefined;
}

describe('the counter state machine', () => {
  it('opens a closed counter with its whole profile or a part of it, and refuses a service outside it', () => {
    const opened = ok(openCounter(counter(), anna, {}, undefined, NOW));
    expect(opened.counter).toMatchObject({ open: true, userId: 1, openedAt: NOW });
    expect(opened.events).toEqual([{ type: 'counter_opened', data: { services: ['a', 'b'] } }]);
    const part = ok(openCounter(counter(), anna, { services: ['b'] }, undefined, NOW));
    expect(part.counter.services).toEqual([{ serviceId: 'b', weight: 1 }]);
    expect(code(openCounter(counter(), anna, { services: ['x'] }, undefined, NOW))).toBe('not_in_profile');
    expect(code(profileFor(counter(), ['a', 'x']))).toBe('not_in_profile');
  });

  it("a counter open by someone else is refused, naming the holder, unless taken over (one take-over event, the first opening time kept)", () => {
    const held = counter({ open: true, userId: 1, openedAt: NOW - 60 * MIN });
    const refused = openCounter(held, ben, {}, 'Anna', NOW);
    expect(code(refused)).toBe('counter_taken');
    expect(refused instanceof DomainError && refused.message).toContain('Anna');
    const taken = ok(openCounter(held, ben, { takeOver: true }, 'Anna', NOW));
    expect(taken.events).toEqual([{ type: 'counter_taken_over', data: { from: 1 } }]);
    expect(taken.counter).toMatchObject({ userId: 2, openedAt: NOW - 60 * MIN });
    // The holder opening again changes the profile without a new opening.
    expect(ok(openCounter(held, anna, { services: ['a'] }, undefined, NOW)).events).toEqual([]);
  });

  it('pauses and resumes only for the holder (or a supervisor), never twice, never with a ticket on call', () => {
    const open = counter({ open: true, userId: 1, openedAt: NOW });
    expect(code(pauseCounter(counter(), anna, [], 'lunch', NOW))).toBe('counter_closed');
    expect(code(pauseCounter(open, ben, [], 'lunch', NOW))).toBe('counter_taken');
    expect(code(pauseCounter(open, anna, [ticket(1, 'called')], 'lunch', NOW))).toBe('counter_busy');
    const paused = ok(pauseCounter(open, sue, [ticket(2, 'parked')], 'lunch', NOW));
    expect(paused.counter).toMatchObject({ pausedReason: 'lunch', pausedAt: NOW });
    expect(paused.events).toEqual([{ type: 'counter_paused', data: { reason: 'lunch' } }]);
    expect(code(pauseCounter(paused.counter, anna, [], 'again', NOW))).toBe('counter_paused');
    const resumed = ok(resumeCounter(paused.counter, anna, NOW + 5 * MIN));
    expect(resumed.events).toEqual([{ type: 'counter_resumed', data: { reason: 'lunch', pausedMs: 5 * MIN } }]);
    expect(code(resumeCounter(resumed.counter, anna, NOW))).toBe('invalid_transition');
  });

  it('closes only when nothing is on call, served or parked there; closing a closed counter changes nothing', () => {
    const open = counter({ open: true, userId: 1, openedAt: NOW, pausedAt: NOW - MIN, pausedReason: 'lunch' });
    expect(code(closeCounter(open, [ticket(1, 'parked')]))).toBe('counter_busy');
    const closed = ok(closeCounter(open, []));
    expect(closed.counter).toMatchObject({ open: false, userId: null, pausedAt: null, services: open.profile });
    expect(closed.events).toEqual([{ type: 'counter_closed', data: { pausedReason: 'lunch' } }]);
    const again = ok(closeCounter(closed.counter, []));
    expect(again).toEqual({ counter: closed.counter, events: [] });
  });

  it('calls only when open, held, not paused and with nobody on call; one on-call check for all of them', () => {
    const open = counter({ open: true, userId: 1, openedAt: NOW });
    expect(callError(open, anna, [ticket(1, 'parked')])).toBeUndefined();
    expect(code(callError(counter(), anna, []))).toBe('counter_closed');
    expect(code(callError(open, ben, []))).toBe('counter_taken');
    expect(callError(open, sue, [])).toBeUndefined();
    expect(code(callError({ ...open, pausedAt: NOW }, anna, []))).toBe('counter_paused');
    const busy = callError(open, anna, [ticket(1, 'serving')]);
    expect(code(busy)).toBe('counter_busy');
    expect(busy instanceof DomainError && busy.message).toContain('being served');
    expect(onCall([ticket(1, 'parked'), ticket(2, 'called')])?.id).toBe(2);
    expect(code(resumeParkedError(open, anna, [ticket(2, 'called')]))).toBe('counter_busy');
    expect(code(holderError(open, ben))).toBe('counter_taken');
  });

  it('a profile change names an unknown service and changes nothing then', () => {
    const c = counter();
    expect(code(changeProfile(c, [{ serviceId: 'zz', weight: 1 }], (id) => id === 'a'))).toBe('unknown_service');
    expect(ok(changeProfile(c, [{ serviceId: 'a', weight: 3 }], () => true)).counter.services).toEqual([{ serviceId: 'a', weight: 3 }]);
  });
});

describe('the call-next shortlist', () => {
  it('is the first ticket sent to the counter by name and each queue’s first eligible ticket, reading no further', () => {
    const c = counter({ open: true, userId: 1, features: [] });
    const other = counter({ id: '2', label: '2', open: true, userId: 2, features: ['hearing-loop'] });
    const read: number[] = [];
    const queue = (serviceId: string, priority: boolean) =>
      (function* () {
        const list = serviceId === 'a' && !priority ? [ticket(1, 'waiting', { needs: ['hearing-loop'] }), ticket(2, 'waiting'), ticket(3, 'waiting')] : [];
        for (const t of list) {
          read.push(t.id);
          yield t;
        }
      })();
    const named = [ticket(9, 'waiting', { targetCounterId: '1' }), ticket(10, 'waiting', { targetCounterId: '1' })];
    const list = callShortlist(c, [c, other], queue, named);
    // Ticket 1 needs the hearing loop counter 2 has: counter 1 skips it; ticket 3 is never read.
    expect(list.map((t) => t.id)).toEqual([9, 2]);
    expect(read).toEqual([1, 2]);
  });
});
