import type { CallReason, EventBody, TicketEventType, TicketState } from '../protocol/index.js';
import { DomainError } from './errors.js';
import type { Counter, Ticket } from './types.js';

/**
 * Ticket state changes. Each takes the ticket (and the counter acting on it) and `now`, and returns the
 * changed ticket with the event to record, or a DomainError. Nothing here reads a clock or touches storage.
 *
 *   waiting ─call→ called ─start→ serving ─finish→ done
 *      ↑  │          │  ╰─no-show→ no-show ─requeue (grace)→ waiting
 *      │  ╰─cancel→ cancelled      serving ─park→ parked ─resume→ serving
 *      ╰──────── transfer (from called or serving; keeps the arrival time)
 */

export interface Transition {
  ticket: Ticket;
  event: EventBody<TicketEventType>;
}

type Result = Transition | DomainError;

export interface NewTicket {
  number: string;
  serviceId: string;
  localDate: string;
  language: Ticket['language'];
  needs: Ticket['needs'];
  kioskId: string | null;
  statusToken: string;
}

/** A ticket as issued: waiting, arrived `now`, nothing else happened yet. */
export function issue(t: NewTicket, now: number): Omit<Ticket, 'id'> {
  return {
    ...t,
    needs: [...new Set(t.needs)],
    originalServiceId: t.serviceId,
    state: 'waiting',
    issuedAt: now,
    queuedAt: now,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    noShowAt: null,
    counterId: null,
    targetCounterId: null,
    recallCount: 0,
    outcome: null,
    note: null,
    callReason: null,
  };
}

function expect(ticket: Ticket, states: readonly TicketState[], action: string): DomainError | undefined {
  if (states.includes(ticket.state)) return undefined;
  return new DomainError(
    'invalid_transition',
    `Ticket ${ticket.number} is ${ticket.state}; it cannot be ${action}.`,
    { state: ticket.state, allowed: states },
  );
}

function atCounter(ticket: Ticket, counter: Counter, action: string): DomainError | undefined {
  if (ticket.counterId === counter.id) return undefined;
  return new DomainError('conflict', `Ticket ${ticket.number} is not at counter ${counter.label}; it cannot be ${action} here.`);
}

export function call(ticket: Ticket, counter: Counter, reason: CallReason, now: number): Result {
  const err = expect(ticket, ['waiting'], 'called');
  if (err) return err;
  return {
    ticket: { ...ticket, state: 'called', counterId: counter.id, targetCounterId: null, calledAt: now, recallCount: 0, callReason: reason },
    event: { type: 'ticket_called', data: { reason, waitedMs: now - ticket.queuedAt } },
  };
}

export function recall(ticket: Ticket, counter: Counter): Result {
  const err = expect(ticket, ['called'], 'recalled') ?? atCounter(ticket, counter, 'recalled');
  if (err) return err;
  return { ticket: { ...ticket, recallCount: ticket.recallCount + 1 }, event: { type: 'ticket_recalled', data: { recall: ticket.recallCount + 1 } } };
}

export function start(ticket: Ticket, counter: Counter, now: number): Result {
  const err = expect(ticket, ['called'], 'started') ?? atCounter(ticket, counter, 'started');
  if (err) return err;
  return { ticket: { ...ticket, state: 'serving', startedAt: now }, event: { type: 'ticket_started', data: null } };
}

export function finish(ticket: Ticket, counter: Counter, outcome: string | null, now: number): Result {
  const err = expect(ticket, ['serving'], 'finished') ?? atCounter(ticket, counter, 'finished');
  if (err) return err;
  return {
    ticket: { ...ticket, state: 'done', finishedAt: now, outcome },
    event: { type: 'ticket_finished', data: { outcome, transactionMs: now - (ticket.startedAt ?? now) } },
  };
}

export function noShow(ticket: Ticket, counter: Counter, now: number): Result {
  const err = expect(ticket, ['called'], 'marked as a no-show') ?? atCounter(ticket, counter, 'marked as a no-show');
  if (err) return err;
  return { ticket: { ...ticket, state: 'no-show', noShowAt: now, finishedAt: now }, event: { type: 'ticket_no_show', data: null } };
}

