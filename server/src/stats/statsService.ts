import { DomainError, addDays, checkDay, countersNeeded, serviceLevelOf, zonedInstant, type HourDemand } from '../domain/index.js';
import type {
  AppointmentStats,
  CounterTime,
  DailyRow,
  EstimateAccuracy,
  CompareQuery,
  Comparison,
  StaffingAdvice,
  StaffingQuery,
  StaffingRow,
  FeedbackComment,
  FeedbackStats,
  HeatmapCell,
  LiveQuery,
  LiveStats,
  StatsQuery,
  StatsSummary,
  VisitPage,
  VisitsQuery,
} from '../protocol/index.js';
import type { Actor, HallService } from '../services/index.js';
import type { Store } from '../store/index.js';
import type { DailyRollup, StatsRepository } from '../store/index.js';
import { HIDDEN_SLICE, MIN_FINISHED_VISITS, isOpen, ratingSlice, waitBand, type RatingCell } from './feedbackPrivacy.js';
import { NO_VISITS, counterTimes, figures } from './figures.js';
import { NO_LIVE, addLive, liveNumbers, type LiveSums } from './liveSums.js';
import { estimateErrorBy, estimateErrorFigures, type PromisedVisit } from './estimateError.js';
import { resolveScope, type Scope } from './statsScope.js';
import { appointmentFigures } from './appointmentFigures.js';
import { toVisitRow } from './visitRows.js';
import { mondayWeekday } from './visitFold.js';
import { bootstrapMeanDifference } from './bootstrap.js';

/** Resamples of each period's waits for the before/after interval. */
const COMPARE_RESAMPLES = 1000;
/** The staffing day check plays the same days for every answer, so that the advice does not change between reads. */
const STAFFING_CHECK_SEED = 1;

import type { VisitProjector } from './visitProjector.js';
import { heatmapCells } from './heatmap.js';
import { staffingModel } from './staffingModel.js';

const COMMENTS_LIMIT = 200;

/** Statistics for supervisors and admins, from the projections of the event log, within the reader's scope. */
export class StatsService {
  constructor(
    private readonly store: Store,
    private readonly hall: HallService,
    private readonly now: () => number,
    private readonly projector: VisitProjector,
    private readonly rollup: DailyRollup,
    private readonly queries: StatsRepository,
  ) {}

  /** Projects events not yet projected and recomputes the touched days: every answer includes the last commit. */
  refresh(): void {
    this.projector.catchUp();
    this.rollup.refresh();
  }

  summary(actor: Actor, q: StatsQuery): StatsSummary {
    const scope = this.scope(actor, q);
    const config = this.hall.current().config;
    const names = this.names();
    const services = new Map(config.services.map((s) => [s.id, s]));
    const groups = this.queries.groups(scope);
    const group = (by: 'service_id' | 'counter_id' | 'user_id') => [...groups[by].entries()];
    const cells = this.ratingCells(scope);
    return {
      from: scope.from,
      to: scope.to,
      totals: { ...figures(groups.all.get('all') ?? NO_VISITS), ...ratingFigures(cells) },
      byService: group('service_id').map(([id, s]) => ({
        serviceId: String(id),
        organisationId: services.get(String(id))?.organisationId ?? null,
        targetMinutes: services.get(String(id))?.targetMinutes ?? 0,
        ...figures(s),
        ...ratingFigures(cells, (c) => c.serviceId === String(id)),
      })),
      byCounter: group('counter_id').map(([id, s]) => ({ counterId: id === '' ? null : String(id), ...figures(s), ...ratingFigures(null) })),
      byStaff: group('user_id').map(([id, s]) => ({
        userId: id === 0 ? null : Number(id),
        userName: names.get(Number(id)) ?? null,
        ...figures(s),
        ...ratingFigures(null),
      })),
      counters: this.counterTime(scope, names),
    };
  }

  /** Open, serving, paused and idle time per counter and staff member. */
  counters(actor: Actor, q: StatsQuery): CounterTime[] {
    return this.counterTime(this.scope(actor, q), this.names());
  }

