import type { AppointmentPolicy, PriorityPolicy } from '../protocol/index.js';
import { DomainError } from './errors.js';
import { afterCall, chooseNext } from './callNext.js';
import { callShortlist } from './counterRules.js';
import { isAppointment, isAvailable, isPriority, type Counter, type Ticket } from './types.js';

/**
 * When will each waiting ticket be called? Plays the queue forward with the real call-next rule: the counter that
 * becomes free first calls its next ticket, is then busy for that service's average visit, and so on. This is
 * honest about work profiles, weights, priority and needs, which a people-ahead ÷ counters formula is not.
 */

export interface ForecastInput {
  waiting: readonly Ticket[];
  counters: readonly Counter[];
  /** When each busy counter is expected to be free; counters not listed are free now. */
  freeAt: ReadonlyMap<string, number>;
  averageMinutes: (serviceId: string) => number;
  servicePriorityWeight: (serviceId: string) => number;
  policy: PriorityPolicy;
  /** How due appointments compete (default `first`). */
  appointmentPolicy?: AppointmentPolicy;
  now: number;
  /** Stop after this many simulated calls; tickets not reached by then are left out. */
  maxCalls: number;
  /** Stop as soon as this ticket is called (when only its time is wanted). */
  until?: number;
}

export interface Forecast {
  /** Expected call time per ticket id. */
  callAt: Map<number, number>;
  /** True when every waiting ticket was either reached or can be called by no open counter. */
  complete: boolean;
}

interface Slot {
  counter: Counter;
  freeAt: number;
}

export function forecastCalls(input: ForecastInput): Forecast {
  const pool: Slot[] = input.counters
    .filter(isAvailable)
    .map((counter) => ({ counter, freeAt: Math.max(input.now, input.freeAt.get(counter.id) ?? input.now) }));
  const queues = queuesOf(input.waiting);
  const taken = new Set<number>();
  const untaken = function* (list: readonly Ticket[] | undefined) {
    for (const t of list ?? []) if (!taken.has(t.id)) yield t;
  };
  let left = input.waiting.filter((t) => t.state === 'waiting').length;
  const callAt = new Map<number, number>();
  while (left > 0 && pool.length > 0) {
    if (callAt.size >= input.maxCalls) return { callAt, complete: false };
    pool.sort((a, b) => a.freeAt - b.freeAt || a.counter.id.localeCompare(b.counter.id));
    const slot = pool[0] as Slot;
    const c = slot.counter;
    // Only the first eligible ticket of each queue can win (see callShortlist), so the rule sees just those.
    const candidates = callShortlist(
      c,
      input.counters,
      (serviceId, priority) => untaken(queues.get(`${serviceId}|${priority}`)),
      untaken(queues.get(`@${c.id}`)),
      (serviceId) => untaken(queues.get(`${serviceId}|appointment`)),
    );
    const choice = chooseNext({
      waiting: candidates,
      counter: c,
      counters: input.counters,
      servicePriorityWeight: input.servicePriorityWeight,
      policy: input.policy,
      ...(input.appointmentPolicy ? { appointmentPolicy: input.appointmentPolicy } : {}),
      now: slot.freeAt,
    });
    if (choice instanceof DomainError) {
      pool.shift(); // nothing left that this counter may call
      continue;
    }
    callAt.set(choice.ticket.id, slot.freeAt);
    if (choice.ticket.id === input.until) return { callAt, complete: true };
    taken.add(choice.ticket.id);
    left -= 1;
    slot.freeAt += input.averageMinutes(choice.ticket.serviceId) * 60_000;
    slot.counter = afterCall(c, choice.ticket);
  }
  return { callAt, complete: true };
}

/**
 * Waiting tickets in arrival order per service and kind (`<service>|<priority>`), and per named counter (`@<id>`):
 * the queues both forecasts (one ticket's, the batch's) play forward.
 */
export function queuesOf(waiting: readonly Ticket[]): Map<string, Ticket[]> {
  const queues = new Map<string, Ticket[]>();
  const slot = (t: Ticket) => t.appointmentAt ?? 0;
  const sorted = waiting
    .filter((t) => t.state === 'waiting')
    .sort((a, b) => slot(a) - slot(b) || a.queuedAt - b.queuedAt || a.id - b.id);
  for (const t of sorted) {
    const key =
      t.targetCounterId !== null ? `@${t.targetCounterId}` : isAppointment(t) ? `${t.serviceId}|appointment` : `${t.serviceId}|${isPriority(t)}`;
    const list = queues.get(key);
    if (list) list.push(t);
    else queues.set(key, [t]);
  }
  return queues;
}

/** Whole minutes from `now` to an expected call time, rounded up. */
export function minutesUntil(callAt: number | undefined, now: number): number | null {
  return callAt === undefined ? null : Math.ceil(Math.max(0, callAt - now) / 60_000);
}
