import { featureForNeed, type AppointmentPolicy, type CallReason, type Feature, type Need, type PriorityPolicy } from '../protocol/index.js';
import { DomainError } from './errors.js';
import { localParts } from './time.js';
import { isAppointment, isAvailable, isPriority, weightFor, type Counter, type Ticket } from './types.js';

/**
 * Which waiting ticket a counter calls next. The rule (documented in the README):
 * 1. Candidates are waiting tickets sent to this counter by name, or of a service in its active work profile.
 * 2. A ticket needing a feature (hearing loop, low desk) skips counters without it while another open counter
 *    serving its service has it; when none is open, any counter may call it. With several needs, it skips a counter
 *    while another open counter serving its service meets more of them.
 * 3. Tickets sent to this counter by name come first, oldest first.
 * 4. Otherwise each candidate scores waited minutes × counter weight for its service × service priority weight;
 *    the highest score wins, ties go to the earliest arrival. Priority tickets compete by the hall's policy:
 *    `strict` always first, `ratio` one after every N normal calls at this counter, `aging` N bonus minutes.
 * 5. A checked-in appointment is due from its slot's start. Once due it is called before every walk-in of the
 *    counter's services (policy `first`, earliest slot first), or competes with the weighted wait counted from its
 *    slot plus a bonus (policy `bonus`). One not yet due is called only when nothing else waits for the counter.
 * 6. A remote ticket not checked in (held) is never called; it keeps its place.
 */

export interface CallNextInput {
  waiting: readonly Ticket[];
  counter: Counter;
  /** All counters, to know whether another open counter offers a needed feature. */
  counters: readonly Counter[];
  servicePriorityWeight: (serviceId: string) => number;
  policy: PriorityPolicy;
  now: number;
  /** How many tickets were eligible in all, when `waiting` is a shortlist (for the call reason). */
  candidateCount?: number;
  /** How due appointments compete (default `first`). */
  appointmentPolicy?: AppointmentPolicy;
  /** The hall's time zone, for the appointment's local time in the call reason (default UTC). */
  timeZone?: string;
}

export interface CallChoice {
  ticket: Ticket;
  reason: CallReason;
}

interface Scored {
  ticket: Ticket;
  score: number;
  weight: number;
  waitedMinutes: number;
  matchedFeature: Feature | null;
}

export function chooseNext(input: CallNextInput): CallChoice | DomainError {
  const { counter, policy } = input;
  if (!counter.open) return new DomainError('counter_closed', `Counter ${counter.label} is closed. Open it first.`);
  if (counter.pausedAt !== null) {
    return new DomainError('counter_paused', `Counter ${counter.label} is paused. Resume it first.`);
  }
  const candidates = input.waiting.filter((t) => t.state === 'waiting' && isCandidate(t, input));
  if (candidates.length === 0) {
    return new DomainError('queue_empty', `Nobody is waiting for counter ${counter.label}.`);
  }
  const scored = candidates.map((t) => score(t, input));
  const reason = (s: Scored, rule: CallReason['rule']): CallChoice => {
    const r: CallReason = {
      rule: isAppointment(s.ticket) ? 'appointment' : rule,
      policy: policy.mode,
      waitedMinutes: round1(s.waitedMinutes),
      weight: s.weight,
      score: round1(s.score),
      matchedFeature: s.matchedFeature,
      candidates: input.candidateCount ?? candidates.length,
    };
    if (isAppointment(s.ticket)) r.appointment = appointmentNote(s.ticket.appointmentAt, input.now, input.timeZone ?? 'UTC');
    return { ticket: s.ticket, reason: r };
  };

  const targeted = scored.filter((s) => s.ticket.targetCounterId === counter.id);
  if (targeted.length > 0) return reason(oldest(targeted), 'targeted');

  const appointments = scored.filter((s) => isAppointment(s.ticket));
  const due = appointments.filter((s) => (s.ticket.appointmentAt ?? Infinity) <= input.now);
  const walkIns = scored.filter((s) => !isAppointment(s.ticket));
  const apPolicy = input.appointmentPolicy ?? { mode: 'first' };
  if (apPolicy.mode === 'first' && due.length > 0) return reason(earliestSlot(due), 'appointment');
  const pool = apPolicy.mode === 'bonus' ? [...walkIns, ...due] : walkIns;
  // Appointments not yet due wait for their slot unless nothing else waits for this counter.
  if (pool.length === 0) return reason(earliestSlot(appointments), 'appointment');

  const priority = pool.filter((s) => isPriority(s.ticket) && !isAppointment(s.ticket));
  const normal = pool.filter((s) => !isPriority(s.ticket) || isAppointment(s.ticket));
  switch (policy.mode) {
    case 'strict':
      return priority.length > 0 ? reason(best(priority), 'strict-priority') : reason(best(normal), 'weighted-wait');
    case 'ratio': {
      const priorityTurn = counter.normalsSincePriority >= policy.normalPerPriority;
      if (priority.length > 0 && (priorityTurn || normal.length === 0)) return reason(best(priority), 'ratio-priority');
      return reason(best(normal), priority.length > 0 ? 'ratio-normal' : 'weighted-wait');
    }
    case 'aging':
      return reason(best(pool), 'weighted-wait');
  }
}