  private counterTime(scope: Scope, names: Map<number, string>): CounterTime[] {
    const tz = this.hall.current().timeZone;
    const start = zonedInstant(scope.from, 0, tz);
    const end = Math.min(zonedInstant(addDays(scope.to, 1), 0, tz), this.now());
    const periods = this.queries.periods(addDays(scope.from, -1), scope.to, start, end, scope.counters);
    return counterTimes(periods, this.queries.serving(scope), start, end, names);
  }

  daily(actor: Actor, q: StatsQuery): DailyRow[] {
    const scope = this.scope(actor, q);
    const byDate = this.queries.sums(scope, 'local_date');
    const cells = this.ratingCells(scope);
    const rows: DailyRow[] = [];
    for (let d = scope.from; d <= scope.to; d = addDays(d, 1)) {
      rows.push({ date: d, ...figures(byDate.get(d) ?? NO_VISITS), ...ratingFigures(cells, (c) => c.date === d) });
    }
    return rows;
  }

  heatmap(actor: Actor, q: StatsQuery): HeatmapCell[] {
    if (q.counterId !== undefined || q.userId !== undefined) {
      throw new DomainError('validation_failed', 'The heat map is of arrivals: filter it by organisation or service, not by counter or staff member.');
    }
    const scope = this.scope(actor, q);
    return heatmapCells(scope.from, scope.to, this.queries.hourly(scope));
  }

  /** How well the promised waits held: estimate error overall, per service, hour of issue and day. */
  estimates(actor: Actor, q: StatsQuery): EstimateAccuracy {
    const scope = this.scope(actor, q);
    const rows = this.queries.promised(scope).map((r) => ({
      service: r.service_id,
      date: r.local_date,
      hour: r.hour,
      v: { promisedMs: r.promised_ms, waitMs: r.wait_ms, expired: r.state === 'expired' } satisfies PromisedVisit,
    }));
    const by = <K extends string | number>(key: (r: (typeof rows)[number]) => K) => estimateErrorBy(rows.map((r) => ({ ...r.v, key: key(r) })));
    return {
      from: scope.from,
      to: scope.to,
      totals: estimateErrorFigures(rows.map((r) => r.v)),
      byService: by((r) => r.service).map((g) => ({ serviceId: g.key, ...g.figures })),
      byHour: by((r) => r.hour).map((g) => ({ hour: g.key, ...g.figures })),
      byDay: by((r) => r.date).map((g) => ({ date: g.key, ...g.figures })),
    };
  }

  /** Two periods side by side (A before, B after), with a bootstrap interval on the change in the mean wait. */
  compare(actor: Actor, q: CompareQuery): Comparison {
    const base = { organisationId: q.organisationId, serviceId: q.serviceId };
    const a = this.scope(actor, { ...base, from: q.aFrom, to: q.aTo, format: 'json' });
    const b = this.scope(actor, { ...base, from: q.bFrom, to: q.bTo, format: 'json' });
    const figuresOf = (s: Scope) => figures(this.queries.groups(s).all.get('all') ?? NO_VISITS);
    const d = bootstrapMeanDifference(this.queries.waits(a), this.queries.waits(b), COMPARE_RESAMPLES);
    const round = (x: number | null) => (x === null ? null : Math.round(x));
    return {
      a: { from: a.from, to: a.to, figures: figuresOf(a) },
      b: { from: b.from, to: b.to, figures: figuresOf(b) },
      meanWait: { diffMs: round(d.diff), lowMs: round(d.low), highMs: round(d.high), likelyReal: d.likelyReal, resamples: COMPARE_RESAMPLES },
    };
  }