/** A no-show back into the queue within the grace period, keeping its place in time. */
export function requeue(ticket: Ticket, graceMinutes: number, now: number): Result {
  const err = expect(ticket, ['no-show'], 'brought back');
  if (err) return err;
  if (ticket.noShowAt === null || now - ticket.noShowAt > graceMinutes * 60_000) {
    return new DomainError('grace_expired', `Ticket ${ticket.number} was a no-show more than ${graceMinutes} minutes ago; issue a new ticket.`);
  }
  return {
    ticket: { ...ticket, state: 'waiting', counterId: null, calledAt: null, noShowAt: null, finishedAt: null, callReason: null },
    event: { type: 'ticket_requeued', data: null },
  };
}

export type TransferTarget = { serviceId: string } | { counterId: string; serviceId: string };

/** To another service or a named counter; the arrival time stays, so the visitor keeps their place in time. */
export function transfer(ticket: Ticket, counter: Counter, target: TransferTarget, note: string | null, now: number): Result {
  const err = expect(ticket, ['called', 'serving'], 'transferred') ?? atCounter(ticket, counter, 'transferred');
  if (err) return err;
  const toCounter = 'counterId' in target ? target.counterId : null;
  if (toCounter === counter.id) return new DomainError('conflict', `Ticket ${ticket.number} is already at counter ${counter.label}.`);
  return {
    ticket: {
      ...ticket,
      state: 'waiting',
      serviceId: target.serviceId,
      targetCounterId: toCounter,
      counterId: null,
      calledAt: null,
      startedAt: null,
      recallCount: 0,
      callReason: null,
      note: note ?? ticket.note,
    },
    event: {
      type: 'ticket_transferred',
      data: { fromService: ticket.serviceId, toService: target.serviceId, toCounter, note, legMs: now - (ticket.startedAt ?? now) },
    },
  };
}

export function park(ticket: Ticket, counter: Counter): Result {
  const err = expect(ticket, ['called', 'serving'], 'parked') ?? atCounter(ticket, counter, 'parked');
  if (err) return err;
  return { ticket: { ...ticket, state: 'parked' }, event: { type: 'ticket_parked', data: null } };
}

export function resume(ticket: Ticket, counter: Counter, now: number): Result {
  const err = expect(ticket, ['parked'], 'resumed') ?? atCounter(ticket, counter, 'resumed');
  if (err) return err;
  return { ticket: { ...ticket, state: 'serving', startedAt: ticket.startedAt ?? now }, event: { type: 'ticket_resumed', data: null } };
}

/** The visitor leaves ("I'm leaving"): recorded as abandoned. */
export function cancel(ticket: Ticket, now: number): Result {
  const err = expect(ticket, ['waiting'], 'cancelled');
  if (err) return err;
  return { ticket: { ...ticket, state: 'cancelled', finishedAt: now }, event: { type: 'ticket_cancelled', data: { by: 'visitor' } } };
}

/** Still waiting when the day ended: never called by closing. */
export function expire(ticket: Ticket, now: number): Result {
  const err = expect(ticket, ['waiting', 'called', 'parked'], 'expired');
  if (err) return err;
  return { ticket: { ...ticket, state: 'cancelled', finishedAt: now }, event: { type: 'ticket_expired', data: { from: ticket.state } } };
}

/** A waiting ticket moves to a service's queue (also its own: a ticket sent to a named counter goes back to its queue). */
export function changeService(ticket: Ticket, serviceId: string): Result {
  const err = expect(ticket, ['waiting'], 'moved to another service');
  if (err) return err;
  return {
    ticket: { ...ticket, serviceId, targetCounterId: null },
    event: { type: 'ticket_transferred', data: { fromService: ticket.serviceId, toService: serviceId, toCounter: null, note: null, legMs: 0 } },
  };
}

export function addNote(ticket: Ticket, note: string): Result {
  return { ticket: { ...ticket, note: note === '' ? null : note }, event: { type: 'ticket_noted', data: { note } } };
}

/** The counter is free when nothing is on call or being served there. */
export function counterBusyWith(counter: Counter, active: readonly Ticket[]): Ticket | undefined {
  return active.find((t) => t.counterId === counter.id && (t.state === 'called' || t.state === 'serving'));
}