/** "appointment at 10:30, due" (or "not due yet"): how the call reason names an appointment. */
export function appointmentNote(at: number, now: number, timeZone: string): NonNullable<CallReason['appointment']> {
  const m = localParts(at, timeZone).minutes;
  const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const due = at <= now;
  return { at, time, due, text: `appointment at ${time}, ${due ? 'due' : 'not due yet'}` };
}

function isCandidate(t: Ticket, input: CallNextInput): boolean {
  return isEligible(t, input.counter, input.counters);
}

/** Whether a need changes who may call a ticket, or when: a counter feature (hearing loop, low desk) or priority. */
export function routesCall(need: Need): boolean {
  return need === 'priority' || featureForNeed(need) !== undefined;
}

/** Whether `counter` may call `t` at all (work profile, named counter, needs routing). */
export function isEligible(t: Ticket, counter: Counter, counters: readonly Counter[]): boolean {
  if (t.held === true) return false;
  if (t.targetCounterId !== null) return t.targetCounterId === counter.id;
  if (weightFor(counter, t.serviceId) === undefined) return false;
  if (counter.appointmentsOnly === true && !isAppointment(t)) return false;
  const wanted = t.needs.map(featureForNeed).filter((f): f is Feature => f !== undefined);
  if (wanted.length === 0) return true;
  // Skip this counter only while another available counter serving the service meets more of the needs:
  // a per-need rule would starve a ticket needing two features that no single open counter has.
  const met = (c: Counter) => wanted.filter((f) => c.features.includes(f)).length;
  const here = met(counter);
  return !counters.some(
    (c) => c.id !== counter.id && isAvailable(c) && weightFor(c, t.serviceId) !== undefined && met(c) > here,
  );
}

/**
 * The first ticket call-next may pick for `counter` from one service's waiting tickets of one kind (normal or
 * priority) in arrival order. Within a service and kind every ticket has the same weight, so arrival order is score
 * order, and only these firsts can win: reading stops at the first eligible one, so a long queue costs little.
 */
export function firstEligible(arrivalOrdered: Iterable<Ticket>, counter: Counter, counters: readonly Counter[]): Ticket | undefined {
  for (const t of arrivalOrdered) if (isEligible(t, counter, counters)) return t;
  return undefined;
}

function score(t: Ticket, input: CallNextInput): Scored {
  const waitedMinutes = Math.max(0, input.now - t.queuedAt) / 60_000;
  const weight = (weightFor(input.counter, t.serviceId) ?? 1) * input.servicePriorityWeight(t.serviceId);
  const matchedFeature =
    t.needs.map(featureForNeed).find((f): f is Feature => f !== undefined && input.counter.features.includes(f)) ?? null;
  if (isAppointment(t)) {
    // An appointment's wait counts from its slot, not from an early check-in.
    const sinceSlot = Math.max(0, input.now - t.appointmentAt) / 60_000;
    const bonus = input.appointmentPolicy?.mode === 'bonus' && t.appointmentAt <= input.now ? input.appointmentPolicy.bonusMinutes : 0;
    return { ticket: t, waitedMinutes, weight, score: (sinceSlot + bonus) * weight, matchedFeature };
  }
  const bonus = input.policy.mode === 'aging' && isPriority(t) ? input.policy.bonusMinutes : 0;
  return { ticket: t, waitedMinutes, weight, score: (waitedMinutes + bonus) * weight, matchedFeature };
}

function earliestSlot(list: readonly Scored[]): Scored {
  const slot = (s: Scored) => s.ticket.appointmentAt ?? Infinity;
  return list.reduce((a, b) => (slot(b) < slot(a) || (slot(b) === slot(a) && earlier(b, a)) ? b : a));
}

function earlier(a: Scored, b: Scored): boolean {
  return a.ticket.queuedAt < b.ticket.queuedAt || (a.ticket.queuedAt === b.ticket.queuedAt && a.ticket.id < b.ticket.id);
}

function best(list: readonly Scored[]): Scored {
  return list.reduce((a, b) => (b.score > a.score || (b.score === a.score && earlier(b, a)) ? b : a));
}

function oldest(list: readonly Scored[]): Scored {
  return list.reduce((a, b) => (earlier(b, a) ? b : a));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The counter's ratio bookkeeping after a call. */
export function afterCall(counter: Counter, ticket: Ticket): Counter {
  return { ...counter, normalsSincePriority: isPriority(ticket) ? 0 : counter.normalsSincePriority + 1 };
}
