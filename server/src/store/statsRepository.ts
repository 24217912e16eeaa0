import { addDays } from '../domain/index.js';
import type { Db } from './database.js';
import { NO_VISITS, type FigureSums, type PeriodRow } from '../stats/figures.js';
import type { RatingCell } from '../stats/feedbackPrivacy.js';
import type { LiveSums } from '../stats/liveSums.js';
import type { LegRecord, VisitRecord } from '../stats/visitFold.js';
import { DAILY_SUMS, LEG_SUMS, OPEN_NOW, PAUSED_NOW, bandSql, liveSums, selectSums } from './statsSql.js';

/** Which visits a query covers: a date range, the services the reader may see, optionally a counter and a staff member. */
export interface Slice {
  from: string;
  to: string;
  /** null: every service, including ones no longer configured. */
  services: readonly string[] | null;
  counterId?: string | undefined;
  userId?: number | undefined;
}

interface Params {
  from: string;
  to: string;
  services: string | null;
  counter: string | null;
  user: number | null;
}

const SERVICES = '(@services IS NULL OR service_id IN (SELECT value FROM json_each(@services)))';
const WHERE = `local_date BETWEEN @from AND @to AND ${SERVICES}
  AND (@counter IS NULL OR counter_id = @counter) AND (@user IS NULL OR user_id = @user)`;

const HANDLED = "state = 'done' AND walk_ms IS NOT NULL AND transaction_ms IS NOT NULL";

/**
 * One service's samples for the staffing model: finished visits' handling time (walk-up + transaction, seconds) as
 * count, sum and sum of squares; visitors who cancelled before being called, and the waiting time of all visitors
 * at risk of leaving (called: until the first call; left: until they cancelled), in seconds.
 */
export interface StaffingSamples {
  service_id: string;
  handled: number;
  handling_s: number;
  handling_s2: number;
  left_uncalled: number;
  exposure_s: number;
}

export type DailySums = Omit<FigureSums, 'legs' | 'legs_called' | 'leg_wait_sum'> & { r1: number; r2: number; r3: number; r4: number; r5: number };
type LegSums = Pick<FigureSums, 'legs' | 'legs_called' | 'leg_wait_sum'>;
export interface CommentRow {
  local_date: string;
  rating: number;
  comment: string;
  service_id: string;
  band: number | null;
}
type DayParams = Pick<Params, 'from' | 'to' | 'services'>;

const RATING_SUMS = `coalesce(sum(r1), 0) AS r1, coalesce(sum(r2), 0) AS r2, coalesce(sum(r3), 0) AS r3,
  coalesce(sum(r4), 0) AS r4, coalesce(sum(r5), 0) AS r5`;

/** The statistics repository: read-only SQL over the roll-ups and projections. Every statement is prepared once. */
export class StatsRepository {
  private readonly s;