  /**
   * Staffing advice for one weekday: per service group (organisation) and hour, the counters needed for `share` of
   * visitors called within the target (Erlang C, from the range's mean arrivals and handling times) next to the
   * counters that were open (not paused) serving the group, on average over that weekday's days in the range.
   */
  staffing(actor: Actor, q: StaffingQuery): StaffingAdvice {
    const scope = this.scope(actor, q);
    const hall = this.hall.current();
    const tz = hall.timeZone;
    const days: string[] = [];
    for (let d = scope.from; d <= scope.to; d = addDays(d, 1)) if (mondayWeekday(d) === q.weekday) days.push(d);
    const services = hall.config.services.filter((s) => scope.services === null || scope.services.includes(s.id));
    const sums = this.queries.groups(scope).service_id;
    const handling = new Map(
      services.map((s) => {
        const x = sums.get(s.id);
        const walk = x && x.walk_n > 0 ? x.walk_sum / x.walk_n : 0;
        const visit = x && x.transaction_n > 0 ? x.transaction_sum / x.transaction_n : s.defaultServiceMinutes * 60_000;
        return [s.id, walk + visit];
      }),
    );
    const arrivals = new Map<string, number>(); // `${service}|${hour}` → total in range
    for (const r of this.queries.hourlyByService(scope, q.weekday)) arrivals.set(`${r.service_id}|${r.hour}`, r.arrivals);
    const groups = new Map<string | null, typeof services>();
    for (const s of services) groups.set(s.organisationId ?? null, [...(groups.get(s.organisationId ?? null) ?? []), s]);
    // Counter time per hour: open minus paused, counted for each group the counter's profile serves.
    const openMs = new Map<string, number>(); // `${counter}|${hour}`
    if (days.length > 0) {
      const first = days[0] ?? scope.from;
      const last = days[days.length - 1] ?? scope.to;
      const start = zonedInstant(first, 0, tz);
      const end = Math.min(zonedInstant(addDays(last, 1), 0, tz), this.now());
      const periods = this.queries.periods(addDays(first, -1), last, start, end, scope.counters);
      for (const d of days) {
        for (let h = 0; h < 24; h++) {
          const a = zonedInstant(d, h * 60, tz);
          const b = Math.min(zonedInstant(d, (h + 1) * 60, tz), end);
          if (b <= a) continue;
          for (const p of periods) {
            const ms = Math.max(0, Math.min(p.ended_at ?? end, b) - Math.max(p.started_at, a));
            if (ms === 0) continue;
            const key = `${p.counter_id}|${h}`;
            openMs.set(key, (openMs.get(key) ?? 0) + (p.kind === 'open' ? ms : -ms));
          }
        }
      }
    }
    const samples = new Map(this.queries.staffingSamples(scope).map((x) => [x.service_id, x]));
    const rows: StaffingRow[] = [];
    for (const [group, list] of groups) {
      const ids = new Set(list.map((s) => s.id));
      // A counter serving several groups (the roaming point) counts for each by its profile weights' share there.
      const counters = hall.config.counters
        .map((c) => {
          const total = c.profile.reduce((x, p) => x + p.weight, 0);
          const here = c.profile.reduce((x, p) => x + (ids.has(p.serviceId) ? p.weight : 0), 0);
          return { id: c.id, part: total > 0 ? here / total : 0 };
        })
        .filter((c) => c.part > 0);
      const target = Math.min(...list.map((s) => s.targetMinutes));
      const fit = staffingModel(list.map((s) => samples.get(s.id)));
      const groupRows: StaffingRow[] = [];
      const demand = new Map<number, HourDemand>();
      for (let hour = 0; hour < 24; hour++) {
        const perService = list.map((s) => ({ s, n: days.length > 0 ? (arrivals.get(`${s.id}|${hour}`) ?? 0) / days.length : 0 }));
        const lambda = perService.reduce((a, x) => a + x.n, 0);
        const open = days.length > 0 ? counters.reduce((a, c) => a + c.part * Math.max(0, openMs.get(`${c.id}|${hour}`) ?? 0), 0) / days.length / 3_600_000 : 0;
        if (lambda === 0 && open === 0) continue;
        const handlingMs = lambda > 0 ? perService.reduce((a, x) => a + x.n * (handling.get(x.s.id) ?? 0), 0) / lambda : null;
        const needed = handlingMs === null ? 0 : countersNeeded(lambda, handlingMs, target * 60_000, q.share, 200, fit.model);
        if (lambda > 0) demand.set(hour, { hour, arrivalsPerHour: lambda, handlingMs });
        groupRows.push({
          group,
          hour,
          arrivalsPerHour: Math.round(lambda * 100) / 100,
          handlingMs: handlingMs === null ? null : Math.round(handlingMs),
          targetMinutes: target,
          countersFormula: needed,
          serviceLevelFormula: handlingMs === null ? null : serviceLevelOf(needed, lambda, handlingMs, target * 60_000, fit.model),
          countersNeeded: needed,
          countersOpen: Math.round(open * 100) / 100,
          serviceLevelOpen: handlingMs === null ? null : serviceLevelOf(Math.floor(open + 1e-9), lambda, handlingMs, target * 60_000, fit.model),
          serviceLevelNeeded: null,
          method: fit.model.patienceMs === null ? 'erlangC' : 'erlangA',
          handlingCv: fit.cv === null ? null : Math.round(fit.cv * 1000) / 1000,
          patienceMs: fit.model.patienceMs === null ? null : Math.round(fit.model.patienceMs),
        });
      }
      // The day check: the hours from the first to the last with arrivals, in order, played with the formula's counters.
      const hoursWith = [...demand.keys()];
      if (hoursWith.length > 0) {
        const first = Math.min(...hoursWith);
        const span: HourDemand[] = [];
        for (let h = first; h <= Math.max(...hoursWith); h++) span.push(demand.get(h) ?? { hour: h, arrivalsPerHour: 0, handlingMs: null });
        const formula = span.map((d) => groupRows.find((r) => r.hour === d.hour)?.countersFormula ?? 0);
        const checked = checkDay(span, formula, fit.model, target * 60_000, q.share, STAFFING_CHECK_SEED);
        for (const r of groupRows) {
          const i = r.hour - first;
          if (i < 0 || i >= span.length) continue;
          r.countersNeeded = checked.counters[i] ?? r.countersNeeded;
          const level = checked.levels[i];
          r.serviceLevelNeeded = level === null || level === undefined ? null : Math.round(level * 10_000) / 10_000;
        }
      }
      rows.push(...groupRows);
    }
    return { from: scope.from, to: scope.to, weekday: q.weekday, share: q.share, days: days.length, rows };
  }

