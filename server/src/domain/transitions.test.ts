import { describe, expect, it } from 'vitest';
import type { CallReason, TicketState } from '../protocol/index.js';
import { DomainError } from './errors.js';
import {
  issue,
  addNote,
  call,
  cancel,
  changeService,
  counterBusyWith,
  expire,
  finish,
  noShow,
  park,
  recall,
  requeue,
  resume,
  start,
  transfer,
  type Transition,
} from './transitions.js';
import type { Counter, Ticket } from './types.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 16, 8, 0); // Monday 2026-03-16 10:00 in Helsinki
const at = (minutes: number): number => T0 + minutes * MINUTE;

function ticket(overrides: Partial<Ticket> = {}): Ticket {
  const base = issue({ number: 'A001', serviceId: 'permits', localDate: '2026-03-16', language: 'fi', needs: [], kioskId: 'k1', statusToken: 'token' }, T0);
  return { ...base, id: 1, ...overrides };
}

function counter(overrides: Partial<Counter> = {}): Counter {
  return {
    id: 'c1',
    label: '1',
    features: [],
    profile: [{ serviceId: 'permits', weight: 1 }],
    open: true,
    services: [{ serviceId: 'permits', weight: 1 }],
    userId: 7,
    openedAt: T0,
    pausedReason: null,
    pausedAt: null,
    normalsSincePriority: 0,
    ...overrides,
  };
}

const reason: CallReason = {
  rule: 'weighted-wait',
  policy: 'aging',
  waitedMinutes: 5,
  weight: 1,
  score: 5,
  matchedFeature: null,
  candidates: 1,
};

const c1 = counter();
const c2 = counter({ id: 'c2', label: '2' });

function ok(result: Transition | DomainError): Transition {
  if (result instanceof DomainError) throw new Error(`expected a transition, got ${result.code}: ${result.message}`);
  return result;
}

function fails(result: Transition | DomainError): DomainError {
  if (!(result instanceof DomainError)) throw new Error(`expected a DomainError, got ${result.event.type}`);
  return result;
}

const called = (overrides: Partial<Ticket> = {}): Ticket =>
  ticket({ state: 'called', counterId: 'c1', calledAt: at(5), callReason: reason, ...overrides });
const serving = (overrides: Partial<Ticket> = {}): Ticket => called({ state: 'serving', startedAt: at(6), ...overrides });

