import type { CounterEventType, EventBody, ProfileEntry, Role } from '../protocol/index.js';
import { DomainError } from './errors.js';
import { firstEligible } from './callNext.js';
import type { Counter, Ticket } from './types.js';

/**
 * The counter state machine: who may open, close, pause and resume a counter and act at it. Each change takes the
 * counter as it is, the acting staff member and `now`, and returns the counter as it becomes with the events to
 * record, or a DomainError. Nothing here reads a clock or touches storage.
 *
 *   closed ─open→ open ─pause→ paused ─resume→ open ─close→ closed      (close also from paused)
 *   open by A ─open by B with takeOver→ open by B                        (without takeOver: counter_taken)
 *   a counter with a ticket on call or being served cannot pause, close (nor with one parked) or call another
 */

export interface CounterActor {
  userId: number;
  role: Role;
}

export interface CounterChange {
  counter: Counter;
  events: EventBody<CounterEventType>[];
}

/** The one "ticket on call at this counter" check: the ticket called to or being served at it. */
export function onCall(here: readonly Ticket[]): Ticket | undefined {
  return here.find((t) => t.state === 'called' || t.state === 'serving');
}

/** The counter must be open and held by the actor (supervisors and admins may act at any open counter). */
export function holderError(c: Counter, actor: CounterActor): DomainError | undefined {
  if (!c.open) return new DomainError('counter_closed', `Counter ${c.label} is closed. Open it first.`);
  if (c.userId !== actor.userId && actor.role === 'staff') {
    return new DomainError('counter_taken', `Counter ${c.label} is held by another staff member.`);
  }
  return undefined;
}

/** What must hold before a counter calls a ticket: open, held by the actor, not paused, nobody on call there. */
export function callError(c: Counter, actor: CounterActor, here: readonly Ticket[]): DomainError | undefined {
  const err = holderError(c, actor);
  if (err) return err;
  if (c.pausedAt !== null) return new DomainError('counter_paused', `Counter ${c.label} is paused. Resume it first.`);
  const busy = onCall(here);
  if (busy) {
    return new DomainError(
      'counter_busy',
      `${busy.number} is still ${busy.state === 'called' ? 'on call' : 'being served'} at counter ${c.label}. Finish it, mark a no-show, park or transfer it first.`,
    );
  }
  return undefined;
}

/** Before resuming a parked ticket: held by the actor and nobody else on call there. */
export function resumeParkedError(c: Counter, actor: CounterActor, here: readonly Ticket[]): DomainError | undefined {
  const err = holderError(c, actor);
  if (err) return err;
  const busy = onCall(here);
  return busy ? new DomainError('counter_busy', `Finish, park or transfer ${busy.number} before resuming another ticket.`) : undefined;
}

/** The active work profile for `services` (a subset of the configured one); all of it when none are named. */
export function profileFor(c: Counter, services: readonly string[] | undefined): ProfileEntry[] | DomainError {
  if (!services) return c.profile;
  const extra = services.find((s) => !c.profile.some((p) => p.serviceId === s));
  if (extra) return new DomainError('not_in_profile', `Counter ${c.label} does not serve "${extra}".`);
  return c.profile.filter((p) => services.includes(p.serviceId));
}

/**
 * Open (or re-open with another profile). A counter open by someone else is refused unless `takeOver`;
 * `holderName` names the current holder in that refusal.
 */
export function openCounter(
  c: Counter,
  actor: CounterActor,
  opts: { services?: readonly string[] | undefined; takeOver?: boolean | undefined },
  holderName: string | undefined,
  now: number,
): CounterChange | DomainError {
  const events: EventBody<CounterEventType>[] = [];
  if (c.open && c.userId !== null && c.userId !== actor.userId) {
    if (!opts.takeOver) {
      const holder = holderName ?? 'someone else';
      return new DomainError('counter_taken', `Counter ${c.label} is open by ${holder}. Take it over or pick another counter.`, { heldBy: holder });
    }
    events.push({ type: 'counter_taken_over', data: { from: c.userId } });
  }
  const services = profileFor(c, opts.services);
  if (services instanceof DomainError) return services;
  if (!c.open) events.push({ type: 'counter_opened', data: { services: services.map((s) => s.serviceId) } });
  return { counter: { ...c, open: true, userId: actor.userId, openedAt: c.open ? c.openedAt : now, services }, events };
}

