import { DomainError } from './errors.js';
import { afterCall, chooseNext, firstEligible, isEligible, type CallChoice } from './callNext.js';
import { queuesOf, type ForecastInput } from './forecast.js';
import { issue } from './transitions.js';
import { isAvailable, type Counter, type Ticket } from './types.js';

/** The id a new ticket stands in with: after every real one, so it loses every tie. */
export const NEW_TICKET_ID = Number.MAX_SAFE_INTEGER;

export interface ForecastBatch {
  /** Expected call time per waiting ticket id. */
  callAt: Map<number, number>;
  /** True when every waiting ticket was either reached or can be called by no open counter. */
  complete: boolean;
  /**
   * When a ticket taken now for each service would be called: a time; null when no open counter could call it;
   * undefined when it lies beyond the forecast's horizon (`maxCalls`).
   */
  newTicketAt: Map<string, number | null | undefined>;
  /** How far the play went: the time of the last call played (at least `now`). */
  playedUntil: number;
  /** Calls played per service (real waiting tickets and expected arrivals), to extrapolate beyond the horizon. */
  calls: Map<string, number>;
  /** Real waiting tickets reached per service. */
  reached: Map<string, number>;
}

/** What the batch plays on top of the queue as it is (all optional: without them, the plain play above). */
export interface ForecastExtras {
  /** Visitors expected to arrive after `now` (queuedAt in the future, ids below 0): called in turn, never answered for. */
  future?: readonly Ticket[];
  /** What one call of a service costs a counter (ms); default the average visit. */
  callCostMs?: (serviceId: string) => number;
  /** Stop playing at this time: tickets not reached by then are left out (complete = false). */
  horizonEnd?: number;
  /**
   * Services whose waiting list was cut (only the first ones were read): the play stops (complete = false) when it
   * has called every ticket read of such a service, since the ones not read would come next.
   */
  truncated?: ReadonlySet<string>;
}

interface Slot {
  counter: Counter;
  freeAt: number;
}

/**
 * One forecast for a whole batch: when each waiting ticket will be called, and when a new ticket of each service
 * would be. The queue is played forward once, with the real call-next rule (see forecastCalls). A new ticket of
 * service s is a "phantom" at the end of s's normal queue; it is never taken, so phantoms cannot delay each other
 * or the real tickets. At each step the counter's choice is checked with the phantom added: the first step where
 * it would win is its call time, exactly as playing the queue forward with that one extra ticket would give (until
 * it is called, that play and this one make the same choices, because adding a ticket that does not win does not
 * change the winner). Equivalence with one play per service is tested on the forecast scenarios.
 */
