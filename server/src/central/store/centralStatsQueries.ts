import type { FigureSums } from '../../stats/figures.js';
import { DAILY_SUMS, LEG_SUMS, LIVE_ROLLED, liveNow, selectSums } from '../../store/statsSql.js';
import { MIN_FINISHED_VISITS, type RatingCell } from '../../stats/feedbackPrivacy.js';
import type { DailySums } from '../../store/statsRepository.js';
import { NO_LIVE, type LiveSums } from '../../stats/liveSums.js';
import type { Queryable } from './centralDb.js';

/** What a central statistics query covers: dates, optionally one hall, one organisation, one service. */
export interface CentralSlice {
  from: string;
  to: string;
  hallId: string | null;
  organisationId: string | null;
  serviceId: string | null;
}

export type CentralSums = FigureSums & DailySums;

const RATING_SUMS = `coalesce(sum(r1), 0) AS r1, coalesce(sum(r2), 0) AS r2, coalesce(sum(r3), 0) AS r3,
  coalesce(sum(r4), 0) AS r4, coalesce(sum(r5), 0) AS r5`;

// $1 from, $2 to, $3 hall, $4 organisation, $5 service. The organisation is that of the service in that hall.
const WHERE = `local_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR hall_id = $3) AND ($5::text IS NULL OR service_id = $5)
  AND ($4::text IS NULL OR (hall_id, service_id) IN (SELECT hall_id, service_id FROM hall_services WHERE organisation_id = $4))`;

type Cell = { hall_id: string; service_id: string };

/** Read-only SQL over the central roll-ups (never over events or visits). */
export class CentralStatsQueries {
  constructor(private readonly db: Queryable) {}

  private params(s: CentralSlice): unknown[] {
    return [s.from, s.to, s.hallId, s.organisationId, s.serviceId];
  }

  /** Sums per hall × service over the slice: a few thousand cells at most, folded by the caller. */
  async cells(s: CentralSlice): Promise<{ daily: (DailySums & Cell)[]; legs: (Pick<FigureSums, 'legs' | 'legs_called' | 'leg_wait_sum'> & Cell)[] }> {
    const [daily, legs] = await Promise.all([
      this.db.query<DailySums & Cell>(
        `SELECT hall_id, service_id, ${DAILY_SUMS}, ${RATING_SUMS} FROM stats_daily WHERE ${WHERE} GROUP BY hall_id, service_id`,
        this.params(s),
      ),
      this.db.query<Pick<FigureSums, 'legs' | 'legs_called' | 'leg_wait_sum'> & Cell>(
        `SELECT hall_id, service_id, ${LEG_SUMS} FROM stats_legs_daily WHERE ${WHERE} GROUP BY hall_id, service_id`,
        this.params(s),
      ),
    ]);
    return { daily: daily.rows, legs: legs.rows };
  }

  /**
   * Ratings as the hall shows them (stats/feedbackPrivacy.ts): only a (hall, day, service) with at least
   * MIN_FINISHED_VISITS finished visits counts. Each `stats_daily` row is one such service-day, so the open ones are
   * summed here, per hall × service (`by` "cell") or per date: one cell per group, marked open when any of its
   * service-days is open, which `ratingSlice()` then reads exactly as it would read every service-day (a year of 200
   * halls has ~500,000 of them).
   */
  async ratingCells(s: CentralSlice, by: 'cell' | 'date' = 'cell'): Promise<(RatingCell & { hallId: string })[]> {
    const open = `done >= ${MIN_FINISHED_VISITS}`;
    const sum = (c: string) => `coalesce(sum(${c}) FILTER (WHERE ${open}), 0)`;
    const keys = by === 'cell' ? `hall_id AS "hallId", '' AS date, service_id AS "serviceId"` : `'' AS "hallId", local_date AS date, '' AS "serviceId"`;
    const group = by === 'cell' ? 'hall_id, service_id' : 'local_date';
    const { rows } = await this.db.query<Omit<RatingCell, 'distribution'> & { hallId: string; r1: number; r2: number; r3: number; r4: number; r5: number }>(
      `SELECT ${keys}, CASE WHEN bool_or(${open}) THEN ${MIN_FINISHED_VISITS} ELSE 0 END AS done,
          ${sum('ratings')} AS ratings, ${sum('rating_sum')} AS "ratingSum",
          ${sum('r1')} AS r1, ${sum('r2')} AS r2, ${sum('r3')} AS r3, ${sum('r4')} AS r4, ${sum('r5')} AS r5
         FROM stats_daily WHERE ${WHERE} GROUP BY ${group}`,
      this.params(s),
    );
    return rows.map(({ r1, r2, r3, r4, r5, ...c }) => ({ ...c, distribution: [r1, r2, r3, r4, r5] }));
  }