  visits(actor: Actor, q: VisitsQuery): VisitPage {
    const scope = this.scope(actor, q);
    const total = this.total(scope).visits;
    const rows = this.queries.visits(scope, q.pageSize, (q.page - 1) * q.pageSize);
    return { page: q.page, pageSize: q.pageSize, total, visits: rows.map((r) => toVisitRow(r.visit, r.legs)) };
  }

  live(actor: Actor, q: LiveQuery): LiveStats {
    const now = this.now();
    const today = this.hall.current().today(now);
    this.projector.catchUp();
    const scope = resolveScope(this.hall.current().config, actor, { ...q, from: today, to: today }, today, (id) => this.userOrg(id));
    const rows = this.queries.today(today, scope.services, now);
    const counters = this.queries.countersNow(scope.counters);
    return {
      date: today,
      now,
      ...liveNumbers(rows.reduce<LiveSums>((a, r) => addLive(a, r), NO_LIVE), now),
      countersOpen: counters.open,
      countersPaused: counters.paused,
      byService: rows.map((r) => {
        const n = liveNumbers(r, now);
        return { serviceId: r.service_id, tickets: n.tickets, waitingNow: n.waitingNow, meanWaitMs: n.meanWaitMs, serviceLevel: n.serviceLevel, longestWaitMs: n.longestWaitMs };
      }),
    };
  }

