import {
  capacity,
  estimateMinutes,
  forecastBatch,
  minutesUntil,
  NEW_TICKET_ID,
  type Counter,
  type ForecastBatch,
  type Ticket,
} from '../domain/index.js';
import type { ServiceContext } from './context.js';

/** Up to this many waiting tickets the queue is played forward; beyond it the capacity formula is used. */
export const FORECAST_LIMIT = 200;

export interface EstimateSources {
  counters(): Counter[];
  averageMinutes(serviceId: string): number;
}

interface Batch {
  /** The newest event id and the minute it was computed for: a batch is current while both stay the same. */
  key: string;
  minute: number;
  /** Null when the queue is too long to play forward (the formula answers). */
  forecast: ForecastBatch | null;
  /** Read once per batch when the formula needs them. */
  waitingCounts?: Map<string, { waiting: number }>;
  averages: Map<string, number>;
  /** The waiting tickets the forecast was played with. */
  waiting?: Ticket[];
  /** Per service: when its first waiting visitor is expected to be called (see forNextCall), filled on first ask. */
  nextCall?: Map<string, number | null>;
}

/**
 * Estimated waits, documented in the README. One batch answers every question about one state of the queue: when
 * each waiting ticket will be called and how long a new ticket of each service would wait. It is computed once per
 * change of the queue (or of the minute), however many screens and visitors ask.
 */
export class Estimates {
  private batch: Batch | undefined;
  /** How many batches were computed (the benchmark prints it). */
  computations = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly src: EstimateSources,
  ) {}

  /** Minutes until a waiting ticket is expected to be called; null when no open counter can call it. */
  forTicket(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const f = this.current(now, counters).forecast;
    if (!f) return this.formula(t, counters);
    const at = f.callAt.get(t.id);
    if (at !== undefined) return minutesUntil(at, now);
    return f.complete ? null : this.formula(t, counters);
  }

  /**
   * The estimate told to a ticket just issued. Issuing does not wait for a new forecast: the newest batch of this
   * minute already answered "how long would a new ticket of this service wait", which is this ticket; the next
   * batch refines it. Without such a batch the ticket's own forecast is computed.
   */
  forIssued(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, now: number, ahead: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const b = this.batch;
    if (b && b.minute === Math.floor(now / 60_000)) {
      // A queue too long to play forward: the formula needs no forecast.
      if (!b.forecast) return estimateMinutes(ahead, this.average(b, t.serviceId), capacity(t.serviceId, counters));
      const at = b.forecast.newTicketAt.get(t.serviceId);
      if (at !== undefined) return at === null ? null : minutesUntil(at, now);
    }
    return this.forTicket(t, now, counters);
  }

  /** Minutes a ticket taken now for `serviceId` would wait. */
  forNewTicket(serviceId: string, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const at = this.current(now, counters).forecast?.newTicketAt.get(serviceId);
    if (at === undefined) return this.formula({ id: NEW_TICKET_ID, serviceId, queuedAt: now }, counters);
    return at === null ? null : minutesUntil(at, now);
  }

  /**
   * Minutes until the next of the visitors already waiting for `serviceId` is expected to be called ("next visitor
   * called in about …"); null when nobody waits for it or no open counter can call them.
   */
  forNextCall(serviceId: string, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const b = this.current(now, counters);
    if (b.forecast && b.waiting) {
      const next = (b.nextCall ??= firstCalls(b.forecast, b.waiting));
      const at = next.get(serviceId);
      if (at !== undefined) return at === null ? null : minutesUntil(at, now);
      if (!b.waiting.some((t) => t.serviceId === serviceId)) return null;
    }
    // Beyond the forecast: the first of the service's queue has nobody of it ahead.
    const waiting = (b.waitingCounts ??= this.ctx.store.tickets.waitingCounts()).get(serviceId)?.waiting ?? 0;
    return waiting === 0 ? null : estimateMinutes(0, this.average(b, serviceId), capacity(serviceId, counters));
  }

  /** The batch for the queue as it is now, computed when the queue or the minute changed. */
  private current(now: number, counters: readonly Counter[]): Batch {
    const minute = Math.floor(now / 60_000);
    const key = `${this.ctx.store.events.lastId()}:${minute}`;
    if (this.batch?.key === key) return this.batch;
    this.computations += 1;
    const playable = this.ctx.store.tickets.waitingTotal() < FORECAST_LIMIT;
    this.batch = { key, minute, forecast: null, averages: new Map() };
    if (playable) this.batch.forecast = this.play(this.batch, now, counters);
    return this.batch;
  }

  /** The service's average visit, read once per batch. */
  private average(b: Batch, serviceId: string): number {
    let m = b.averages.get(serviceId);
    if (m === undefined) b.averages.set(serviceId, (m = this.src.averageMinutes(serviceId)));
    return m;
  }

  private play(b: Batch, now: number, counters: readonly Counter[]): ForecastBatch {
    const average = (serviceId: string) => this.average(b, serviceId);
    const freeAt = new Map<string, number>();
    for (const t of this.ctx.store.tickets.inService()) {
      if (t.counterId === null || (t.state !== 'called' && t.state !== 'serving')) continue;
      freeAt.set(t.counterId, Math.max(now, (t.startedAt ?? now) + average(t.serviceId) * 60_000));
    }
    const hall = this.ctx.hall();
    // A held remote ticket is played as if its holder arrives in time: it then gets "when to set off", and the
    // estimates of those behind it stay on the safe side. Call-next itself never waits for it.
    b.waiting = this.ctx.store.tickets.waiting().map((t) => (t.held === true ? { ...t, held: false } : t));
    return forecastBatch(
      {
        waiting: b.waiting,
        counters,
        freeAt,
        averageMinutes: average,
        servicePriorityWeight: hall.priorityWeight,
        policy: hall.config.policy.priority,
        appointmentPolicy: hall.config.policy.appointments,
        now,
        maxCalls: FORECAST_LIMIT + 1,
      },
      hall.config.services.map((s) => s.id),
    );
  }

  /** People ahead × average visit ÷ the open counters' share of this service. */
  private formula(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, counters: readonly Counter[]): number | null {
    const b = this.batch;
    let ahead: number;
    if (t.id !== NEW_TICKET_ID) ahead = this.ctx.store.tickets.aheadOf(t);
    else if (b) ahead = (b.waitingCounts ??= this.ctx.store.tickets.waitingCounts()).get(t.serviceId)?.waiting ?? 0;
    else ahead = this.ctx.store.tickets.waitingCounts().get(t.serviceId)?.waiting ?? 0;
    const average = b ? this.average(b, t.serviceId) : this.src.averageMinutes(t.serviceId);
    return estimateMinutes(ahead, average, capacity(t.serviceId, counters));
  }
}

/**
 * Per service with waiting tickets: the earliest expected call among them; null when the forecast reached them all
 * and no open counter can call any; absent when the earliest lies beyond the forecast's horizon.
 */
function firstCalls(f: ForecastBatch, waiting: readonly Ticket[]): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const t of waiting) {
    const at = f.callAt.get(t.id);
    const had = out.get(t.serviceId);
    if (at !== undefined) out.set(t.serviceId, had === undefined || had === null ? at : Math.min(had, at));
    else if (f.complete && !out.has(t.serviceId)) out.set(t.serviceId, null);
  }
  return out;
}
