import type { ProfileEntry } from '../protocol/index.js';
import {
  DomainError,
  afterCall,
  callError,
  callShortlist,
  changeProfile,
  chooseNext,
  closeCounter,
  holderError,
  openCounter,
  pauseCounter,
  resumeCounter,
  resumeParkedError,
  transitions,
  type Counter,
  type CounterChange,
  type Ticket,
  type Transition,
} from '../domain/index.js';
import { AuditTrail } from './auditTrail.js';
import type { Actor, ServiceContext } from './context.js';
import type { OrganisationScope } from './organisationScope.js';
import type { QueueViews } from './queueViews.js';

export type TransferInput = { serviceId: string; note?: string | undefined } | { counterId: string; note?: string | undefined };

/** Everything staff do at a counter. Each action is one transaction: read, decide (domain), write row + event. */
export class CounterService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly views: QueueViews,
    private readonly scope: OrganisationScope,
  ) {}

  open(counterId: string, actor: Actor, opts: { services?: string[] | undefined; takeOver?: boolean | undefined }): Counter {
    return this.counterChange(counterId, actor, (c, now) => {
      const holder = c.userId === null ? undefined : this.ctx.store.users.byId(c.userId)?.displayName;
      return openCounter(c, actor, { ...opts, services: this.scopedServices(c, actor, opts.services) }, holder, now);
    });
  }

  close(counterId: string, actor: Actor): Counter {
    return this.counterChange(counterId, actor, (c, now, here) => {
      const r = closeCounter(c, here);
      if (r instanceof DomainError || !c.open) return r;
      // Visitors sent to this counter by name go back to their service's queue, keeping their arrival time.
      for (const t of this.ctx.store.tickets.targetedAt(c.id)) this.write(transitions.changeService(t, t.serviceId), c, actor, now);
      return r;
    });
  }

  pause(counterId: string, actor: Actor, reason: string): Counter {
    return this.counterChange(counterId, actor, (c, now, here) => pauseCounter(c, actor, here, reason, now));
  }

  unpause(counterId: string, actor: Actor): Counter {
    return this.counterChange(counterId, actor, (c, now) => resumeCounter(c, actor, now));
  }

  /**
   * A supervisor changes the work profile of an open or closed counter: the part of their own organisations (and
   * those they may help). Another organisation's services at a shared counter are kept as they are: the request may
   * leave them out or repeat them unchanged, but not add, drop or reweigh them (403).
   */
  setProfile(counterId: string, actor: Actor, services: ProfileEntry[]): Counter {
    return this.counterChange(counterId, actor, (c) => {
      const others = c.services.filter((p) => !this.scope.mayActOnService(actor, p.serviceId));
      for (const p of services) {
        const unchanged = others.some((o) => o.serviceId === p.serviceId && o.weight === p.weight);
        if (!unchanged) this.scope.requireService(actor, p.serviceId);
      }
      const kept = others.filter((o) => !services.some((p) => p.serviceId === o.serviceId));
      const next = [...services, ...kept];
      const r = changeProfile(c, next, (id) => this.ctx.hall().services.has(id));
      if (!(r instanceof DomainError)) new AuditTrail(this.ctx.store, this.ctx.now).record(actor, 'counter.profile', c.id, { services: c.services }, { services: next });
      return r;
    });
  }

  callNext(counterId: string, actor: Actor): Ticket {
    return this.callWith(counterId, actor, (c, now) => {
      const { tickets } = this.ctx.store;
      const counters = this.views.counters();
      const waiting = callShortlist(
        c,
        counters,
        (serviceId, priority) => tickets.waitingIn(serviceId, priority),
        tickets.targetedAt(c.id),
        (serviceId) => tickets.appointmentsIn(serviceId),
      );
      const counts = tickets.waitingCounts();
      const choice = chooseNext({
        waiting,
        counter: c,
        counters,
        candidateCount: c.services.reduce((n, p) => n + (counts.get(p.serviceId)?.waiting ?? 0), 0),
        servicePriorityWeight: this.ctx.hall().priorityWeight,
        policy: this.ctx.hall().config.policy.priority,
        appointmentPolicy: this.ctx.hall().config.policy.appointments,
        timeZone: this.ctx.hall().timeZone,
        now,
      });
      if (choice instanceof DomainError) throw choice;
      this.skipHeld(c, choice.ticket, now);
      return choice;
    });
  }

  /**
   * Remote tickets not checked in whose turn this call passed (of a service this counter serves, queued before the
   * called walk-in) are skipped, not lost: they keep their place, their holder is told, and the grace starts.
   */
  private skipHeld(c: Counter, called: Ticket, now: number): void {
    if (called.appointmentAt !== null && called.appointmentAt !== undefined) return;
    const { tickets, events } = this.ctx.store;
    for (const t of tickets.held()) {
      if (t.skippedAt !== null && t.skippedAt !== undefined) continue;
      if (t.queuedAt > called.queuedAt || !c.services.some((p) => p.serviceId === t.serviceId)) continue;
      const grace = this.ctx.hall().services.get(t.serviceId)?.remote?.graceMinutes ?? 15;
      tickets.update({ ...t, skippedAt: now });
      events.append({ type: 'ticket_skipped', at: now, ticketId: t.id, serviceId: t.serviceId, counterId: c.id, data: { graceMinutes: grace } });
    }
  }

  /** Call a chosen ticket by id (e.g. a visitor whose need the rule cannot know). */
  callTicket(counterId: string, actor: Actor, ticketId: number): Ticket {
    return this.callWith(counterId, actor, (_c, now) => {
      const t = this.ctx.store.tickets.byId(ticketId);
      if (!t) throw new DomainError('not_found', `There is no ticket ${ticketId}.`);
      if (t.state !== 'waiting') throw new DomainError('invalid_transition', `Ticket ${t.number} is ${t.state}; it cannot be called.`);
      this.scope.requireService(actor, t.serviceId);
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
        // A visitor sent to a closed counter would wait where nobody can call them.
        if (!this.views.counters().some((x) => x.id === target.id && x.open)) {
          return new DomainError('counter_closed', `Counter ${target.label} is closed. Transfer to its service, or to an open counter.`);
        }
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
      this.scope.requireCounter(actor, c.id);
      const err = resumeParkedError(c, actor, this.ctx.store.tickets.atCounter(c.id));
      if (err) throw err;
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
      this.scope.requireCounter(actor, c.id);
      const err = callError(c, actor, this.ctx.store.tickets.atCounter(c.id));
      if (err) throw err;
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
      this.scope.requireCounter(actor, c.id);
      const err = holderError(c, actor);
      if (err) throw err;
      const t = this.ctx.store.tickets.atCounter(c.id).find((x) => states.includes(x.state));
      if (!t) throw new DomainError('invalid_transition', `There is no ${states.join(' or ')} ticket at counter ${c.label}.`);
      return this.write(change(t, c, now), c, actor, now);
    });
  }

  private write(r: Transition | DomainError, c: Counter, actor: Actor, now: number): Ticket {
    if (r instanceof DomainError) throw r;
    return this.ctx.store.record(r, now, { counterId: c.id, userId: actor.userId });
  }

  /** `here`: the tickets on call, served or parked at the counter. The change's events are recorded with it. */
  private counterChange(counterId: string, actor: Actor, change: (c: Counter, now: number, here: Ticket[]) => CounterChange | DomainError): Counter {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const c = this.counter(counterId);
      this.scope.requireCounter(actor, c.id);
      const r = change(c, now, this.ctx.store.tickets.atCounter(c.id));
      if (r instanceof DomainError) throw r;
      for (const e of r.events) this.ctx.store.events.append({ ...e, at: now, counterId: c.id, userId: actor.userId });
      if (r.counter === c) return c;
      this.saveState(r.counter);
      return this.counter(counterId);
    });
  }

  /**
   * The services to open: those asked for, each of an organisation the actor acts for (else 403); or, when none are
   * named, the profile's services of those organisations (undefined: the whole profile).
   */
  private scopedServices(c: Counter, actor: Actor, requested: string[] | undefined): string[] | undefined {
    if (requested) {
      for (const id of requested) this.scope.requireService(actor, id);
      return requested;
    }
    const mine = c.profile.filter((p) => this.scope.mayActOnService(actor, p.serviceId)).map((p) => p.serviceId);
    if (mine.length === 0) this.scope.requireService(actor, c.profile[0]?.serviceId ?? '');
    return mine.length === c.profile.length ? undefined : mine;
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
}