describe('valid transitions', () => {
  it('calling a waiting ticket puts it on call at the counter and records the wait', () => {
    const { ticket: t, event } = ok(call(ticket({ targetCounterId: 'c1', recallCount: 2 }), c1, reason, at(5)));
    expect(t).toMatchObject({ state: 'called', counterId: 'c1', targetCounterId: null, calledAt: at(5), recallCount: 0, callReason: reason });
    expect(event).toEqual({ type: 'ticket_called', data: { reason, waitedMs: 5 * MINUTE } });
  });

  it('recalling a called ticket at its counter counts the recall', () => {
    const first = ok(recall(called(), c1));
    expect(first.ticket.recallCount).toBe(1);
    expect(first.event).toEqual({ type: 'ticket_recalled', data: { recall: 1 } });
    const second = ok(recall(first.ticket, c1));
    expect(second.ticket.recallCount).toBe(2);
    expect(second.ticket.state).toBe('called');
  });

  it('starting a called ticket at its counter begins service', () => {
    const { ticket: t, event } = ok(start(called(), c1, at(6)));
    expect(t).toMatchObject({ state: 'serving', startedAt: at(6), counterId: 'c1' });
    expect(event).toEqual({ type: 'ticket_started', data: null });
  });

  it('finishing a serving ticket records the outcome and the transaction time', () => {
    const { ticket: t, event } = ok(finish(serving(), c1, 'resolved', at(16)));
    expect(t).toMatchObject({ state: 'done', finishedAt: at(16), outcome: 'resolved' });
    expect(event).toEqual({ type: 'ticket_finished', data: { outcome: 'resolved', transactionMs: 10 * MINUTE } });
  });

  it('marking a called ticket as a no-show stamps the no-show time', () => {
    const { ticket: t, event } = ok(noShow(called(), c1, at(8)));
    expect(t).toMatchObject({ state: 'no-show', noShowAt: at(8), finishedAt: at(8) });
    expect(event).toEqual({ type: 'ticket_no_show', data: null });
  });

  it('a no-show brought back within the grace period waits again with its original arrival time', () => {
    const gone = ok(noShow(called(), c1, at(8))).ticket;
    const { ticket: t, event } = ok(requeue(gone, 30, at(38)));
    expect(t).toMatchObject({
      state: 'waiting',
      queuedAt: T0,
      counterId: null,
      calledAt: null,
      noShowAt: null,
      finishedAt: null,
      callReason: null,
    });
    expect(event).toEqual({ type: 'ticket_requeued', data: null });
  });

  it('transferring a served ticket to another service keeps the original arrival and frees the counter', () => {
    const { ticket: t, event } = ok(transfer(serving({ note: 'old' }), c1, { serviceId: 'benefits' }, 'needs form B', at(16)));
    expect(t).toMatchObject({
      state: 'waiting',
      serviceId: 'benefits',
      originalServiceId: 'permits',
      queuedAt: T0,
      counterId: null,
      targetCounterId: null,
      calledAt: null,
      startedAt: null,
      recallCount: 0,
      callReason: null,
      note: 'needs form B',
    });
    expect(event).toEqual({
      type: 'ticket_transferred',
      data: { fromService: 'permits', toService: 'benefits', toCounter: null, note: 'needs form B', legMs: 10 * MINUTE },
    });
  });

  it('transferring a called ticket to a named counter sets that counter as its target', () => {
    const { ticket: t, event } = ok(transfer(called(), c1, { counterId: 'c2', serviceId: 'permits' }, null, at(6)));
    expect(t).toMatchObject({ state: 'waiting', targetCounterId: 'c2', counterId: null, queuedAt: T0 });
    expect(event.data).toMatchObject({ toCounter: 'c2', legMs: 0 });
  });

  it('a transfer without a note keeps the note already on the ticket', () => {
    const { ticket: t } = ok(transfer(called({ note: 'brought passport' }), c1, { serviceId: 'benefits' }, null, at(6)));
    expect(t.note).toBe('brought passport');
  });

  it('parking a serving ticket and resuming it keeps the original start time', () => {
    const parked = ok(park(serving(), c1));
    expect(parked.ticket.state).toBe('parked');
    expect(parked.event).toEqual({ type: 'ticket_parked', data: null });
    const resumed = ok(resume(parked.ticket, c1, at(20)));
    expect(resumed.ticket).toMatchObject({ state: 'serving', startedAt: at(6) });
    expect(resumed.event).toEqual({ type: 'ticket_resumed', data: null });
  });

  it('a called ticket parked before starting begins service when resumed', () => {
    const parked = ok(park(called(), c1)).ticket;
    expect(ok(resume(parked, c1, at(20))).ticket).toMatchObject({ state: 'serving', startedAt: at(20) });
  });

  it('a visitor leaving while waiting cancels the ticket', () => {
    const { ticket: t, event } = ok(cancel(ticket(), at(3)));
    expect(t).toMatchObject({ state: 'cancelled', finishedAt: at(3) });
    expect(event).toEqual({ type: 'ticket_cancelled', data: { by: 'visitor' } });
  });

  it.each<TicketState>(['waiting', 'called', 'parked'])('a %s ticket expires at the end of the day', (state) => {
    const { ticket: t, event } = ok(expire(ticket({ state, counterId: state === 'waiting' ? null : 'c1' }), at(600)));
    expect(t).toMatchObject({ state: 'cancelled', finishedAt: at(600) });
    expect(event).toEqual({ type: 'ticket_expired', data: { from: state } });
  });

  it('a waiting ticket can be moved to another service without losing its place', () => {
    const { ticket: t, event } = ok(changeService(ticket(), 'benefits'));
    expect(t).toMatchObject({ serviceId: 'benefits', queuedAt: T0, state: 'waiting' });
    expect(event.type).toBe('ticket_transferred');
    expect(event.data).toMatchObject({ fromService: 'permits', toService: 'benefits', toCounter: null });
  });

  it('adding a note sets it, and an empty note clears it', () => {
    expect(ok(addNote(ticket(), 'wheelchair')).ticket.note).toBe('wheelchair');
    const cleared = ok(addNote(ticket({ note: 'wheelchair' }), ''));
    expect(cleared.ticket.note).toBeNull();
    expect(cleared.event).toEqual({ type: 'ticket_noted', data: { note: '' } });
  });

  it('transitions never change the ticket they were given', () => {
    const original = called();
    const copy = structuredClone(original);
    ok(start(original, c1, at(6)));
    ok(transfer(original, c1, { serviceId: 'benefits' }, 'x', at(6)));
    expect(original).toEqual(copy);
  });
});

