import { strandedTickets, type Availability, type ServiceConfig, type StrandedReason } from '../protocol/index.js';
import type {
  CallView,
  CounterView,
  ServiceStatus,
  TicketView,
  RemoteStatus,
  VisitorStatus,
} from '../protocol/index.js';
import {
  availability,
  averageServiceMinutes,
  closingTime,
  notReachedToday,
  serviceLevelRisk,
  type Counter,
  type PromiseRule,
  type Ticket,
} from '../domain/index.js';
import { CLOSED_STATE } from '../store/index.js';
import type { ServiceContext } from './context.js';
import { Estimates } from './estimates.js';

const STOPPED_KEY = (serviceId: string, date: string) => `stopped:${serviceId}:${date}`;
/** A changed estimate shown to a waiting visitor is recorded at most once per this interval (a sample). */
export const PROMISE_SAMPLE_MS = 120_000;
const PROMISE_MEMORY = 50_000;
/** The service-level target's share (80 % called within the service's target minutes), for the live hint. */
export const SERVICE_LEVEL_SHARE = 0.8;
export const ANNOUNCEMENT_KEY = 'announcement';

/** Read models: what displays, kiosks, staff and visitors see, computed from the store and the hall config. */
export class QueueViews {
  private readonly estimates: Estimates;
  /** The last estimate recorded per waiting ticket, for sampling what visitors are shown. */
  private readonly lastPromise = new Map<number, { at: number; minutes: number | null }>();

  constructor(
    private readonly ctx: ServiceContext,
    promiseRule?: PromiseRule,
  ) {
    this.estimates = new Estimates(ctx, this, promiseRule);
  }

  /** Domain counters: configuration joined with live state. */
  counters(): Counter[] {
    const states = this.ctx.store.counters.all();
    return this.ctx.hall().config.counters.map((c) => {
      const s = states.get(c.id) ?? CLOSED_STATE(c.id);
      return {
        id: c.id,
        label: c.label,
        features: c.features,
        profile: c.profile,
        open: s.open,
        services: s.open ? (s.services ?? c.profile) : c.profile,
        userId: s.userId,
        openedAt: s.openedAt,
        pausedReason: s.pausedReason,
        pausedAt: s.pausedAt,
        normalsSincePriority: s.normalsSincePriority,
        ...(c.appointmentsOnly ? { appointmentsOnly: true } : {}),
      };
    });
  }

  /** Waiting tickets that no open counter can call, oldest first, with the reason. */
  stranded(counters: readonly Counter[] = this.counters()): { ticket: Ticket; reason: StrandedReason }[] {
    return strandedTickets(this.ctx.store.tickets.waiting(), counters);
  }

  isStopped(serviceId: string, date: string): boolean {
    return this.ctx.store.hall.state(STOPPED_KEY(serviceId, date)) !== undefined;
  }

  setStopped(serviceId: string, date: string, stopped: boolean): void {
    this.ctx.store.hall.setState(STOPPED_KEY(serviceId, date), stopped ? '1' : null);
  }

  averageMinutes(serviceId: string): number {
    const hall = this.ctx.hall();
    const service = hall.services.get(serviceId);
    const durations = this.ctx.store.tickets.recentDurations(serviceId, hall.config.policy.estimateSampleSize);
    return averageServiceMinutes(durations, service?.defaultServiceMinutes ?? 8);
  }

  estimateFor(ticket: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, counters: readonly Counter[] = this.counters()) {
    return { ahead: this.ctx.store.tickets.aheadOf(ticket), minutes: this.estimates.forTicket(ticket, this.ctx.now(), counters) };
  }

  /**
   * What a ticket issued now for `serviceId` is told: its place in its service's queue, and the estimate of the
   * newest forecast (a new ticket is exactly the forecast's "new ticket of this service"); the next batch refines it.
   */
  newTicketEstimate(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt' | 'needs'>, now: number): { ahead: number; minutes: number | null } {
    const ahead = this.ctx.store.tickets.aheadOf(t);
    return { ahead, minutes: this.estimates.forIssued(t, now, ahead) };
  }

  /** How many estimate batches were computed since start (the benchmark prints it). */
  estimateComputations(): number {
    return this.estimates.computations;
  }

