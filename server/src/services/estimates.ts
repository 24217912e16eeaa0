import {
  capacity,
  estimateMinutes,
  forecastCalls,
  minutesUntil,
  transitions,
  type Counter,
  type Forecast,
  type Ticket,
} from '../domain/index.js';
import type { ServiceContext } from './context.js';

/** Up to this many waiting tickets the queue is played forward; beyond it the capacity formula is used. */
export const FORECAST_LIMIT = 200;
const PHANTOM_ID = Number.MAX_SAFE_INTEGER;

export interface EstimateSources {
  counters(): Counter[];
  averageMinutes(serviceId: string): number;
}

/**
 * Estimated waits, documented in the README. Forecasts are cached until the next event or the next minute, so many
 * visitors' pages and every screen share one computation per change.
 */
export class Estimates {
  private key = '';
  private playable = false;
  private base: Forecast | undefined;
  private readonly forNew = new Map<string, number | null>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly src: EstimateSources,
  ) {}

  /** Minutes until a waiting ticket is expected to be called; null when no open counter can call it. */
  forTicket(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    if (!this.refresh(now)) return this.formula(t, counters);
    this.base ??= this.play(this.ctx.store.tickets.waiting(), now, counters);
    const at = this.base.callAt.get(t.id);
    if (at !== undefined) return minutesUntil(at, now);
    return this.base.complete ? null : this.formula(t, counters);
  }

  /** Minutes a ticket taken now for `serviceId` would wait. */
  forNewTicket(serviceId: string, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const phantom: Ticket = {
      ...transitions.issue({ number: '', serviceId, localDate: '', language: 'en', needs: [], kioskId: null, statusToken: '' }, now),
      id: PHANTOM_ID,
    };
    if (!this.refresh(now)) return this.formula(phantom, counters);
    const cached = this.forNew.get(serviceId);
    if (cached !== undefined) return cached;
    const f = this.play([...this.ctx.store.tickets.waiting(), phantom], now, counters, PHANTOM_ID);
    const at = f.callAt.get(PHANTOM_ID);
    const minutes = at !== undefined ? minutesUntil(at, now) : f.complete ? null : this.formula(phantom, counters);
    this.forNew.set(serviceId, minutes);
    return minutes;
  }

  /** Clears the cache when the queue or the minute changed; false when the queue is too long to play forward. */
  private refresh(now: number): boolean {
    const key = `${this.ctx.store.events.lastId()}:${Math.floor(now / 60_000)}`;
    if (key !== this.key) {
      this.key = key;
      this.playable = this.ctx.store.tickets.waitingTotal() < FORECAST_LIMIT;
      this.base = undefined;
      this.forNew.clear();
    }
    return this.playable;
  }

  private play(waiting: Ticket[], now: number, counters: readonly Counter[], until?: number): Forecast {
    const averages = new Map<string, number>();
    const average = (serviceId: string) => {
      let m = averages.get(serviceId);
      if (m === undefined) averages.set(serviceId, (m = this.src.averageMinutes(serviceId)));
      return m;
    };
    const freeAt = new Map<string, number>();
    for (const t of this.ctx.store.tickets.inService()) {
      if (t.counterId === null || (t.state !== 'called' && t.state !== 'serving')) continue;
      freeAt.set(t.counterId, Math.max(now, (t.startedAt ?? now) + average(t.serviceId) * 60_000));
    }
    const hall = this.ctx.hall();
    return forecastCalls({
      waiting,
      counters,
      freeAt,
      averageMinutes: average,
      servicePriorityWeight: hall.priorityWeight,
      policy: hall.config.policy.priority,
      now,
      maxCalls: FORECAST_LIMIT + 1,
      ...(until !== undefined ? { until } : {}),
    });
  }

  /** People ahead × average visit ÷ the open counters' share of this service. */
  private formula(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, counters: readonly Counter[]): number | null {
    const ahead = t.id === PHANTOM_ID ? (this.ctx.store.tickets.waitingCounts().get(t.serviceId)?.waiting ?? 0) : this.ctx.store.tickets.aheadOf(t);
    return estimateMinutes(ahead, this.src.averageMinutes(t.serviceId), capacity(t.serviceId, counters));
  }
}