describe('invalid transitions', () => {
  it('finishing a waiting ticket is an invalid transition that names the state', () => {
    const err = fails(finish(ticket(), c1, null, at(5)));
    expect(err.code).toBe('invalid_transition');
    expect(err.message).toBe('Ticket A001 is waiting; it cannot be finished.');
    expect(err.details).toEqual({ state: 'waiting', allowed: ['serving'] });
  });

  it('starting a ticket called to another counter is a conflict', () => {
    const err = fails(start(called(), c2, at(6)));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Ticket A001 is not at counter 2; it cannot be started here.');
  });

  it.each([
    ['recalled', () => recall(called(), c2)],
    ['finished', () => finish(serving(), c2, null, at(10))],
    ['marked as a no-show', () => noShow(called(), c2, at(10))],
    ['transferred', () => transfer(serving(), c2, { serviceId: 'benefits' }, null, at(10))],
    ['parked', () => park(serving(), c2)],
    ['resumed', () => resume(serving({ state: 'parked' }), c2, at(10))],
  ])('a ticket at another counter cannot be %s here', (action, act) => {
    const err = fails(act());
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`cannot be ${action} here`);
  });

  it('recalling a ticket already being served is an invalid transition', () => {
    const err = fails(recall(serving(), c1));
    expect(err.code).toBe('invalid_transition');
    expect(err.message).toBe('Ticket A001 is serving; it cannot be recalled.');
  });

  it('bringing back a no-show after the grace period is refused as grace expired', () => {
    const gone = called({ state: 'no-show', noShowAt: at(10), finishedAt: at(10) });
    const err = fails(requeue(gone, 30, at(40) + 1));
    expect(err.code).toBe('grace_expired');
    expect(err.message).toBe('Ticket A001 was a no-show more than 30 minutes ago; issue a new ticket.');
  });

  it('bringing back a no-show exactly at the end of the grace period is still allowed', () => {
    const gone = called({ state: 'no-show', noShowAt: at(10), finishedAt: at(10) });
    expect(ok(requeue(gone, 30, at(40))).ticket.state).toBe('waiting');
  });

  it('only a no-show can be brought back', () => {
    const err = fails(requeue(ticket({ state: 'done' }), 30, at(1)));
    expect(err.code).toBe('invalid_transition');
    expect(err.message).toBe('Ticket A001 is done; it cannot be brought back.');
  });

  it('cancelling a ticket that has been called is an invalid transition', () => {
    const err = fails(cancel(called(), at(6)));
    expect(err.code).toBe('invalid_transition');
    expect(err.message).toBe('Ticket A001 is called; it cannot be cancelled.');
  });

  it('transferring a ticket to the counter it is already at is a conflict', () => {
    const err = fails(transfer(called(), c1, { counterId: 'c1', serviceId: 'permits' }, null, at(6)));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Ticket A001 is already at counter 1.');
  });

  it.each<[string, () => Transition | DomainError]>([
    ['calling a called ticket', () => call(called(), c1, reason, at(6))],
    ['starting a waiting ticket', () => start(ticket(), c1, at(6))],
    ['starting a serving ticket again', () => start(serving(), c1, at(7))],
    ['marking a serving ticket as a no-show', () => noShow(serving(), c1, at(7))],
    ['transferring a waiting ticket', () => transfer(ticket(), c1, { serviceId: 'benefits' }, null, at(7))],
    ['parking a waiting ticket', () => park(ticket(), c1)],
    ['resuming a serving ticket', () => resume(serving(), c1, at(7))],
    ['expiring a finished ticket', () => expire(serving({ state: 'done' }), at(7))],
    ['moving a served ticket to another service', () => changeService(serving(), 'benefits')],
    ['cancelling a finished ticket', () => cancel(ticket({ state: 'done' }), at(7))],
  ])('%s is an invalid transition', (_name, act) => {
    expect(fails(act()).code).toBe('invalid_transition');
  });
});

describe('counterBusyWith', () => {
  it('finds the ticket on call or being served at the counter and ignores parked ones', () => {
    const parked = called({ id: 2, state: 'parked' });
    const elsewhere = called({ id: 3, counterId: 'c2' });
    const current = serving({ id: 4 });
    expect(counterBusyWith(c1, [parked, elsewhere, current])).toBe(current);
    expect(counterBusyWith(c1, [parked, elsewhere])).toBeUndefined();
  });
});