  constructor(db: Db) {
    const daily = (group: string) =>
      db.prepare<Params, DailySums & { key: string | number }>(
        `SELECT ${group} AS key, ${DAILY_SUMS}, ${RATING_SUMS} FROM stats_daily WHERE ${WHERE} GROUP BY ${group} ORDER BY ${group}`,
      );
    const legs = (group: string) =>
      db.prepare<Params, LegSums & { key: string | number }>(
        `SELECT ${group} AS key, ${LEG_SUMS} FROM stats_legs_daily WHERE ${WHERE} GROUP BY ${group}`,
      );
    this.s = {
      daily: { all: daily("'all'"), local_date: daily('local_date') },
      legs: { all: legs("'all'"), local_date: legs('local_date') },
      cube: db.prepare<Params, DailySums & Cell>(
        `SELECT service_id, counter_id, user_id, ${DAILY_SUMS}, ${RATING_SUMS} FROM stats_daily WHERE ${WHERE}
          GROUP BY service_id, counter_id, user_id`,
      ),
      legCube: db.prepare<Params, LegSums & Cell>(
        `SELECT service_id, counter_id, user_id, ${LEG_SUMS} FROM stats_legs_daily WHERE ${WHERE} GROUP BY service_id, counter_id, user_id`,
      ),
      serving: db.prepare<Params, { counter_id: string; user_id: number; ms: number }>(
        `SELECT counter_id, user_id, sum(serving_ms) AS ms FROM stats_legs_daily WHERE ${WHERE} GROUP BY counter_id, user_id`,
      ),
      hourly: db.prepare<Params, { weekday: number; hour: number; arrivals: number; called: number; wait_sum: number }>(
        `SELECT weekday, hour, sum(arrivals) AS arrivals, sum(called) AS called, sum(wait_sum) AS wait_sum FROM stats_hourly
          WHERE local_date BETWEEN @from AND @to AND ${SERVICES}
          GROUP BY weekday, hour ORDER BY weekday, hour`,
      ),
      hourlyByService: db.prepare<Params & { weekday: number }, { service_id: string; hour: number; arrivals: number }>(
        `SELECT service_id, hour, sum(arrivals) AS arrivals FROM stats_hourly
          WHERE local_date BETWEEN @from AND @to AND weekday = @weekday AND ${SERVICES}
          GROUP BY service_id, hour`,
      ),
      staffingSamples: db.prepare<Params, StaffingSamples>(
        `SELECT service_id,
            count(CASE WHEN ${HANDLED} THEN 1 END) AS handled,
            coalesce(sum(CASE WHEN ${HANDLED} THEN (walk_ms + transaction_ms) / 1000.0 END), 0) AS handling_s,
            coalesce(sum(CASE WHEN ${HANDLED} THEN ((walk_ms + transaction_ms) / 1000.0) * ((walk_ms + transaction_ms) / 1000.0) END), 0) AS handling_s2,
            count(CASE WHEN state = 'cancelled' AND first_called_at IS NULL THEN 1 END) AS left_uncalled,
            coalesce(sum(CASE WHEN first_called_at IS NOT NULL THEN wait_ms / 1000.0
                              WHEN state = 'cancelled' THEN (finished_at - issued_at) / 1000.0 END), 0) AS exposure_s
           FROM visits WHERE ${WHERE} GROUP BY service_id`,
      ),
      periods: db.prepare<{ fromDay: string; to: string; start: number; end: number; counters: string | null }, PeriodRow>(
        `SELECT counter_id, user_id, kind, reason, started_at, ended_at FROM counter_periods
          WHERE local_date BETWEEN @fromDay AND @to AND started_at < @end AND coalesce(ended_at, @end) > @start
            AND (@counters IS NULL OR counter_id IN (SELECT value FROM json_each(@counters)))`,
      ),
      visits: db.prepare<Params & { limit: number; offset: number }, VisitRecord>(
        `SELECT * FROM visits WHERE ${WHERE} ORDER BY local_date, ticket_id LIMIT @limit OFFSET @offset`,
      ),
      promised: db.prepare<Params, { service_id: string; local_date: string; hour: number; promised_ms: number; wait_ms: number | null; state: string }>(
        `SELECT service_id, local_date, hour, promised_ms, wait_ms, state FROM visits WHERE ${WHERE} AND promised_ms IS NOT NULL`,
      ),
      waits: db.prepare<Params, { wait_ms: number }>(`SELECT wait_ms FROM visits WHERE ${WHERE} AND wait_ms IS NOT NULL`),
      legsOf: db.prepare<[string], LegRecord>(
        'SELECT * FROM visit_legs WHERE ticket_id IN (SELECT value FROM json_each(?)) ORDER BY ticket_id, leg',
      ),
      // Feedback is never narrowed by counter or staff member (see feedbackPrivacy.ts): these take days and services only.
      ratingCells: db.prepare<DayParams, Omit<RatingCell, 'distribution'> & { r1: number; r2: number; r3: number; r4: number; r5: number }>(
        `SELECT local_date AS date, service_id AS serviceId, coalesce(sum(done), 0) AS done, coalesce(sum(ratings), 0) AS ratings,
            coalesce(sum(rating_sum), 0) AS ratingSum, ${RATING_SUMS}
           FROM stats_daily WHERE local_date BETWEEN @from AND @to AND ${SERVICES}
          GROUP BY local_date, service_id`,
      ),
      comments: db.prepare<DayParams, CommentRow>(
        `SELECT local_date, rating, comment, service_id, ${bandSql('wait_ms')} AS band FROM visits
          WHERE comment IS NOT NULL AND local_date = @to AND ${SERVICES}`,
      ),
      doneBands: db.prepare<DayParams, { local_date: string; service_id: string; band: number; n: number }>(
        `SELECT local_date, service_id, ${bandSql('wait_ms')} AS band, count(*) AS n FROM visits
          WHERE local_date BETWEEN @from AND @to AND state = 'done' AND wait_ms IS NOT NULL AND ${SERVICES}
          GROUP BY local_date, service_id, band`,
      ),
      today: db.prepare<{ date: string; services: string | null; now: number }, LiveSums & { service_id: string }>(
        `SELECT service_id, ${selectSums(liveSums('@now'))} FROM visits WHERE local_date = @date AND ${SERVICES}
          GROUP BY service_id ORDER BY service_id`,
      ),
      countersNow: db.prepare<{ counters: string | null }, { open: number; paused: number }>(
        `SELECT count(DISTINCT CASE WHEN ${OPEN_NOW} THEN counter_id END) AS open, count(DISTINCT CASE WHEN ${PAUSED_NOW} THEN counter_id END) AS paused
           FROM counter_periods WHERE ended_at IS NULL AND (@counters IS NULL OR counter_id IN (SELECT value FROM json_each(@counters)))`,
      ),
    };
  }

