import {
  addDays,
  callCostMs,
  callModel,
  capacity,
  estimateMinutes,
  expectedArrivals,
  expectedTicket,
  forecastBatch,
  hourlyRates,
  minutesUntil,
  needsMix,
  MIN_DURATIONS_TO_DRAW,
  NEW_TICKET_ID,
  NO_CALL_HISTORY,
  remainingAfterCallMs,
  remainingVisitMs,
  routesCall,
  sampledPromises,
  type CallModel,
  type InProgress,
  type PromiseRule,
  type Counter,
  type ForecastBatch,
  type HourlyRates,
  type NeedsMix,
  type Ticket,
} from '../domain/index.js';
import type { Need } from '../protocol/index.js';
import type { ServiceContext } from './context.js';

/** The queue is played forward this far (then extrapolated at the rate the play reached): fast at any queue length. */
export const HORIZON_MS = 3 * 3_600_000;
/** Above this many waiting, an issue is answered from the newest batch of its minute even when a few tickets old. */
export const FRESH_PLAY_LIMIT = 200;
/**
 * In a rush of issues (kiosks busy at once, an integration posting a batch), at most one issue per this window gets a
 * play of its own; the others are answered from the newest batch and refined by the next one, which the screens get
 * within the realtime window anyway. Without it a rush costs one full play per ticket (the hall benchmark's rush of
 * 500: 523 plays instead of a handful). Visitors in a normal hall arrive seconds apart and keep their exact play.
 */
export const RUSH_WINDOW_MS = 1_000;
/** At most this many waiting tickets are read per service for the play (the play stops at the last one read). */
export const WAITING_READ_PER_SERVICE = 500;
/** Earlier same weekdays read for the arrival model. */
const HISTORY_WEEKS = 4;
/** Days of calls read for the walk-up time and no-show rate. */
const CALL_HISTORY_DAYS = 7;
/** Observed visit times read per service for the remaining time of visits in progress. */
const DURATION_SAMPLE = 100;
/** The measured parts (call model, arrival model, visit times to draw from) are read again after this long. */
const MODEL_TTL_MS = 10 * 60_000;
/** Sampled plays per batch: each ticket is promised a point of its call times (PROMISE_RULE, domain forecastSampled). */
export const SAMPLED_RUNS = 20;
/** The sampled plays of one batch play at most this many calls together, so a long queue gets fewer (or none). */
export const SAMPLED_CALL_BUDGET = 1_500;
/**
 * The promise made at issue, the one a visitor remembers, is played more often: its 95th percentile (PROMISE_RULE)
 * from 20 plays lies early and spread, which cost half a minute of margin and more early promises (README "Estimate
 * accuracy, measured"). About one issue a minute in a busy hall, and at most one per RUSH_WINDOW_MS.
 */
export const ISSUE_SAMPLED_RUNS = 60;
export const ISSUE_CALL_BUDGET = 4_500;
/**
 * Which point of a ticket's sampled call times it is promised (domain PromiseRule): the median, unless more than 5 %
 * of the plays would call it more than 5 minutes after that; then the 95th percentile less 5 minutes; shown rounded
 * to the nearest minute. The median has the least mean error; the rule keeps "called more than 5 minutes late" below
 * 5 % where the spread is wide (README "Estimate accuracy, measured": 4.7 % over ten busy days, against 10 % for the
 * median). The 95th rather than the 90th percentile because the plays' tails are a little short of the hall's.
 */
export const PROMISE_RULE: PromiseRule = { center: 0.5, sure: 0.95, lateMs: 5 * 60_000, roundMs: 30_000 };
/** Below this many sampled plays the median is too noisy: the mean play answers alone. */
export const MIN_SAMPLED_RUNS = 8;

export interface EstimateSources {
  counters(): Counter[];
  averageMinutes(serviceId: string): number;
}

