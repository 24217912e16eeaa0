import type { Availability, DomainEvent, IssuedTicket, IssueTicketRequest, Language, Need, TicketPromise } from '../protocol/index.js';
import {
  DomainError,
  availability,
  formatNumber,
  nextSequence,
  transitions,
  type Ticket,
  type Transition,
} from '../domain/index.js';
import type { Actor, ServiceContext } from './context.js';
import type { OrganisationScope } from './organisationScope.js';
import type { QueueViews } from './queueViews.js';

const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** The answer to a status link whose ticket does not exist (never existed, or its link was erased). */
export function unknownTicketLink(): DomainError {
  return new DomainError('not_found', 'This ticket link is not valid. It may have expired.');
}

export interface IssueResult {
  ticket: IssuedTicket;
  /** The ticket as stored (what a printer prints), so that the caller need not read it again. */
  stored: Ticket;
  /** True when an idempotency key matched an earlier request: nothing new was issued. */
  replay: boolean;
}

const CLOSED_MESSAGES: Record<Exclude<Availability['state'], 'open'>, [DomainError['code'], string]> = {
  closed: ['service_closed', 'is closed now'],
  cutoff: ['cutoff_passed', 'takes no more tickets today: closing time is near'],
  'cap-reached': ['daily_cap_reached', 'has given out all of today\'s tickets'],
  stopped: ['service_stopped', 'takes no more tickets today'],
  full: ['service_full', 'takes no more tickets today: the counters cannot reach a new ticket before closing'],
};

