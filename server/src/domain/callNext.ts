import { featureForNeed, type CallReason, type Feature, type PriorityPolicy } from '../protocol/index.js';
import { DomainError } from './errors.js';
import { isAvailable, isPriority, weightFor, type Counter, type Ticket } from './types.js';

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
  const reason = (s: Scored, rule: CallReason['rule']): CallChoice => ({
    ticket: s.ticket,
    reason: {
      rule,
      policy: policy.mode,
      waitedMinutes: round1(s.waitedMinutes),
      weight: s.weight,
      score: round1(s.score),
      matchedFeature: s.matchedFeature,
      candidates: input.candidateCount ?? candidates.length,
    },
  });

  const targeted = scored.filter((s) => s.ticket.targetCounterId === counter.id);
  if (targeted.length > 0) return reason(oldest(targeted), 'targeted');

  const priority = scored.filter((s) => isPriority(s.ticket));
  const normal = scored.filter((s) => !isPriority(s.ticket));
  switch (policy.mode) {
    case 'strict':
      return priority.length > 0 ? reason(best(priority), 'strict-priority') : reason(best(normal), 'weighted-wait');
    case 'ratio': {
      const priorityTurn = counter.normalsSincePriority >= policy.normalPerPriority;
      if (priority.length > 0 && (priorityTurn || normal.length === 0)) return reason(best(priority), 'ratio-priority');
      return reason(best(normal), priority.length > 0 ? 'ratio-normal' : 'weighted-wait');
    }
    case 'aging':
      return reason(best(scored), 'weighted-wait');
  }
}

function isCandidate(t: Ticket, input: CallNextInput): boolean {
  return isEligible(t, input.counter, input.counters);
}

/** Whether `counter` may call `t` at all (work profile, named counter, needs routing). */
export function isEligible(t: Ticket, counter: Counter, counters: readonly Counter[]): boolean {
  if (t.targetCounterId !== null) return t.targetCounterId === counter.id;
  if (weightFor(counter, t.serviceId) === undefined) return false;
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
  const bonus = input.policy.mode === 'aging' && isPriority(t) ? input.policy.bonusMinutes : 0;
  const matchedFeature =
    t.needs.map(featureForNeed).find((f): f is Feature => f !== undefined && input.counter.features.includes(f)) ?? null;
  return { ticket: t, waitedMinutes, weight, score: (waitedMinutes + bonus) * weight, matchedFeature };
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