export function forecastBatch(input: Omit<ForecastInput, 'until'> & ForecastExtras, services: readonly string[]): ForecastBatch {
  const pool: Slot[] = input.counters
    .filter(isAvailable)
    .map((counter) => ({ counter, freeAt: Math.max(input.now, input.freeAt.get(counter.id) ?? input.now) }));
  const future = [...(input.future ?? [])].sort((a, b) => a.queuedAt - b.queuedAt || a.id - b.id);
  const queues = queuesOf([...input.waiting, ...future]);
  const taken = new Set<number>();
  const cost = input.callCostMs ?? ((serviceId: string) => input.averageMinutes(serviceId) * 60_000);
  const calls = new Map<string, number>();
  const reached = new Map<string, number>();
  let playedUntil = input.now;
  /** Untaken tickets of a queue (arrival order) that have arrived by `at`. */
  const arrived = (at: number) =>
    function* (list: readonly Ticket[] | undefined) {
      for (const t of list ?? []) {
        if (t.queuedAt > at) return;
        if (!taken.has(t.id)) yield t;
      }
    };
  const untaken = function* (list: readonly Ticket[] | undefined) {
    for (const t of list ?? []) if (!taken.has(t.id)) yield t;
  };
  /** The next expected arrival after `at` that counter `c` could call (its time), if any. */
  const nextArrival = (c: Counter, at: number): number | undefined =>
    future.find((t) => t.queuedAt > at && !taken.has(t.id) && c.services.some((p) => p.serviceId === t.serviceId))?.queuedAt;
  const phantoms = new Map(services.map((serviceId) => [serviceId, phantom(serviceId, input.now)]));
  const newTicketAt = new Map<string, number | null | undefined>();
  let left = input.waiting.filter((t) => t.state === 'waiting').length;
  const leftOf = new Map<string, number>();
  for (const t of input.waiting) if (t.state === 'waiting') leftOf.set(t.serviceId, (leftOf.get(t.serviceId) ?? 0) + 1);
  const callAt = new Map<number, number>();

  const choose = (c: Counter, at: number, waiting: readonly Ticket[]): CallChoice | DomainError =>
    chooseNext({
      waiting,
      counter: c,
      counters: input.counters,
      servicePriorityWeight: input.servicePriorityWeight,
      policy: input.policy,
      ...(input.appointmentPolicy ? { appointmentPolicy: input.appointmentPolicy } : {}),
      now: at,
    });

  /** Places every phantom that `c` would call at `at`, given the real candidates and each service's first normal. */
  const placePhantoms = (c: Counter, at: number, candidates: readonly Ticket[], firstNormal: ReadonlyMap<string, Ticket | undefined>) => {
    for (const [serviceId, p] of phantoms) {
      if (newTicketAt.has(serviceId)) continue;
      if (!c.services.some((x) => x.serviceId === serviceId)) continue;
      // The phantom is the first eligible of its queue only when no waiting normal ticket of s is eligible here; an
      // expected arrival (negative id) came after it, so the phantom stands in its place.
      const first = firstNormal.get(serviceId);
      if ((first !== undefined && first.id > 0) || !isEligible(p, c, input.counters)) continue;
      const choice = choose(c, at, [...candidates.filter((t) => t !== first), p]);
      if (!(choice instanceof DomainError) && choice.ticket === p) newTicketAt.set(serviceId, at);
    }
  };

  let horizon = false;
  // Played while real tickets wait, or (with expected arrivals) while a new ticket of some service is not yet placed.
  while ((left > 0 || (future.length > 0 && newTicketAt.size < phantoms.size)) && pool.length > 0) {
    if (callAt.size >= input.maxCalls) {
      horizon = true;
      break;
    }
    pool.sort((a, b) => a.freeAt - b.freeAt || a.counter.id.localeCompare(b.counter.id));
    const slot = pool[0] as Slot;
    if (input.horizonEnd !== undefined && slot.freeAt > input.horizonEnd) {
      horizon = true;
      break;
    }
    const c = slot.counter;
    const here = arrived(slot.freeAt);
    const firstNormal = new Map<string, Ticket | undefined>();
    const candidates: Ticket[] = [];
    const targeted = untaken(queues.get(`@${c.id}`)).next().value;
    if (targeted) candidates.push(targeted);
    for (const p of c.services) {
      for (const priority of [false, true]) {
        const first = firstEligible(here(queues.get(`${p.serviceId}|${priority}`)), c, input.counters);
        if (!priority) firstNormal.set(p.serviceId, first);
        if (first) candidates.push(first);
      }
      const appointment = firstEligible(here(queues.get(`${p.serviceId}|appointment`)), c, input.counters);
      if (appointment) candidates.push(appointment);
    }
    if (newTicketAt.size < phantoms.size) placePhantoms(c, slot.freeAt, candidates, firstNormal);
    const choice = choose(c, slot.freeAt, candidates);
    if (choice instanceof DomainError) {
      // Nothing this counter may call now: it waits for the next expected arrival it could call, or is done.
      const next = nextArrival(c, slot.freeAt);
      if (next === undefined) pool.shift();
      else slot.freeAt = next;
      continue;
    }
    if (choice.ticket.id > 0) {
      callAt.set(choice.ticket.id, slot.freeAt);
      reached.set(choice.ticket.serviceId, (reached.get(choice.ticket.serviceId) ?? 0) + 1);
      left -= 1;
      const rest = (leftOf.get(choice.ticket.serviceId) ?? 1) - 1;
      leftOf.set(choice.ticket.serviceId, rest);
      if (rest === 0 && input.truncated?.has(choice.ticket.serviceId)) {
        taken.add(choice.ticket.id);
        calls.set(choice.ticket.serviceId, (calls.get(choice.ticket.serviceId) ?? 0) + 1);
        playedUntil = Math.max(playedUntil, slot.freeAt);
        horizon = true;
        break;
      }
    }
    taken.add(choice.ticket.id);
    calls.set(choice.ticket.serviceId, (calls.get(choice.ticket.serviceId) ?? 0) + 1);
    playedUntil = Math.max(playedUntil, slot.freeAt);
    slot.freeAt += cost(choice.ticket.serviceId);
    slot.counter = afterCall(c, choice.ticket);
  }

  // The real queue is played out: each phantom still unplaced goes to the first free counter that would call it.
  for (const [serviceId, p] of phantoms) {
    if (newTicketAt.has(serviceId)) continue;
    if (horizon || (pool.length > 0 && callAt.size >= input.maxCalls)) {
      newTicketAt.set(serviceId, undefined);
      continue;
    }
    const rest = [...pool].sort((a, b) => a.freeAt - b.freeAt || a.counter.id.localeCompare(b.counter.id));
    const at = rest.find((slot) => {
      const choice = choose(slot.counter, slot.freeAt, [p]);
      return !(choice instanceof DomainError);
    })?.freeAt;
    newTicketAt.set(serviceId, at ?? null);
  }
  return { callAt, complete: !horizon, newTicketAt, playedUntil, calls, reached };
}

/** A visitor expected to arrive at `at` (no needs, no priority), standing in the play with a negative id. */
export function expectedTicket(serviceId: string, at: number, id: number): Ticket {
  const t = issue({ number: '', serviceId, localDate: '', language: 'en', needs: [], kioskId: null, statusToken: '' }, at);
  return { ...t, id };
}

function phantom(serviceId: string, now: number): Ticket {
  const t = issue({ number: '', serviceId, localDate: '', language: 'en', needs: [], kioskId: null, statusToken: '' }, now);
  return { ...t, id: NEW_TICKET_ID };
}