  serviceStatuses(now: number, counters = this.counters()): ServiceStatus[] {
    const hall = this.ctx.hall();
    const today = hall.today(now);
    const issued = this.ctx.store.hall.issuedOn(today);
    const counts = this.ctx.store.tickets.waitingCounts();
    return hall.config.services.map((s) => {
      const scheduled = availability(
        hall.schedule(s),
        { issuedToday: issued.get(s.id) ?? 0, stoppedToday: this.isStopped(s.id, today) },
        now,
      );
      const waiting = counts.get(s.id)?.waiting ?? 0;
      const minutes = this.estimates.forNewTicket(s.id, now, counters);
      const notToday = scheduled.state === 'open' ? notReachedToday(hall.schedule(s), now, minutes) : null;
      const avail: Availability = s.capacityCutoff && notToday ? { state: 'full', nextOpenAt: notToday.comeBackAt } : scheduled;
      const risk = waiting > 0 ? serviceLevelRisk(this.estimates.waitingCalls(s.id, now, counters), now, s.targetMinutes * 60_000, SERVICE_LEVEL_SHARE) : null;
      return {
        id: s.id,
        organisationId: s.organisationId ?? null,
        prefix: s.prefix,
        name: s.name,
        prepare: hall.prepareOf(s.id) ?? null,
        category: s.category ?? null,
        targetMinutes: s.targetMinutes,
        availability: avail,
        open: avail.state === 'open',
        waiting,
        estimatedWaitMinutes: minutes,
        nextCallMinutes: waiting === 0 ? null : this.estimates.forNextCall(s.id, now, counters),
        countersOpen: counters.filter((c) => c.open && c.pausedAt === null && c.services.some((p) => p.serviceId === s.id)).length,
        ...(s.appointments ? { appointments: { only: s.appointments.only } } : {}),
        ...(notToday ? { notToday } : {}),
        ...(risk?.atRisk ? { serviceLevelAtRisk: { late: risk.late, due: risk.due } } : {}),
      };
    });
  }

  /**
   * The capacity-aware cut-off (service `capacityCutoff`): an open service whose new ticket would probably not be
   * called before closing today is `full` until the forecast says otherwise.
   */
  withCapacityCutoff(service: ServiceConfig, avail: Availability, now: number, counters: readonly Counter[] = this.counters()): Availability {
    if (!service.capacityCutoff || avail.state !== 'open') return avail;
    const late = notReachedToday(this.ctx.hall().schedule(service), now, this.estimates.forNewTicket(service.id, now, counters));
    return late ? { state: 'full', nextOpenAt: late.comeBackAt } : avail;
  }

  /** A staff member's display name. */
  userName(userId: number): string | undefined {
    return this.ctx.store.users.byId(userId)?.displayName;
  }

  /** `inService`: tickets on call, served or parked (TicketRepository.inService). */
  counterView(c: Counter, inService: readonly Ticket[], withStaff: boolean): CounterView {
    const cfg = this.ctx.hall().counters.get(c.id);
    const current = inService.find((t) => t.counterId === c.id && (t.state === 'called' || t.state === 'serving'));
    const view: CounterView = {
      id: c.id,
      label: c.label,
      name: cfg?.name ?? null,
      features: c.features,
      roaming: cfg?.roaming ?? false,
      open: c.open,
      paused: c.pausedAt !== null,
      services: c.services.map((p) => ({ serviceId: p.serviceId, weight: p.weight })),
      currentNumber: current?.number ?? null,
    };
    if (withStaff) {
      const user = c.userId === null ? undefined : this.ctx.store.users.byId(c.userId);
      view.staff = {
        userId: c.userId,
        userName: user?.displayName ?? null,
        openedAt: c.openedAt,
        pausedReason: c.pausedReason,
        pausedAt: c.pausedAt,
        currentTicketId: current?.id ?? null,
        parkedTicketIds: inService.filter((t) => t.counterId === c.id && t.state === 'parked').map((t) => t.id),
      };
    }
    return view;
  }

  counterViews(withStaff: boolean, inService: readonly Ticket[] = this.ctx.store.tickets.inService(), counters = this.counters()): CounterView[] {
    return counters.map((c) => this.counterView(c, inService, withStaff));
  }

  /**
   * Records an estimate told to a visitor. At issue always; later (`status`) the first one shown and then a changed
   * one at most every PROMISE_SAMPLE_MS, so a busy status page costs a handful of rows, not one per update.
   */
  promised(ticketId: number, minutes: number | null, at: number, source: 'issue' | 'status'): void {
    const last = this.lastPromise.get(ticketId);
    if (source === 'status' && last && (last.minutes === minutes || at - last.at < PROMISE_SAMPLE_MS)) return;
    if (this.lastPromise.size >= PROMISE_MEMORY) this.lastPromise.clear();
    this.lastPromise.set(ticketId, { at, minutes });
    this.ctx.store.promises.record({ ticketId, at, minutes, source });
  }