interface Batch {
  /** The newest event id and the minute it was computed for: a batch is current while both stay the same. */
  key: string;
  minute: number;
  forecast: ForecastBatch;
  averages: Map<string, number>;
  /** Waiting tickets per service, read once per batch when a ticket beyond the horizon is extrapolated. */
  waitingCounts?: Map<string, { waiting: number }>;
  /** The waiting tickets the forecast was played with. */
  waiting: Ticket[];
  /** Per service: when its first waiting visitor is expected to be called (see forNextCall), filled on first ask. */
  nextCall?: Map<string, number | null>;
}

/** What is measured from the hall's history, read at most every MODEL_TTL_MS. */
interface Measured {
  readAt: number;
  date: string;
  calls: CallModel;
  rates: HourlyRates;
  /** The needs mix of each service's arrivals over the same days. */
  needs: NeedsMix;
  /** Recent visit times per service (ms), drawn from by the sampled plays. */
  durations: Map<string, number[]>;
}

/**
 * Estimated waits, documented in the README. One batch answers every question about one state of the queue: when
 * each waiting ticket will be called and how long a new ticket of each service would wait. It is computed once per
 * change of the queue (or of the minute), however many screens and visitors ask. The play is the domain's
 * (forecastBatch); this class feeds it what is measured: visit times, the remaining time of visits in progress,
 * walk-up time, no-show rate and the visitors expected to arrive (forecastModel).
 */
