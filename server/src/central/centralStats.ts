import { DomainError, addDays, localDate, zonedInstant } from '../domain/index.js';
import type { CentralCounterTime, CentralDailyRow, CentralHallLive, CentralLive, CentralLiveQuery, CentralFeedback, CentralHeatmapCell, CentralStatsQuery, CentralSummary, UserView } from '../protocol/index.js';
import { MIN_FINISHED_VISITS, ratingSlice, type RatingCell } from '../stats/feedbackPrivacy.js';
import { NO_VISITS, counterTimes, figures } from '../stats/figures.js';
import { NO_LIVE, addLive, liveNumbers, type LiveSums } from '../stats/liveSums.js';
import { daysBetween } from '../stats/statsScope.js';
import type { CentralProjector } from './centralProjector.js';
import type { CentralDb } from './store/centralDb.js';
import { CentralCounterStore } from './store/counterStore.js';
import { CentralStatsQueries, type CentralSlice, type CentralSums } from './store/centralStatsQueries.js';
import { HallRegistry } from './store/hallRegistry.js';
import { heatmapCells } from '../stats/heatmap.js';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 400;
/** A hall not heard from for this long (four heartbeats) is shown as stale. */
const STALE_MS = 120_000;
/** Central keeps no staff names: counter time names staff members by their hall's user id. */
const NO_NAMES: ReadonlyMap<number, string> = new Map();
const SUM_KEYS = Object.keys(NO_VISITS) as (keyof CentralSums)[];

function add(into: CentralSums, more: Partial<CentralSums>): CentralSums {
  for (const k of SUM_KEYS) {
    const v = more[k];
    if (v !== undefined) into[k] = k === 'wait_max' ? Math.max(into[k], v) : into[k] + v;
  }
  return into;
}

/**
 * Statistics across halls from the central roll-ups, with the hall's figure definitions (stats/figures.ts) and the
 * hall's scoping rule: a supervisor of an organisation sees that organisation's services, in every hall, and
 * nothing else. Every answer first folds what was shipped, so it includes every batch acknowledged before it.
 */
export class CentralStats {
  private readonly queries: CentralStatsQueries;
  private readonly halls: HallRegistry;

  constructor(
    private readonly db: CentralDb,
    private readonly projector: CentralProjector,
    private readonly now: () => number,
    private readonly timeZone: string,
  ) {
    this.queries = new CentralStatsQueries(db);
    this.halls = new HallRegistry(db);
  }