  visitorStatus(t: Ticket, counters?: readonly Counter[]): VisitorStatus {
    const hall = this.ctx.hall();
    const service = hall.services.get(t.serviceId);
    const counterCfg = t.counterId === null ? undefined : hall.counters.get(t.counterId);
    let position: number | null = null;
    let estimate: number | null = null;
    let pastClosing: { closesAt: number; comeBackAt: number | null } | undefined;
    if (t.state === 'waiting') {
      const e = this.estimateFor(t, counters);
      position = e.ahead;
      estimate = e.minutes;
      const now = this.ctx.now();
      const schedule = service ? hall.schedule(service) : undefined;
      const late = schedule ? notReachedToday(schedule, now, estimate) : null;
      const closesAt = schedule ? closingTime(schedule, now) : null;
      if (late && closesAt !== null) pastClosing = { closesAt, comeBackAt: late.comeBackAt };
      this.promised(t.id, estimate, this.ctx.now(), 'status');
    } else this.lastPromise.delete(t.id);
    const showCounter = t.state === 'called' || t.state === 'serving' || t.state === 'parked';
    return {
      number: t.number,
      state: t.state,
      language: t.language,
      service: { id: t.serviceId, name: service?.name ?? { en: t.serviceId }, prepare: hall.prepareOf(t.serviceId) ?? null },
      hallName: hall.config.hall.name,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt,
      position,
      estimatedWaitMinutes: estimate,
      ...(pastClosing ? { pastClosing } : {}),
      counter: showCounter && counterCfg ? { id: counterCfg.id, label: counterCfg.label, name: counterCfg.name ?? null } : null,
      needs: t.needs,
      messages: hall.config.messages.filter(
        (m) => (m.where?.includes('status') ?? true) && (m.services?.includes(t.serviceId) ?? true),
      ),
      recallCount: t.recallCount,
      languages: hall.config.hall.languages,
      ...(t.remote ? { remote: this.remoteStatus(t) } : {}),
    };
  }

  /** A remote ticket's check-in state for its status page ("I'm here" is offered where the hall's network is set). */
  private remoteStatus(t: Ticket): RemoteStatus {
    const cfg = this.ctx.hall().services.get(t.serviceId)?.remote;
    const skippedAt = t.skippedAt ?? null;
    const code = t.arrivalCode ?? '';
    return {
      held: t.held === true,
      arrivalCode: `${code.slice(0, 5)}-${code.slice(5)}`,
      skippedAt,
      expiresAt: t.held === true && skippedAt !== null ? skippedAt + (cfg?.graceMinutes ?? 15) * 60_000 : null,
      canSayHere: (cfg?.hallNetworks.length ?? 0) > 0,
      timeZone: this.ctx.hall().config.hall.timeZone,
    };
  }

  callView(t: Ticket, recall: boolean, at: number): CallView {
    const label = (t.counterId && this.ctx.hall().counters.get(t.counterId)?.label) ?? t.counterId ?? '';
    return {
      ticketId: t.id,
      number: t.number,
      serviceId: t.serviceId,
      counterId: t.counterId ?? '',
      counterLabel: label,
      language: t.language,
      recall,
      at,
    };
  }

  /** The most recent calls of today, newest first. */
  recentCalls(now: number, limit = 12): CallView[] {
    const today = this.ctx.hall().today(now);
    const rows = this.ctx.store.events.recentCalls(today, limit);
    return rows.flatMap((r) => {
      const t = this.ctx.store.tickets.byId(r.ticketId);
      return t ? [this.callView({ ...t, counterId: r.counterId }, r.recall, r.at)] : [];
    });
  }
}

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    number: t.number,
    serviceId: t.serviceId,
    originalServiceId: t.originalServiceId,
    state: t.state,
    language: t.language,
    needs: t.needs,
    issuedAt: t.issuedAt,
    queuedAt: t.queuedAt,
    calledAt: t.calledAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    counterId: t.counterId,
    targetCounterId: t.targetCounterId,
    recallCount: t.recallCount,
    outcome: t.outcome,
    note: t.note,
    callReason: t.callReason,
    kioskId: t.kioskId,
  };
}