export class Estimates {
  private batch: Batch | undefined;
  private measured: Measured | undefined;
  /** When an issued ticket last got a play of its own (see RUSH_WINDOW_MS). */
  private freshPlayAt: number | undefined;
  /** How many batches were computed (the benchmark prints it). */
  computations = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly src: EstimateSources,
    private readonly promiseRule: PromiseRule = PROMISE_RULE,
  ) {}

  /** Minutes until a waiting ticket is expected to be called; null when no open counter can call it. */
  forTicket(t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const b = this.current(now, counters);
    const at = b.forecast.callAt.get(t.id);
    if (at !== undefined) return minutesUntil(at, now);
    return b.forecast.complete ? null : this.beyond(b, t, now, counters);
  }

  /**
   * The estimate told to a ticket just issued (called before its `ticket_issued` event is appended): the ticket's
   * own forecast, played ISSUE_SAMPLED_RUNS times. In a rush (RUSH_WINDOW_MS) or a long queue (FRESH_PLAY_LIMIT)
   * the newest batch of this minute answers close enough. `ahead`: the ticket's place, already counted by the caller
   * (an issue never counts its queue twice).
   */
  forIssued(
    t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt' | 'needs'>,
    now: number,
    ahead: number,
    counters: readonly Counter[] = this.src.counters(),
  ): number | null {
    const b = this.batch;
    const minute = Math.floor(now / 60_000);
    // The batch's new ticket has no needs: a ticket needing a feature (hearing loop, low desk) or priority is called
    // by other rules, so it gets a play of its own.
    const plain = !t.needs.some(routesCall);
    if (b && b.minute === minute && plain) {
      const at = b.forecast.newTicketAt.get(t.serviceId);
      // A batch of an earlier instant is not this ticket's answer: its plays end some visits in progress between then
      // and now, which (no event since) did not end, so its answer is early and too sure (in the busy-day replay, a
      // quarter of the tickets issued at 5–9 waiting and answered from such a batch were called after the 95th
      // percentile of its plays, against 7 % with a play of their own). Nor is the screens' batch of this instant:
      // it is played a third as often as a promise is. In a rush or a long queue the batch of this minute is close
      // enough whatever came since (a fresh play per issue would cost a rush of issues one play each); the next
      // batch refines the estimate.
      const rush = this.freshPlayAt !== undefined && now >= this.freshPlayAt && now - this.freshPlayAt < RUSH_WINDOW_MS;
      if (rush || waitingTotal(this.waitingCounts(b)) > FRESH_PLAY_LIMIT) {
        // Close enough from the newest batch: its new ticket of this service, or (past the play's horizon) the
        // extrapolation from the tickets now ahead of this one.
        if (at !== undefined) return at === null ? null : minutesUntil(at, now);
        return b.forecast.complete ? null : this.beyond(b, t, now, counters, ahead);
      }
    }
    this.freshPlayAt = now;
    this.batch = undefined; // the queue now holds this ticket under the same event id: play it afresh
    const fresh = this.current(now, counters, true);
    const at = fresh.forecast.callAt.get(t.id);
    if (at !== undefined) return minutesUntil(at, now);
    return fresh.forecast.complete ? null : this.beyond(fresh, t, now, counters, ahead);
  }

  /** Minutes a ticket taken now for `serviceId` would wait. */
  forNewTicket(serviceId: string, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const b = this.current(now, counters);
    const at = b.forecast.newTicketAt.get(serviceId);
    if (at === undefined) return this.beyond(b, { id: NEW_TICKET_ID, serviceId, queuedAt: now }, now, counters);
    return at === null ? null : minutesUntil(at, now);
  }

  /**
   * Minutes until the next of the visitors already waiting for `serviceId` is expected to be called ("next visitor
   * called in about …"); null when nobody waits for it or no open counter can call them.
   */
  forNextCall(serviceId: string, now: number, counters: readonly Counter[] = this.src.counters()): number | null {
    const b = this.current(now, counters);
    const next = (b.nextCall ??= firstCalls(b.forecast, b.waiting));
    const at = next.get(serviceId);
    if (at !== undefined) return at === null ? null : minutesUntil(at, now);
    const waiting = this.waitingCounts(b).get(serviceId)?.waiting ?? 0;
    if (waiting === 0) return null;
    // Beyond the horizon: the first of the service's queue has nobody of it ahead.
    const first = b.waiting.find((t) => t.serviceId === serviceId);
    return first ? this.beyond(b, first, now, counters) : null;
  }

  /** Expected call times of the service's waiting tickets (undefined beyond the forecast), for the live hint. */
  waitingCalls(serviceId: string, now: number, counters: readonly Counter[] = this.src.counters()): { queuedAt: number; callAt: number | undefined }[] {
    const b = this.current(now, counters);
    return b.waiting.filter((t) => t.serviceId === serviceId).map((t) => ({ queuedAt: t.queuedAt, callAt: b.forecast.callAt.get(t.id) }));
  }

  /** Waiting tickets per service, read once per batch (only when a question needs them). */
  private waitingCounts(b: Batch): Map<string, { waiting: number }> {
    return (b.waitingCounts ??= this.ctx.store.tickets.waitingCounts());
  }

  /** The batch for the queue as it is now, computed when the queue or the minute changed. */
  private current(now: number, counters: readonly Counter[], forIssue = false): Batch {
    const lastId = this.ctx.store.events.lastId();
    const key = `${lastId}:${Math.floor(now / 60_000)}`;
    if (this.batch?.key === key) return this.batch;
    this.computations += 1;
    const averages = new Map<string, number>();
    const { forecast, waiting } = this.play(averages, now, counters, forIssue);
    this.batch = { key, minute: Math.floor(now / 60_000), forecast, averages, waiting };
    return this.batch;
  }

  /** The service's average visit (minutes), read once per batch. */
  private average(averages: Map<string, number>, serviceId: string): number {
    let m = averages.get(serviceId);
    if (m === undefined) averages.set(serviceId, (m = this.src.averageMinutes(serviceId)));
    return m;
  }

  /** Walk-up, no-shows and arrival rates from the hall's own history (re-read every MODEL_TTL_MS or new day). */
  private measure(now: number): Measured {
    const hall = this.ctx.hall();
    const today = hall.today(now);
    const m = this.measured;
    if (m && m.date === today && now - m.readAt < MODEL_TTL_MS && now >= m.readAt) return m;
    const calls = this.ctx.store.tickets.callsSince(addDays(today, -CALL_HISTORY_DAYS));
    const model = calls.length === 0
      ? NO_CALL_HISTORY
      : callModel(
          calls.flatMap((c) => (c.startedAt !== null ? [c.startedAt - c.calledAt] : [])),
          calls.map((c) => ({ noShowAfterMs: c.startedAt === null && c.noShowAt !== null ? c.noShowAt - c.calledAt : null })),
          this.ctx.store.tickets.gapsSince(addDays(today, -CALL_HISTORY_DAYS)),
        );
    const issued: { serviceId: string; at: number; needs: Need[] }[] = [];
    let days = 0;
    for (let w = 1; w <= HISTORY_WEEKS; w++) {
      const day = this.ctx.store.tickets.issuedOn(addDays(today, -7 * w));
      if (day.length === 0) continue; // closed that day: it says nothing about arrivals on an open one
      days += 1;
      issued.push(...day);
    }
    const durations = new Map(hall.config.services.map((s) => [s.id, this.ctx.store.tickets.recentDurations(s.id, DURATION_SAMPLE)]));
    this.measured = { readAt: now, date: today, calls: model, rates: hourlyRates(issued, days, hall.timeZone), needs: needsMix(issued), durations };
    return this.measured;
  }

  private play(averages: Map<string, number>, now: number, counters: readonly Counter[], forIssue: boolean): { forecast: ForecastBatch; waiting: Ticket[] } {
    const average = (serviceId: string) => this.average(averages, serviceId);
    const hall = this.ctx.hall();
    const m = this.measure(now);
    const freeAt = new Map<string, number>();
    const inProgress: InProgress[] = [];
    for (const t of this.ctx.store.tickets.inService()) {
      if (t.counterId === null || (t.state !== 'called' && t.state !== 'serving')) continue;
      const meanMs = average(t.serviceId) * 60_000;
      const serving = t.state === 'serving' && t.startedAt !== null;
      inProgress.push({ counterId: t.counterId, serviceId: t.serviceId, state: serving ? 'serving' : 'called', elapsedMs: now - (serving ? (t.startedAt ?? now) : (t.calledAt ?? now)) });
      const left =
        t.state === 'serving' && t.startedAt !== null
          ? remainingVisitMs(this.ctx.store.tickets.recentDurations(t.serviceId, DURATION_SAMPLE), now - t.startedAt, meanMs) + m.calls.gapMs
          : remainingAfterCallMs(now - (t.calledAt ?? now), meanMs, m.calls);
      freeAt.set(t.counterId, now + left);
    }
    const horizonEnd = now + HORIZON_MS;
    const future: Ticket[] = [];
    let id = 0;
    for (const [serviceId, rates] of m.rates) {
      if (!hall.services.has(serviceId)) continue;
      for (const at of expectedArrivals(rates, now, horizonEnd, hall.timeZone)) future.push(expectedTicket(serviceId, at, --id));
    }
    // Each service's first tickets in arrival order (all of them in any ordinary queue), read through its index.
    // As many as the open counters serving it could call within the horizon (or WAITING_READ_PER_SERVICE at most).
    const waiting: Ticket[] = [];
    const truncated = new Set<string>();
    for (const [serviceId, c] of this.ctx.store.tickets.waitingCounts()) {
      const serving = counters.filter((x) => x.open && x.services.some((p) => p.serviceId === serviceId)).length;
      const perCall = Math.max(60_000, callCostMs(average(serviceId) * 60_000, m.calls));
      const limit = Math.min(WAITING_READ_PER_SERVICE, Math.ceil((serving * HORIZON_MS) / perCall) + 20);
      if (c.waiting > limit) truncated.add(serviceId);
      // A held remote ticket is played as if its holder arrives in time: it then gets "when to set off", and the
      // estimates of those behind it stay on the safe side. Call-next itself never waits for it.
      for (const t of this.ctx.store.tickets.waitingHead(serviceId, limit)) waiting.push(t.held === true ? { ...t, held: false } : t);
    }
    const input = {
      waiting,
      truncated,
      counters,
      freeAt,
      averageMinutes: average,
      callCostMs: (serviceId: string) => callCostMs(average(serviceId) * 60_000, m.calls),
      servicePriorityWeight: hall.priorityWeight,
      policy: hall.config.policy.priority,
      appointmentPolicy: hall.config.policy.appointments,
      now,
      maxCalls: Number.POSITIVE_INFINITY,
      future,
      horizonEnd,
    };
    const services = hall.config.services.map((s) => s.id);
    const mean = forecastBatch(input, services);
    // The promises of sampled plays, as many as the call budget allows for a play as long as the mean one.
    let played = 0;
    for (const n of mean.calls.values()) played += n;
    const [most, budget] = forIssue ? [ISSUE_SAMPLED_RUNS, ISSUE_CALL_BUDGET] : [SAMPLED_RUNS, SAMPLED_CALL_BUDGET];
    const runs = Math.min(most, Math.floor(budget / Math.max(1, played)));
    // Nothing to draw (no service with enough observed visits, no arrivals expected, no no-shows): every sampled play
    // would be the mean play.
    const random = m.calls.noShowRate > 0 || future.length > 0 || [...m.durations.values()].some((d) => d.length >= MIN_DURATIONS_TO_DRAW);
    if (runs < MIN_SAMPLED_RUNS || !random) return { forecast: mean, waiting };
    const sampling = {
      durations: m.durations,
      meanMs: (serviceId: string) => average(serviceId) * 60_000,
      calls: m.calls,
      inProgress,
      rates: new Map([...m.rates].filter(([serviceId]) => hall.services.has(serviceId))),
      timeZone: hall.timeZone,
      arrivalsUntil: horizonEnd,
      needs: m.needs,
    };
    // Seeded by the queue's state (its newest event and minute): the same queue gets the same answer.
    const seed = (Math.imul(this.ctx.store.events.lastId(), 2_654_435_761) ^ Math.floor(now / 60_000)) >>> 0;
    return { forecast: sampledPromises(mean, input, services, sampling, runs, seed, this.promiseRule), waiting };
  }

  /**
   * A ticket beyond the horizon: after the play's end, at the rate its service was called during the play (the
   * tickets of its service not reached before it, plus itself). A service not called at all in the horizon falls
   * back to people ahead × call cost ÷ the open counters' share of the service.
   */
  private beyond(b: Batch, t: Pick<Ticket, 'id' | 'serviceId' | 'queuedAt'>, now: number, counters: readonly Counter[], knownAhead?: number): number | null {
    const f = b.forecast;
    const ahead =
      knownAhead ?? (t.id === NEW_TICKET_ID ? (this.waitingCounts(b).get(t.serviceId)?.waiting ?? 0) : this.ctx.store.tickets.aheadOf(t));
    const unreached = Math.max(0, ahead - (f.reached.get(t.serviceId) ?? 0));
    const calls = f.calls.get(t.serviceId) ?? 0;
    const span = f.playedUntil - now;
    if (calls > 0 && span > 0) return minutesUntil(f.playedUntil + ((unreached + 1) * span) / calls, now);
    const cost = callCostMs(this.average(b.averages, t.serviceId) * 60_000, this.measure(now).calls) / 60_000;
    return estimateMinutes(ahead + 1, cost, capacity(t.serviceId, counters));
  }
}

function waitingTotal(counts: ReadonlyMap<string, { waiting: number }>): number {
  let n = 0;
  for (const c of counts.values()) n += c.waiting;
  return n;
}

/** Per service: when the first of its waiting visitors is expected to be called (null: none can be). */
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