  /**
   * Ratings and anonymous comments (see feedbackPrivacy.ts): only service-days with enough finished visits count,
   * never broken down by counter or staff member.
   */
  feedback(actor: Actor, q: StatsQuery): FeedbackStats {
    const scope = this.scope(actor, q);
    const base = { from: scope.from, to: scope.to, minFinishedVisits: MIN_FINISHED_VISITS };
    if (scope.counterId !== undefined || scope.userId !== undefined) {
      return { ...base, ...HIDDEN_SLICE, notByCounterOrStaff: true, byService: [], comments: [] };
    }
    const cells = this.queries.ratingCells(scope);
    const open = new Set(cells.filter(isOpen).map((c) => `${c.date}|${c.serviceId}`));
    const order = new Map(this.hall.current().config.services.map((s, i) => [s.id, i]));
    const rated = [...new Set(cells.filter((c) => isOpen(c) && c.ratings > 0).map((c) => c.serviceId))];
    const rows = this.queries.comments(scope, COMMENTS_LIMIT, (c) => open.has(`${c.local_date}|${c.service_id}`));
    const bands = rows.length > 0 ? this.queries.doneBands({ ...scope, from: rows.at(-1)?.local_date ?? scope.from }) : new Map<string, number>();
    const comments: FeedbackComment[] = rows.map((c) => {
      const shared = c.band === null ? 0 : (bands.get(`${c.local_date}|${c.service_id}|${c.band}`) ?? 0);
      return {
        date: c.local_date,
        rating: c.rating,
        comment: c.comment,
        serviceId: c.service_id,
        waitBand: c.band !== null && shared >= MIN_FINISHED_VISITS ? waitBand(c.band) : null,
      };
    });
    // Within a day, an order that says nothing of when each was written: service, band, rating, text.
    comments.sort((a, b) =>
      b.date.localeCompare(a.date) ||
      (order.get(a.serviceId) ?? 999) - (order.get(b.serviceId) ?? 999) || a.serviceId.localeCompare(b.serviceId) ||
      (a.waitBand?.fromMinutes ?? -1) - (b.waitBand?.fromMinutes ?? -1) || a.rating - b.rating || a.comment.localeCompare(b.comment));
    return {
      ...base,
      ...ratingSlice(cells),
      notByCounterOrStaff: false,
      byService: rated.sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || a.localeCompare(b))
        .map((serviceId) => ({ serviceId, ...ratingSlice(cells, (c) => c.serviceId === serviceId) })),
      comments,
    };
  }

  /** The ratings per service-day of the scope, or null when it names a counter or staff member (never shown). */
  private ratingCells(scope: Scope): RatingCell[] | null {
    return scope.counterId !== undefined || scope.userId !== undefined ? null : this.queries.ratingCells(scope);
  }

  /** Appointment figures over the bookings whose slot is on a date of the range, per service and in total. */
  appointments(actor: Actor, q: StatsQuery): AppointmentStats {
    const scope = this.scope(actor, q);
    const rows = this.store.appointments.figureRows(scope.from, scope.to).filter((r) => scope.services === null || scope.services.includes(r.serviceId));
    const order = new Map(this.hall.current().config.services.map((s, i) => [s.id, i]));
    const ids = [...new Set(rows.map((r) => r.serviceId))].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999));
    return {
      from: scope.from,
      to: scope.to,
      totals: appointmentFigures(rows),
      byService: ids.map((serviceId) => ({ serviceId, ...appointmentFigures(rows.filter((r) => r.serviceId === serviceId)) })),
    };
  }

  private scope(actor: Actor, q: StatsQuery | VisitsQuery | StaffingQuery): Scope {
    const scope = resolveScope(this.hall.current().config, actor, q, this.hall.current().today(this.now()), (id) => this.userOrg(id));
    this.refresh();
    return scope;
  }

  private total(scope: Scope) {
    return this.queries.sums(scope, 'all').get('all') ?? NO_VISITS;
  }

  private userOrg(id: number): string | null | undefined {
    const u = this.store.users.byId(id);
    return u === undefined ? undefined : u.organisationId;
  }

  private names(): Map<number, string> {
    return new Map(this.store.users.all().map((u) => [u.id, u.displayName]));
  }
}

/** The rating figures of a group: from the open service-days `pick` selects; hidden for counters and staff (null). */
function ratingFigures(cells: readonly RatingCell[] | null, pick?: (c: RatingCell) => boolean): { ratings: number | null; meanRating: number | null } {
  const { ratings, meanRating } = cells === null ? HIDDEN_SLICE : ratingSlice(cells, pick);
  return { ratings, meanRating };
}