/** Visitor-side ticket operations: issue, follow, leave; and staff edits of waiting tickets. */
export class TicketService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly views: QueueViews,
    private readonly scope: OrganisationScope,
  ) {}

  /**
   * `issue`, committed together with the other writes asked for in this turn of the event loop (Store.batched): what
   * the request path uses, so that kiosks issuing at once share one commit. Each issue is still all or nothing.
   */
  issueBatched(input: IssueTicketRequest & { needs: Need[] }, idempotencyKey?: string): Promise<IssueResult> {
    return this.ctx.store.batched(() => this.issue(input, idempotencyKey));
  }

  issue(input: IssueTicketRequest & { needs: Need[] }, idempotencyKey?: string): IssueResult {
    const { store } = this.ctx;
    const now = this.ctx.now();
    const result = store.transaction((): IssueResult => {
      if (idempotencyKey) {
        const earlier = store.hall.ticketForKey(idempotencyKey);
        const t = earlier === undefined ? undefined : store.tickets.byId(earlier);
        if (t) return { ticket: this.issued(t, false), stored: t, replay: true };
      }
      const hall = this.ctx.hall();
      const service = hall.services.get(input.serviceId);
      if (!service) throw new DomainError('unknown_service', `There is no service "${input.serviceId}".`);
      if (service.appointments?.only) {
        throw new DomainError('appointments_only', `${service.name[hall.defaultLanguage] ?? service.id} is by appointment only. Book a time, or check in with your booking code.`);
      }
      const language = input.language ?? hall.defaultLanguage;
      if (!hall.config.hall.languages.includes(language)) {
        throw new DomainError('validation_failed', `This hall does not offer the language "${language}".`);
      }
      if (input.kioskId !== undefined) {
        const kiosk = hall.kiosks.get(input.kioskId);
        if (!kiosk) throw new DomainError('validation_failed', `There is no kiosk "${input.kioskId}".`);
        if (kiosk.services && !kiosk.services.includes(service.id)) {
          throw new DomainError('validation_failed', `Kiosk ${kiosk.name} does not offer this service.`);
        }
        if (input.needs.includes('priority') && !kiosk.priorityNeedAllowed) {
          throw new DomainError('validation_failed', 'Priority cannot be chosen at this kiosk; please ask staff.');
        }
      }
      const today = hall.today(now);
      const seq = store.hall.lastSequence(service.id, today);
      const avail = this.views.withCapacityCutoff(service, availability(hall.schedule(service), { issuedToday: seq.issued, stoppedToday: this.views.isStopped(service.id, today) }, now), now);
      if (avail.state !== 'open') {
        const [code, text] = CLOSED_MESSAGES[avail.state];
        throw new DomainError(code, `${service.name[hall.defaultLanguage] ?? service.id} ${text}.`, { nextOpenAt: avail.nextOpenAt });
      }
      const { ticket, issued } = this.create({ serviceId: service.id, prefix: service.prefix, language, needs: input.needs, kioskId: input.kioskId ?? null }, now);
      if (idempotencyKey) {
        store.hall.forgetKeysBefore(now - IDEMPOTENCY_TTL_MS);
        store.hall.rememberKey(idempotencyKey, ticket.id, now);
      }
      return { ticket: issued, stored: ticket, replay: false };
    });
    return result;
  }

  /**
   * Writes a new waiting ticket and its `ticket_issued` event (call inside `store.transaction`, after the checks).
   * Walk-ins number under the service's prefix; a checked-in appointment under its own (`numbering`: the sequence's
   * key, e.g. `<service>#appointment`), with its slot; a remote ticket is held until its holder checks in.
   */
  create(
    t: {
      serviceId: string;
      prefix: string;
      language: Language;
      needs: Need[];
      kioskId: string | null;
      numbering?: string;
      appointmentAt?: number;
      remote?: boolean;
    },
    now: number,
  ): { ticket: Ticket; issued: IssuedTicket } {
    const { store } = this.ctx;
    const hall = this.ctx.hall();
    const today = hall.today(now);
    const key = t.numbering ?? t.serviceId;
    const seq = store.hall.lastSequence(key, today);
    const rule = hall.config.policy.numbering;
    const number = nextSequence(seq.lastSeq, rule, (n) => store.tickets.numberInUse(formatNumber(t.prefix, n, rule.digits), today));
    if (number === null) {
      throw new DomainError('daily_cap_reached', `Every ${t.prefix} number is in use; finish or cancel waiting tickets first.`);
    }
    store.hall.recordSequence(key, today, number);
    // After a wall-clock correction backwards, a new arrival still comes after the newest recorded one.
    const arrival = Math.max(now, store.tickets.lastIssuedAt());
    const fresh = transitions.issue(
      {
        number: formatNumber(t.prefix, number, rule.digits),
        serviceId: t.serviceId,
        localDate: today,
        language: t.language,
        needs: t.needs,
        kioskId: t.kioskId,
        statusToken: this.ctx.token(18),
      },
      arrival,
    );
    const ticket = store.tickets.insert({
      ...fresh,
      appointmentAt: t.appointmentAt ?? null,
      remote: t.remote === true,
      held: t.remote === true,
      skippedAt: null,
    });
    // The promise is part of the issue: it travels in the event and is kept with the ticket's other promises.
    const issued = this.issued(ticket, true);
    store.events.append({
      type: 'ticket_issued',
      at: arrival,
      ticketId: ticket.id,
      serviceId: t.serviceId,
      data: {
        number: ticket.number,
        language: t.language,
        needs: ticket.needs,
        kioskId: ticket.kioskId,
        estimateMinutes: issued.estimatedWaitMinutes,
        ...(t.appointmentAt !== undefined ? { appointmentAt: t.appointmentAt } : {}),
        ...(t.remote === true ? { remote: true } : {}),
      },
    });
    this.views.promised(ticket.id, issued.estimatedWaitMinutes, arrival, 'issue');
    return { ticket, issued };
  }

  byToken(token: string): Ticket {
    const t = this.ctx.store.tickets.byToken(token);
    if (!t) throw unknownTicketLink();
    return t;
  }

  /**
   * Whether a ticket has this status token: `ticket`; `unknown` when the database was just asked and has none (or the
   * token cannot exist); `known-unknown` when an earlier lookup found none, answered without the database.
   */
  knowToken(token: string): 'ticket' | 'unknown' | 'known-unknown' {
    return this.ctx.store.tickets.knowToken(token);
  }

  /** Lookups of status tokens that reached the database since start. */
  tokenLookups(): number {
    return this.ctx.store.tickets.tokenLookups;
  }

  byId(id: number): Ticket {
    const t = this.ctx.store.tickets.byId(id);
    if (!t) throw new DomainError('not_found', `There is no ticket ${id}.`);
    return t;
  }

  /** Waiting, called, serving and parked tickets, in arrival order. */
  active(): Ticket[] {
    return this.ctx.store.tickets.active();
  }

  /** Tickets on call, being served or parked. */
  inService(): Ticket[] {
    return this.ctx.store.tickets.inService();
  }

  /** The ticket, or undefined when there is none with this id. */
  find(id: number): Ticket | undefined {
    return this.ctx.store.tickets.byId(id);
  }

  /**
   * Every event of one ticket, oldest first, except the visitor's feedback: ratings and comments are anonymous and
   * are never shown with their visit (see stats/feedbackPrivacy.ts).
   */
  history(ticketId: number): DomainEvent[] {
    return this.ctx.store.events.forTicket(ticketId).filter((e) => e.type !== 'feedback_given');
  }

  /** The estimates told to the ticket's visitor, oldest first. */
  promises(ticketId: number): TicketPromise[] {
    return this.ctx.store.promises.forTicket(ticketId).map((p) => ({ at: p.at, minutes: p.minutes, source: p.source }));
  }

  /** The id of the ticket's newest event: the visitor channel's sequence number. */
  lastEventId(ticketId: number): number {
    return this.ctx.store.events.lastIdForTicket(ticketId);
  }

  /** The visitor leaves: recorded as abandoned. */
  cancelByVisitor(token: string): Ticket {
    return this.apply(() => this.byToken(token), (t, now) => transitions.cancel(t, now), null);
  }

  requeue(ticketId: number, actor: Actor): Ticket {
    const grace = this.ctx.hall().config.policy.noShowGraceMinutes;
    return this.apply(() => this.scoped(ticketId, actor), (t, now) => transitions.requeue(t, grace, now), actor);
  }

  note(ticketId: number, note: string, actor: Actor): Ticket {
    return this.apply(() => this.scoped(ticketId, actor), (t) => transitions.addNote(t, note), actor);
  }

  /** A ticket of a service whose organisation the actor may act for (else 403). */
  private scoped(ticketId: number, actor: Actor): Ticket {
    const t = this.byId(ticketId);
    this.scope.requireService(actor, t.serviceId);
    return t;
  }

  changeService(ticketId: number, serviceId: string, actor: Actor): Ticket {
    if (!this.ctx.hall().services.has(serviceId)) {
      throw new DomainError('unknown_service', `There is no service "${serviceId}".`);
    }
    return this.apply(() => this.scoped(ticketId, actor), (t) => transitions.changeService(t, serviceId), actor);
  }

  /** Whether a ticket numbered `number` was issued today (the hall's day). */
  issuedToday(number: string): boolean {
    return this.ctx.store.tickets.numberIssued(number, this.ctx.hall().today(this.ctx.now()));
  }

  /** Tickets issued today, all services together. */
  issuedTodayCount(): number {
    let n = 0;
    for (const count of this.ctx.store.hall.issuedOn(this.ctx.hall().today(this.ctx.now())).values()) n += count;
    return n;
  }

  /** Tickets of earlier days still open are closed as expired (never called by closing). */
  expireStale(): number {
    const now = this.ctx.now();
    const today = this.ctx.hall().today(now);
    const stale = this.ctx.store.tickets.active().filter((t) => t.localDate < today);
    if (stale.length === 0) return 0;
    this.ctx.store.transaction(() => {
      for (const t of stale) {
        const r = transitions.expire(t, now);
        if (r instanceof DomainError) continue;
        this.ctx.store.record(r, now, { counterId: t.counterId });
      }
    });
    return stale.length;
  }

  private apply(load: () => Ticket, change: (t: Ticket, now: number) => Transition | DomainError, actor: Actor | null): Ticket {
    const now = this.ctx.now();
    return this.ctx.store.transaction(() => {
      const r = change(load(), now);
      if (r instanceof DomainError) throw r;
      return this.ctx.store.record(r, now, { userId: actor?.userId ?? null });
    });
  }

  /** `fresh`: issued just now (a repeated request gets the ticket's current estimate instead). */
  private issued(t: Ticket, fresh: boolean): IssuedTicket {
    const e = fresh ? this.views.newTicketEstimate(t, t.issuedAt) : this.views.estimateFor(t);
    return {
      id: t.id,
      number: t.number,
      serviceId: t.serviceId,
      language: t.language,
      needs: t.needs,
      issuedAt: t.issuedAt,
      position: e.ahead,
      estimatedWaitMinutes: e.minutes,
      statusToken: t.statusToken,
      statusPath: `/t/${t.statusToken}`,
    };
  }
}