/** Close: nothing may be on call, served or parked there. Closing a closed counter changes nothing. */
export function closeCounter(c: Counter, here: readonly Ticket[]): CounterChange | DomainError {
  if (!c.open) return { counter: c, events: [] };
  const busy = here[0];
  if (busy) {
    return new DomainError('counter_busy', `Ticket ${busy.number} is still ${busy.state} at counter ${c.label}. Finish or transfer it first.`);
  }
  return {
    counter: { ...c, open: false, userId: null, openedAt: null, services: c.profile, pausedReason: null, pausedAt: null },
    events: [{ type: 'counter_closed', data: c.pausedAt === null ? null : { pausedReason: c.pausedReason } }],
  };
}

export function pauseCounter(c: Counter, actor: CounterActor, here: readonly Ticket[], reason: string, now: number): CounterChange | DomainError {
  const err = holderError(c, actor);
  if (err) return err;
  if (c.pausedAt !== null) return new DomainError('counter_paused', `Counter ${c.label} is already paused.`);
  const busy = onCall(here);
  if (busy) return new DomainError('counter_busy', `Finish, park or transfer ${busy.number} before pausing.`);
  return { counter: { ...c, pausedReason: reason, pausedAt: now }, events: [{ type: 'counter_paused', data: { reason } }] };
}

export function resumeCounter(c: Counter, actor: CounterActor, now: number): CounterChange | DomainError {
  const err = holderError(c, actor);
  if (err) return err;
  if (c.pausedAt === null) return new DomainError('invalid_transition', `Counter ${c.label} is not paused.`);
  return {
    counter: { ...c, pausedReason: null, pausedAt: null },
    events: [{ type: 'counter_resumed', data: { reason: c.pausedReason, pausedMs: now - c.pausedAt } }],
  };
}

/** A new active work profile (supervisors): every service must exist. */
export function changeProfile(c: Counter, services: ProfileEntry[], serviceExists: (id: string) => boolean): CounterChange | DomainError {
  const unknown = services.find((s) => !serviceExists(s.serviceId));
  if (unknown) return new DomainError('unknown_service', `There is no service "${unknown.serviceId}".`);
  return { counter: { ...c, services }, events: [{ type: 'counter_profile_changed', data: { services } }] };
}

/**
 * The call-next shortlist: the first ticket sent to this counter by name, and per service of its profile and per
 * kind (normal, priority) the first eligible one in arrival order. Within a service and kind every ticket has the
 * same weight and the same bonus, so its score grows with its wait: arrival order is score order, and no later
 * ticket of the same queue can beat the first eligible one. So the rule sees only these, and a long queue is read
 * no further than its first eligible ticket. Appointments form one more queue per service, in slot order.
 */
export function callShortlist(
  c: Counter,
  counters: readonly Counter[],
  queue: (serviceId: string, priority: boolean) => Iterable<Ticket>,
  targeted: Iterable<Ticket>,
  appointments?: (serviceId: string) => Iterable<Ticket>,
): Ticket[] {
  const list: Ticket[] = [];
  for (const t of targeted) {
    list.push(t);
    break;
  }
  for (const p of c.services) {
    for (const priority of [false, true]) {
      const first = firstEligible(queue(p.serviceId, priority), c, counters);
      if (first) list.push(first);
    }
    // Checked-in appointments of a service in slot order: the earliest eligible one is the only one that can win.
    if (appointments) {
      const first = firstEligible(appointments(p.serviceId), c, counters);
      if (first) list.push(first);
    }
  }
  return list;
}
