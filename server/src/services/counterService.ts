import type { CounterEventType, EventPayloads, ProfileEntry } from '../protocol/index.js';
import type { NewEvent } from '../store/index.js';
import {
  DomainError,
  afterCall,
  chooseNext,
  firstEligible,
  transitions,
  type Counter,
  type Ticket,
  type Transition,
} from '../domain/index.js';
import { AuditTrail } from './auditTrail.js';
import type { Actor, ServiceContext } from './context.js';
import type { QueueViews } from './queueViews.js';

export type TransferInput = { serviceId: string; note?: string | undefined } | { counterId: string; note?: string | undefined };

/** Everything staff do at a counter. Each action is one transaction: read, decide (domain), write row + event. */
export class CounterService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly views: QueueViews,
  ) {}

  open(counterId: string, actor: Actor, opts: { services?: string[] | undefined; takeOver?: boolean | undefined }): Counter {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const c = this.counter(counterId);
      if (c.open && c.userId !== null && c.userId !== actor.userId) {
        if (!opts.takeOver) {
          const holder = this.ctx.store.users.byId(c.userId)?.displayName ?? 'someone else';
          throw new DomainError('counter_taken', `Counter ${c.label} is open by ${holder}. Take it over or pick another counter.`, {
            heldBy: holder,
          });
        }
        this.event('counter_taken_over', now, actor, { counterId: c.id, data: { from: c.userId } });
      }
      const services = this.profileFor(c, opts.services);
      const wasOpen = c.open;
      this.saveState({ ...c, open: true, userId: actor.userId, openedAt: wasOpen ? c.openedAt : now, services });
      if (!wasOpen) this.event('counter_opened', now, actor, { counterId: c.id, data: { services: services.map((s) => s.serviceId) } });
      return this.counter(counterId);
    });
  }

  close(counterId: string, actor: Actor): Counter {
    return this.counterChange(counterId, actor, (c, now, here) => {
      if (!c.open) return c;
      const busy = here[0];
      if (busy) {
        throw new DomainError('counter_busy', `Ticket ${busy.number} is still ${busy.state} at counter ${c.label}. Finish or transfer it first.`);
      }
      this.event('counter_closed', now, actor, { counterId: c.id, data: c.pausedAt === null ? null : { pausedReason: c.pausedReason } });
      return { ...c, open: false, userId: null, openedAt: null, services: c.profile, pausedReason: null, pausedAt: null };
    });
  }

  pause(counterId: string, actor: Actor, reason: string): Counter {
    return this.counterChange(counterId, actor, (c, now, here) => {
      this.requireHolder(c, actor);
      if (c.pausedAt !== null) throw new DomainError('counter_paused', `Counter ${c.label} is already paused.`);
      const busy = onCall(here);
      if (busy) throw new DomainError('counter_busy', `Finish, park or transfer ${busy.number} before pausing.`);
      this.event('counter_paused', now, actor, { counterId: c.id, data: { reason } });
      return { ...c, pausedReason: reason, pausedAt: now };
    });
  }

  unpause(counterId: string, actor: Actor): Counter {
    return this.counterChange(counterId, actor, (c, now) => {
      this.requireHolder(c, actor);
      if (c.pausedAt === null) throw new DomainError('invalid_transition', `Counter ${c.label} is not paused.`);
      this.event('counter_resumed', now, actor, { counterId: c.id, data: { reason: c.pausedReason, pausedMs: now - c.pausedAt } });
      return { ...c, pausedReason: null, pausedAt: null };
    });
  }

  /** A supervisor changes the work profile of an open or closed counter. */
  setProfile(counterId: string, actor: Actor, services: ProfileEntry[]): Counter {
    return this.counterChange(counterId, actor, (c, now) => {
      const known = this.ctx.hall().services;
      const unknown = services.find((s) => !known.has(s.serviceId));
      if (unknown) throw new DomainError('unknown_service', `There is no service "${unknown.serviceId}".`);
      this.event('counter_profile_changed', now, actor, { counterId: c.id, data: { services } });
      new AuditTrail(this.ctx.store, this.ctx.now).record(actor, 'counter.profile', c.id, { services: c.services }, { services });
      return { ...c, services };
    });
  }

  callNext(counterId: string, actor: Actor): Ticket {
    return this.callWith(counterId, actor, (c, now) => {
      const { tickets } = this.ctx.store;
      const counters = this.views.counters();
      const firsts = c.services.flatMap((p) => [false, true].map((priority) => firstEligible(tickets.waitingIn(p.serviceId, priority), c, counters)));
      const waiting = [...tickets.targetedAt(c.id).slice(0, 1), ...firsts.filter((t): t is Ticket => t !== undefined)];
      const counts = tickets.waitingCounts();
      const choice = chooseNext({
        waiting,
        counter: c,
        counters,
        candidateCount: c.services.reduce((n, p) => n + (counts.get(p.serviceId)?.waiting ?? 0), 0),
        servicePriorityWeight: this.ctx.hall().priorityWeight,
        policy: this.ctx.hall().config.policy.priority,
        now,
      });
      if (choice instanceof DomainError) throw choice;
      return choice;
    });
  }

  /** Call a chosen ticket by id (e.g. a visitor whose need the rule cannot know). */
  callTicket(counterId: string, actor: Actor, ticketId: number): Ticket {
    return this.callWith(counterId, actor, (_c, now) => {
      const t = this.ctx.store.tickets.byId(ticketId);
      if (!t) throw new DomainError('not_found', `There is no ticket ${ticketId}.`);
      if (t.state !== 'waiting') throw new DomainError('invalid_transition', `Ticket ${t.number} is ${t.state}; it cannot be called.`);
      const waitedMinutes = Math.round((now - t.queuedAt) / 6_000) / 10;
      return { ticket: t, reason: { rule: 'named', policy: this.ctx.hall().config.policy.priority.mode, waitedMinutes, weight: 1, score: waitedMinutes, matchedFeature: null, candidates: 1 } };
    });
  }

  recall(counterId: string, actor: Actor): Ticket {
    return this.ticketAction(counterId, actor, ['called'], (t, c) => transitions.recall(t, c));
  }

  start(counterId: string, actor: Actor): Ticket {
    return this.ticketAction(counterId, actor, ['called'], (t, c, now) => transitions.start(t, c, now));
  }

  noShow(counterId: string, actor: Actor): Ticket {
    return this.ticketAction(counterId, actor, ['called'], (t, c, now) => transitions.noShow(t, c, now));
  }

  /** `articleId`: the published knowledge-base article the visit was resolved with, kept in the event. */
  finish(counterId: string, actor: Actor, outcome: string | undefined, articleId?: number): Ticket {
    const outcomes = this.ctx.hall().config.outcomes;
    if (outcome !== undefined && !outcomes.some((o) => o.code === outcome)) {
      throw new DomainError('unknown_outcome', `"${outcome}" is not an outcome of this hall: ${outcomes.map((o) => o.code).join(', ')}.`);
    }
    if (articleId !== undefined && !this.ctx.store.knowledge.isPublished(articleId)) {
      throw new DomainError('validation_failed', `articleId: there is no published article ${articleId}.`);
    }
    return this.ticketAction(counterId, actor, ['serving'], (t, c, now) => {
      const r = transitions.finish(t, c, outcome ?? null, now);
      if (r instanceof DomainError || articleId === undefined || r.event.type !== 'ticket_finished') return r;
      return { ...r, event: { type: 'ticket_finished', data: { ...r.event.data, articleId } } };
    });
  }

  transfer(counterId: string, actor: Actor, to: TransferInput): Ticket {
    const hall = this.ctx.hall();
    return this.ticketAction(counterId, actor, ['called', 'serving'], (t, c, now) => {
      if ('counterId' in to) {
        const target = hall.counters.get(to.counterId);
        if (!target) return new DomainError('unknown_counter', `There is no counter "${to.counterId}".`);
        return transitions.transfer(t, c, { counterId: target.id, serviceId: t.serviceId }, to.note ?? null, now);
      }
      if (!hall.services.has(to.serviceId)) return new DomainError('unknown_service', `There is no service "${to.serviceId}".`);
      return transitions.transfer(t, c, { serviceId: to.serviceId }, to.note ?? null, now);
    });
  }

  park(counterId: string, actor: Actor): Ticket {
    return this.ticketAction(counterId, actor, ['called', 'serving'], (t, c) => transitions.park(t, c));
  }

  resumeParked(counterId: string, actor: Actor, ticketId: number): Ticket {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const c = this.counter(counterId);
      this.requireHolder(c, actor);
      const busy = onCall(this.ctx.store.tickets.atCounter(c.id));
      if (busy) throw new DomainError('counter_busy', `Finish, park or transfer ${busy.number} before resuming another ticket.`);
      const t = this.ctx.store.tickets.byId(ticketId);
      if (!t) throw new DomainError('not_found', `There is no ticket ${ticketId}.`);
      return this.write(transitions.resume(t, c, now), c, actor, now);
    });
  }

  /** The number on call or being served at the counter (the newest call), null when none or the counter is closed. */
  numberOnCall(counterId: string): string | null {
    const counter = this.ctx.store.counters.all().get(counterId);
    if (!counter?.open) return null;
    const onCall = this.ctx.store.tickets
      .atCounter(counterId)
      .filter((t) => t.state === 'called' || t.state === 'serving')
      .sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0));
    return onCall[0]?.number ?? null;
  }

  counter(counterId: string): Counter {
    const c = this.views.counters().find((x) => x.id === counterId);
    if (!c) throw new DomainError('not_found', `There is no counter "${counterId}".`);
    return c;
  }

  private callWith(
    counterId: string,
    actor: Actor,
    choose: (c: Counter, now: number) => { ticket: Ticket; reason: Parameters<typeof transitions.call>[2] },
  ): Ticket {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const c = this.counter(counterId);
      this.requireOpen(c, actor);
      const busy = onCall(this.ctx.store.tickets.atCounter(c.id));
      if (busy) {
        throw new DomainError('counter_busy', `${busy.number} is still ${busy.state === 'called' ? 'on call' : 'being served'} at counter ${c.label}. Finish it, mark a no-show, park or transfer it first.`);
      }
      const { ticket: chosen, reason } = choose(c, now);
      const t = this.write(transitions.call(chosen, c, reason, now), c, actor, now);
      this.saveState(afterCall(c, chosen));
      return t;
    });
  }

  private ticketAction(
    counterId: string,
    actor: Actor,
    states: readonly Ticket['state'][],
    change: (t: Ticket, c: Counter, now: number) => Transition | DomainError,
  ): Ticket {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const c = this.counter(counterId);
      this.requireHolder(c, actor);
      const t = this.ctx.store.tickets.atCounter(c.id).find((x) => states.includes(x.state));
      if (!t) throw new DomainError('invalid_transition', `There is no ${states.join(' or ')} ticket at counter ${c.label}.`);
      return this.write(change(t, c, now), c, actor, now);
    });
  }

  private write(r: Transition | DomainError, c: Counter, actor: Actor, now: number): Ticket {
    if (r instanceof DomainError) throw r;
    return this.ctx.store.record(r, now, { counterId: c.id, userId: actor.userId });
  }

  /** `here`: the tickets on call, served or parked at the counter. */
  private counterChange(counterId: string, actor: Actor, change: (c: Counter, now: number, here: Ticket[]) => Counter): Counter {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const c = this.counter(counterId);
      const next = change(c, now, this.ctx.store.tickets.atCounter(c.id));
      if (next !== c) this.saveState(next);
      return next;
    });
  }

  private requireOpen(c: Counter, actor: Actor): void {
    if (!c.open) throw new DomainError('counter_closed', `Counter ${c.label} is closed. Open it first.`);
    this.requireHolder(c, actor);
    if (c.pausedAt !== null) throw new DomainError('counter_paused', `Counter ${c.label} is paused. Resume it first.`);
  }

  private requireHolder(c: Counter, actor: Actor): void {
    if (!c.open) throw new DomainError('counter_closed', `Counter ${c.label} is closed. Open it first.`);
    if (c.userId !== actor.userId && actor.role === 'staff') {
      throw new DomainError('counter_taken', `Counter ${c.label} is held by another staff member.`);
    }
  }

  private profileFor(c: Counter, services: string[] | undefined): ProfileEntry[] {
    if (!services) return c.profile;
    const chosen = c.profile.filter((p) => services.includes(p.serviceId));
    const extra = services.find((s) => !c.profile.some((p) => p.serviceId === s));
    if (extra) throw new DomainError('not_in_profile', `Counter ${c.label} does not serve "${extra}".`);
    return chosen;
  }

  private saveState(c: Counter): void {
    this.ctx.store.counters.save({
      id: c.id,
      open: c.open,
      userId: c.userId,
      openedAt: c.openedAt,
      services: c.services,
      pausedReason: c.pausedReason,
      pausedAt: c.pausedAt,
      normalsSincePriority: c.normalsSincePriority,
    });
  }

  private event<T extends CounterEventType>(type: T, at: number, actor: Actor, e: { counterId: string; data: EventPayloads[T] }): void {
    this.ctx.store.events.append({ type, at, counterId: e.counterId, userId: actor.userId, data: e.data } as NewEvent);
  }
}

function onCall(here: readonly Ticket[]): Ticket | undefined {
  return here.find((t) => t.state === 'called' || t.state === 'serving');
}
