import { DomainError, addDays, localDate } from '../domain/index.js';
import type { CentralDailyRow, CentralFeedback, CentralHeatmapCell, CentralStatsQuery, CentralSummary, FeedbackSlice, UserView } from '../protocol/index.js';
import { NO_VISITS, figures } from '../stats/figures.js';
import { daysBetween } from '../stats/statsScope.js';
import type { DailySums } from '../stats/statsQueries.js';
import type { CentralProjector } from './centralProjector.js';
import type { CentralDb } from './store/centralDb.js';
import { CentralStatsQueries, type CentralSlice, type CentralSums } from './store/centralStatsQueries.js';
import { HallRegistry } from './store/hallRegistry.js';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 400;
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
    db: CentralDb,
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
      totals: figures(totals),
      byHall: sorted(byHall).map(([hallId, s]) => ({ hallId, hallName: names.get(hallId) ?? hallId, ...figures(s) })),
      byService: sorted(byService).map(([serviceId, s]) => ({ serviceId, organisationId: orgOf.get(serviceId) ?? null, ...figures(s) })),
      byHallService: sorted(byCell).map(([key, s]) => {
        const [hallId = '', serviceId = ''] = key.split('\u0000');
        return { hallId, serviceId, organisationId: orgOf.get(`${hallId}\u0000${serviceId}`) ?? null, ...figures(s) };
      }),
    };
  }

  async daily(user: UserView, q: CentralStatsQuery): Promise<CentralDailyRow[]> {
    const slice = await this.slice(user, q);
    const { daily, legs } = await this.queries.byDate(slice);
    const byDate = new Map<string, CentralSums>();
    for (const d of daily) byDate.set(d.local_date, add(byDate.get(d.local_date) ?? { ...NO_VISITS }, d));
    for (const l of legs) byDate.set(l.local_date, add(byDate.get(l.local_date) ?? { ...NO_VISITS }, { legs: l.legs, legs_called: l.legs_called, leg_wait_sum: l.leg_wait_sum }));
    const rows: CentralDailyRow[] = [];
    for (let d = slice.from; d <= slice.to; d = addDays(d, 1)) rows.push({ date: d, ...figures(byDate.get(d) ?? NO_VISITS) });
    return rows;
  }

  async heatmap(user: UserView, q: CentralStatsQuery): Promise<CentralHeatmapCell[]> {
    const slice = await this.slice(user, q);
    const days = [0, 0, 0, 0, 0, 0, 0];
    for (let d = slice.from; d <= slice.to; d = addDays(d, 1)) {
      const [y, m, dd] = d.split('-').map(Number);
      const wd = (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, dd ?? 1)).getUTCDay() + 6) % 7;
      days[wd] = (days[wd] ?? 0) + 1;
    }
    const cells = new Map((await this.queries.hourly(slice)).map((r) => [r.weekday * 24 + r.hour, r]));
    const out: CentralHeatmapCell[] = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const c = cells.get(weekday * 24 + hour);
        const n = days[weekday] ?? 0;
        const arrivals = c?.arrivals ?? 0;
        out.push({
          weekday,
          hour,
          arrivals,
          meanArrivals: n > 0 ? Math.round((arrivals / n) * 100) / 100 : 0,
          meanWaitMs: c && c.called > 0 ? Math.round(c.wait_sum / c.called) : null,
        });
      }
    }
    return out;
  }

  async feedback(user: UserView, q: CentralStatsQuery): Promise<CentralFeedback> {
    const slice = await this.slice(user, q);
    const { daily } = await this.queries.cells(slice);
    const names = await this.hallNames();
    const totals = { ...NO_VISITS };
    const byHall = new Map<string, CentralSums>();
    for (const c of daily) {
      add(totals, c);
      byHall.set(c.hall_id, add(byHall.get(c.hall_id) ?? { ...NO_VISITS }, c));
    }
    return {
      from: slice.from,
      to: slice.to,
      ...feedbackSlice(totals),
      byHall: [...byHall].filter(([, s]) => s.ratings > 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([hallId, s]) => ({ hallId, hallName: names.get(hallId) ?? hallId, ...feedbackSlice(s) })),
    };
  }

  /** Folds whatever was shipped, recomputes touched days, and resolves the reader's scope. */
  private async slice(user: UserView, q: CentralStatsQuery): Promise<CentralSlice> {
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
    const today = localDate(this.now(), this.timeZone);
    const to = q.to ?? (q.from !== undefined && q.from > today ? q.from : today);
    const from = q.from ?? addDays(to, 1 - DEFAULT_DAYS);
    if (from > to) throw new DomainError('validation_failed', '"from" must not be after "to".');
    if (daysBetween(from, to) + 1 > MAX_DAYS) throw new DomainError('validation_failed', `A range covers at most ${MAX_DAYS} days.`);
    await this.projector.catchUpAll();
    await this.projector.refreshRollups();
    return { from, to, hallId: q.hallId ?? null, organisationId: q.organisationId ?? own, serviceId: q.serviceId ?? null };
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

function feedbackSlice(s: DailySums): FeedbackSlice {
  return {
    ratings: s.ratings,
    meanRating: s.ratings > 0 ? Math.round((s.rating_sum / s.ratings) * 100) / 100 : null,
    distribution: [s.r1, s.r2, s.r3, s.r4, s.r5],
  };
}