  async summary(user: UserView, q: CentralStatsQuery): Promise<CentralSummary> {
    const slice = await this.slice(user, q);
    const { daily, legs } = await this.queries.cells(slice);
    const cells = await this.queries.ratingCells(slice);
    // Rating cells per group, once (a year of 200 halls is ~500,000 service-days).
    const cellsOf = {
      hall: groupBy(cells, (c) => c.hallId),
      service: groupBy(cells, (c) => c.serviceId),
      cell: groupBy(cells, (c) => `${c.hallId}\u0000${c.serviceId}`),
    };
    const names = await this.hallNames();
    const orgOf = await this.serviceOrganisations();
    const totals = { ...NO_VISITS };
    const byHall = new Map<string, CentralSums>();
    const byService = new Map<string, CentralSums>();
    const byCell = new Map<string, CentralSums>();
    const put = (hall: string, service: string, sums: Partial<CentralSums>) => {
      add(totals, sums);
      byHall.set(hall, add(byHall.get(hall) ?? { ...NO_VISITS }, sums));
      byService.set(service, add(byService.get(service) ?? { ...NO_VISITS }, sums));
      const key = `${hall}\u0000${service}`;
      byCell.set(key, add(byCell.get(key) ?? { ...NO_VISITS }, sums));
    };
    for (const c of daily) put(c.hall_id, c.service_id, c);
    for (const l of legs) put(l.hall_id, l.service_id, { legs: l.legs, legs_called: l.legs_called, leg_wait_sum: l.leg_wait_sum });
    const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      from: slice.from,
      to: slice.to,
      totals: { ...figures(totals), ...ratingFigures(cells) },
      byHall: sorted(byHall).map(([hallId, s]) => ({ hallId, hallName: names.get(hallId) ?? hallId, ...figures(s), ...ratingFigures(cellsOf.hall.get(hallId)) })),
      byService: sorted(byService).map(([serviceId, s]) => ({
        serviceId,
        organisationId: orgOf.get(serviceId) ?? null,
        ...figures(s),
        ...ratingFigures(cellsOf.service.get(serviceId)),
      })),
      byHallService: sorted(byCell).map(([key, s]) => {
        const [hallId = '', serviceId = ''] = key.split('\u0000');
        return {
          hallId,
          serviceId,
          organisationId: orgOf.get(`${hallId}\u0000${serviceId}`) ?? null,
          ...figures(s),
          ...ratingFigures(cellsOf.cell.get(key)),
        };
      }),
    };
  }

  async daily(user: UserView, q: CentralStatsQuery): Promise<CentralDailyRow[]> {
    const slice = await this.slice(user, q);
    const { daily, legs } = await this.queries.byDate(slice);
    const cells = await this.queries.ratingCells(slice, 'date');
    const byDate = new Map<string, CentralSums>();
    for (const d of daily) byDate.set(d.local_date, add(byDate.get(d.local_date) ?? { ...NO_VISITS }, d));
    for (const l of legs) byDate.set(l.local_date, add(byDate.get(l.local_date) ?? { ...NO_VISITS }, { legs: l.legs, legs_called: l.legs_called, leg_wait_sum: l.leg_wait_sum }));
    const rows: CentralDailyRow[] = [];
    const cellsOfDate = groupBy(cells, (c) => c.date);
    for (let d = slice.from; d <= slice.to; d = addDays(d, 1)) rows.push({ date: d, ...figures(byDate.get(d) ?? NO_VISITS), ...ratingFigures(cellsOfDate.get(d)) });
    return rows;
  }

  async heatmap(user: UserView, q: CentralStatsQuery): Promise<CentralHeatmapCell[]> {
    const slice = await this.slice(user, q);
    return heatmapCells(slice.from, slice.to, await this.queries.hourly(slice));
  }

  /** Ratings as a hall shows them (stats/feedbackPrivacy.ts): only from service-days with enough finished visits. */
  async feedback(user: UserView, q: CentralStatsQuery): Promise<CentralFeedback> {
    const slice = await this.slice(user, q);
    const cells = await this.queries.ratingCells(slice);
    const names = await this.hallNames();
    const cellsOfHall = groupBy(cells, (c) => c.hallId);
    const halls = [...cellsOfHall.keys()].sort();
    return {
      from: slice.from,
      to: slice.to,
      ...ratingSlice(cells),
      minFinishedVisits: MIN_FINISHED_VISITS,
      byHall: halls
        .map((hallId) => ({ hallId, hallName: names.get(hallId) ?? hallId, ...ratingSlice(cellsOfHall.get(hallId) ?? []) }))
        .filter((h) => (h.ratings ?? 0) > 0),
    };
  }

  /**
   * Today so far in every hall (each at its own local date), with the hall's live definitions (stats/liveSums.ts),
   * and when central last heard from it.
   */
  async live(user: UserView, q: CentralLiveQuery): Promise<CentralLive> {
    const org = await this.organisationOf(user, q);
    await this.projector.catchUpAll();
    await this.projector.refreshRollups();
    const now = this.now();
    const halls = (await this.halls.all()).filter((h) => q.hallId === undefined || h.id === q.hallId);
    const days = halls.map((h) => ({ hallId: h.id, date: localDate(now, h.timeZone ?? this.timeZone) }));
    const counters = await this.scopedCounters(org, q.serviceId ?? null);
    const [rows, open, lastEvents] = await Promise.all([
      this.queries.live(days, org, q.serviceId ?? null, now),
      new CentralCounterStore(this.db).now(halls.map((h) => ({ hallId: h.id, counters: counters(h.id) }))),
      this.halls.lastEventTimes(),
    ]);
    const sums = new Map<string, LiveSums>();
    for (const r of rows) sums.set(r.hall_id, addLive(sums.get(r.hall_id) ?? NO_LIVE, r));
    let total = NO_LIVE;
    let totalOpen = 0;
    let totalPaused = 0;
    const byHall: CentralHallLive[] = halls.map((h, i) => {
      const s = sums.get(h.id) ?? NO_LIVE;
      const c = open.get(h.id) ?? { open: 0, paused: 0 };
      total = addLive(total, s);
      totalOpen += c.open;
      totalPaused += c.paused;
      return {
        hallId: h.id,
        hallName: h.name,
        date: days[i]?.date ?? '',
        ...liveNumbers(s, now),
        countersOpen: c.open,
        countersPaused: c.paused,
        lastContactAt: h.lastContactAt,
        lastEventAt: lastEvents.get(h.id) ?? null,
        contact: h.lastContactAt === null ? 'never' : now - h.lastContactAt > STALE_MS ? 'stale' : 'live',
      };
    });
    return { now, totals: { ...liveNumbers(total, now), countersOpen: totalOpen, countersPaused: totalPaused }, byHall };
  }

  /** Open, serving, paused and idle time per hall, counter and staff member, with the hall's rule (stats/figures.ts). */
  async counters(user: UserView, q: CentralStatsQuery): Promise<CentralCounterTime[]> {
    const slice = await this.slice(user, q);
    const now = this.now();
    const counters = await this.scopedCounters(slice.organisationId, slice.serviceId);
    const serving = new Map<string, Map<string, number>>();
    for (const r of await this.queries.serving(slice)) {
      const m = serving.get(r.hall_id) ?? new Map<string, number>();
      m.set(`${r.counter_id}|${r.user_id}`, r.ms);
      serving.set(r.hall_id, m);
    }
    const halls = (await this.halls.all())
      .filter((h) => slice.hallId === null || h.id === slice.hallId)
      .map((h) => {
        const tz = h.timeZone ?? this.timeZone;
        const end = zonedInstant(addDays(slice.to, 1), 0, tz);
        // Whole days come from the daily roll-up, dated in the hall's zone (none for a hall that never sent it).
        const rolledTo = h.timeZone === null ? '' : end <= now ? slice.to : addDays(localDate(now, tz), -1);
        return { hallId: h.id, start: zonedInstant(slice.from, 0, tz), end: Math.min(end, now), counters: counters(h.id), rolledTo };
      });
    const periods = groupBy(await new CentralCounterStore(this.db).totals(halls, slice.from, slice.to), (p) => p.hall_id);
    const out: CentralCounterTime[] = [];
    for (const h of halls) {
      for (const c of counterTimes(periods.get(h.hallId) ?? [], serving.get(h.hallId) ?? new Map(), h.start, h.end, NO_NAMES)) out.push({ hallId: h.hallId, ...c });
    }
    return out;
  }

  /**
   * The counters of each hall a reader sees, as the hall decides it: those serving one of the reader's services
   * (null: every counter). A hall that has not reported its counters shows none to an organisation's supervisor.
   */
  private async scopedCounters(organisationId: string | null, serviceId: string | null): Promise<(hallId: string) => string[] | null> {
    if (organisationId === null && serviceId === null) return () => null;
    const services = new Map<string, Set<string>>();
    for (const r of await this.halls.allServices()) {
      if ((organisationId !== null && r.organisation_id !== organisationId) || (serviceId !== null && r.service_id !== serviceId)) continue;
      services.set(r.hall_id, (services.get(r.hall_id) ?? new Set()).add(r.service_id));
    }
    const profiles = await this.halls.counterProfiles();
    return (hallId) => {
      const mine = services.get(hallId) ?? new Set<string>();
      return (profiles.get(hallId) ?? []).filter((c) => c.serviceIds.some((s) => mine.has(s))).map((c) => c.id);
    };
  }

  /** The organisation the reader's figures are limited to (null: all); refuses another organisation's. */
  private async organisationOf(user: UserView, q: { organisationId?: string | undefined; serviceId?: string | undefined }): Promise<string | null> {
    const own = user.role === 'supervisor' ? user.organisationId : null;
    if (q.organisationId !== undefined && own !== null && q.organisationId !== own) {
      throw new DomainError('forbidden', `Your statistics cover your own organisation only; the organisation "${q.organisationId}" is another.`);
    }
    if (q.serviceId !== undefined && own !== null) {
      const orgs = await this.queries.serviceOrganisations(q.serviceId);
      if (orgs.length > 0 && !orgs.includes(own)) {
        throw new DomainError('forbidden', `Your statistics cover your own organisation only; the service "${q.serviceId}" belongs to another.`);
      }
    }
    return q.organisationId ?? own;
  }

  /** Folds whatever was shipped, recomputes touched days, and resolves the reader's scope. */
  private async slice(user: UserView, q: CentralStatsQuery): Promise<CentralSlice> {
    const org = await this.organisationOf(user, q);
    const today = localDate(this.now(), this.timeZone);
    const to = q.to ?? (q.from !== undefined && q.from > today ? q.from : today);
    const from = q.from ?? addDays(to, 1 - DEFAULT_DAYS);
    if (from > to) throw new DomainError('validation_failed', '"from" must not be after "to".');
    if (daysBetween(from, to) + 1 > MAX_DAYS) throw new DomainError('validation_failed', `A range covers at most ${MAX_DAYS} days.`);
    await this.projector.catchUpAll();
    await this.projector.refreshRollups();
    return { from, to, hallId: q.hallId ?? null, organisationId: org, serviceId: q.serviceId ?? null };
  }

  private async hallNames(): Promise<Map<string, string>> {
    return new Map((await this.halls.all()).map((h) => [h.id, h.name]));
  }

  /** Organisation per service id, and per "hall\0service". */
  private async serviceOrganisations(): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    for (const r of await this.halls.allServices()) {
      out.set(`${r.hall_id}\u0000${r.service_id}`, r.organisation_id);
      if (!out.has(r.service_id)) out.set(r.service_id, r.organisation_id);
    }
    return out;
  }
}

/** A group's rating figures from the open service-days of each hall that `pick` selects. */
function ratingFigures<C extends RatingCell>(cells: readonly C[] = []): { ratings: number | null; meanRating: number | null } {
  const { ratings, meanRating } = ratingSlice(cells);
  return { ratings, meanRating };
}

function groupBy<C>(items: readonly C[], key: (c: C) => string): Map<string, C[]> {
  const out = new Map<string, C[]>();
  for (const c of items) {
    const k = key(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}