  async byDate(s: CentralSlice): Promise<{ daily: (DailySums & { local_date: string })[]; legs: (Pick<FigureSums, 'legs' | 'legs_called' | 'leg_wait_sum'> & { local_date: string })[] }> {
    const [daily, legs] = await Promise.all([
      this.db.query<DailySums & { local_date: string }>(
        `SELECT local_date, ${DAILY_SUMS}, ${RATING_SUMS} FROM stats_daily WHERE ${WHERE} GROUP BY local_date`,
        this.params(s),
      ),
      this.db.query<Pick<FigureSums, 'legs' | 'legs_called' | 'leg_wait_sum'> & { local_date: string }>(
        `SELECT local_date, ${LEG_SUMS} FROM stats_legs_daily WHERE ${WHERE} GROUP BY local_date`,
        this.params(s),
      ),
    ]);
    return { daily: daily.rows, legs: legs.rows };
  }

  async hourly(s: CentralSlice): Promise<{ weekday: number; hour: number; arrivals: number; called: number; wait_sum: number }[]> {
    const { rows } = await this.db.query<{ weekday: number; hour: number; arrivals: number; called: number; wait_sum: number }>(
      `SELECT weekday, hour, sum(arrivals) AS arrivals, sum(called) AS called, sum(wait_sum) AS wait_sum FROM stats_hourly
        WHERE ${WHERE} GROUP BY weekday, hour ORDER BY weekday, hour`,
      this.params(s),
    );
    return rows;
  }

  /** Whether the service exists in some hall only under other organisations than `org`. */
  async serviceOrganisations(serviceId: string): Promise<(string | null)[]> {
    const { rows } = await this.db.query<{ organisation_id: string | null }>(
      'SELECT DISTINCT organisation_id FROM hall_services WHERE service_id = $1',
      [serviceId],
    );
    return rows.map((r) => r.organisation_id);
  }

  /**
   * Today's live sums per hall × service for each hall's local date, within `organisationId`/`serviceId`: the rolled-up
   * part from `stats_live_daily`, the moment's part from the visits waiting now.
   */
  async live(days: readonly { hallId: string; date: string }[], organisationId: string | null, serviceId: string | null, now: number): Promise<(LiveSums & Cell)[]> {
    if (days.length === 0) return [];
    const scope = (t: string) => `($4::text IS NULL OR ${t}.service_id = $4)
          AND ($3::text IS NULL OR (${t}.hall_id, ${t}.service_id) IN (SELECT hall_id, service_id FROM hall_services WHERE organisation_id = $3))`;
    const params = [days.map((d) => d.hallId), days.map((d) => d.date), organisationId, serviceId];
    const [rolled, moment] = await Promise.all([
      this.db.query<Omit<LiveSums, 'waiting_late' | 'oldest_waiting_at'> & Cell>(
        `SELECT r.hall_id, r.service_id, ${LIVE_ROLLED.map(([c]) => `sum(${c}) AS ${c}`).join(', ')}
           FROM stats_live_daily r JOIN unnest($1::text[], $2::text[]) AS d(hall_id, day) ON r.hall_id = d.hall_id AND r.local_date = d.day
          WHERE ${scope('r')} GROUP BY r.hall_id, r.service_id`,
        params,
      ),
      this.db.query<Pick<LiveSums, 'waiting_late' | 'oldest_waiting_at'> & Cell>(
        `SELECT v.hall_id, v.service_id, ${selectSums(liveNow('$5::float8'))}
           FROM visits v JOIN unnest($1::text[], $2::text[]) AS d(hall_id, day) ON v.hall_id = d.hall_id AND v.local_date = d.day
          WHERE v.state = 'waiting' AND ${scope('v')} GROUP BY v.hall_id, v.service_id`,
        [...params, now],
      ),
    ]);
    const out = new Map<string, LiveSums & Cell>();
    for (const r of rolled.rows) out.set(`${r.hall_id}\u0000${r.service_id}`, { ...NO_LIVE, ...r });
    for (const m of moment.rows) {
      const key = `${m.hall_id}\u0000${m.service_id}`;
      out.set(key, { ...NO_LIVE, ...out.get(key), hall_id: m.hall_id, service_id: m.service_id, waiting_late: m.waiting_late, oldest_waiting_at: m.oldest_waiting_at });
    }
    return [...out.values()];
  }

  /** Serving time per hall, counter and staff member over the slice ("hall|counter|user" → ms). */
  async serving(s: CentralSlice): Promise<{ hall_id: string; counter_id: string; user_id: number; ms: number }[]> {
    const { rows } = await this.db.query<{ hall_id: string; counter_id: string; user_id: number; ms: number }>(
      `SELECT hall_id, counter_id, user_id, sum(serving_ms) AS ms FROM stats_counter_daily WHERE ${WHERE} GROUP BY hall_id, counter_id, user_id`,
      this.params(s),
    );
    return rows;
  }
}