  /** Sums of the whole slice, or per date. */
  sums(slice: Slice, by: 'all' | 'local_date'): Map<string | number, FigureSums & DailySums> {
    const p = params(slice);
    const legs = new Map(this.s.legs[by].all(p).map((r) => [r.key, r]));
    const out = new Map<string | number, FigureSums & DailySums>(
      this.s.daily[by].all(p).map((r) => [r.key, { ...r, legs: 0, legs_called: 0, leg_wait_sum: 0, ...pickLegs(legs.get(r.key)) }]),
    );
    // A leg's service, counter or staff member may have no visit ending there (the first leg of a transfer).
    for (const [key, l] of legs) if (!out.has(key)) out.set(key, { ...NO_VISITS, ...pickLegs(l), legs: l.legs });
    return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Totals and the groupings by service, counter and staff member from one pass over the roll-ups: the slice is
   * first summed per service × counter × staff member (a few hundred cells), then folded in memory.
   */
  groups(slice: Slice): Groups {
    const p = params(slice);
    const g: Groups = { all: new Map(), service_id: new Map(), counter_id: new Map(), user_id: new Map() };
    const add = (cell: Cell, sums: Partial<FigureSums & DailySums>) => {
      for (const [by, key] of [['all', 'all'], ['service_id', cell.service_id], ['counter_id', cell.counter_id], ['user_id', cell.user_id]] as const) {
        const map = g[by];
        map.set(key, addSums(map.get(key) ?? { ...NO_VISITS }, sums));
      }
    };
    for (const c of this.s.cube.all(p)) add(c, c);
    for (const l of this.s.legCube.all(p)) add(l, pickLegs(l));
    for (const by of ['service_id', 'counter_id', 'user_id'] as const) g[by] = new Map([...g[by]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return g;
  }

  serving(slice: Slice): Map<string, number> {
    return new Map(this.s.serving.all(params(slice)).map((r) => [`${r.counter_id}|${r.user_id}`, r.ms]));
  }

  hourly(slice: Slice) {
    return this.s.hourly.all(params(slice));
  }

  /** Arrivals per service and hour of one weekday (0 = Monday) in the slice. */
  hourlyByService(slice: Slice, weekday: number) {
    return this.s.hourlyByService.all({ ...params(slice), weekday });
  }

  /** Per service: finished visits' handling times (walk-up + transaction) and who left before being called. */
  staffingSamples(slice: Slice): StaffingSamples[] {
    return this.s.staffingSamples.all(params(slice));
  }

  periods(fromDay: string, to: string, start: number, end: number, counters: readonly string[] | null): PeriodRow[] {
    return this.s.periods.all({ fromDay, to, start, end, counters: counters && JSON.stringify(counters) });
  }

  visits(slice: Slice, limit: number, offset: number): { visit: VisitRecord; legs: LegRecord[] }[] {
    const rows = this.s.visits.all({ ...params(slice), limit, offset });
    const legs = new Map<number, LegRecord[]>();
    for (const l of this.s.legsOf.all(JSON.stringify(rows.map((r) => r.ticket_id)))) {
      const list = legs.get(l.ticket_id) ?? [];
      list.push(l);
      legs.set(l.ticket_id, list);
    }
    return rows.map((visit) => ({ visit, legs: legs.get(visit.ticket_id) ?? [] }));
  }

  /** Ratings per service and day (counter and staff member ignored: feedback is never broken down by them). */
  ratingCells(slice: Slice): RatingCell[] {
    return this.s.ratingCells.all(dayParams(slice)).map(({ r1, r2, r3, r4, r5, ...c }) => ({ ...c, distribution: [r1, r2, r3, r4, r5] }));
  }

  /**
   * Comments of the days that `keep` accepts, day by day from the end of the range, until `limit` are found (the
   * last day read is given whole). Each comes with the band of its wait; the order within a day is the caller's.
   */
  comments(slice: Slice, limit: number, keep: (row: CommentRow) => boolean): CommentRow[] {
    const out: CommentRow[] = [];
    for (let day = slice.to; day >= slice.from && out.length < limit; day = addDays(day, -1)) {
      out.push(...this.s.comments.all(dayParams({ ...slice, from: day, to: day })).filter(keep));
    }
    return out;
  }

  /** The waits (first call − issue) of the slice's called visits. */
  waits(slice: Slice): number[] {
    return this.s.waits.all(params(slice)).map((r) => r.wait_ms);
  }

  /** Visits of the slice that had a promised wait at issue. */
  promised(slice: Slice) {
    return this.s.promised.all(params(slice));
  }

  /** Finished visits per day, service and wait band ("day|service|band" → count). */
  doneBands(slice: Slice): Map<string, number> {
    return new Map(this.s.doneBands.all(dayParams(slice)).map((r) => [`${r.local_date}|${r.service_id}|${r.band}`, r.n]));
  }

  today(date: string, services: readonly string[] | null, now: number): (LiveSums & { service_id: string })[] {
    return this.s.today.all({ date, services: services && JSON.stringify(services), now });
  }

  /** Counters open now (paused ones included) and paused now, among `counters` (null: all). */
  countersNow(counters: readonly string[] | null): { open: number; paused: number } {
    return this.s.countersNow.get({ counters: counters && JSON.stringify(counters) }) ?? { open: 0, paused: 0 };
  }
}

interface Cell {
  service_id: string;
  counter_id: string;
  user_id: number;
}

export type Sums = FigureSums & DailySums;
export interface Groups {
  all: Map<string | number, Sums>;
  service_id: Map<string | number, Sums>;
  counter_id: Map<string | number, Sums>;
  user_id: Map<string | number, Sums>;
}

const SUM_KEYS = Object.keys(NO_VISITS) as (keyof Sums)[];

function addSums(into: Sums, add: Partial<Sums>): Sums {
  for (const k of SUM_KEYS) {
    const v = add[k];
    if (v === undefined) continue;
    into[k] = k === 'wait_max' ? Math.max(into[k], v) : into[k] + v;
  }
  return into;
}

function params(s: Slice): Params {
  return { from: s.from, to: s.to, services: s.services && JSON.stringify(s.services), counter: s.counterId ?? null, user: s.userId ?? null };
}

function dayParams(s: Slice): DayParams {
  return { from: s.from, to: s.to, services: s.services && JSON.stringify(s.services) };
}

function pickLegs(r: LegSums | undefined): LegSums | Record<string, never> {
  return r ? { legs: r.legs, legs_called: r.legs_called, leg_wait_sum: r.leg_wait_sum } : {};
}
