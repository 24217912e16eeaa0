import { OPEN_NOW, PAUSED_NOW } from '../../store/statsSql.js';
import type { PeriodRow } from '../../stats/figures.js';
import type { Queryable } from './centralDb.js';

/** A counter period as central stores it; `id` is absent until it is written. */
export interface CentralPeriod {
  id?: number;
  counter_id: string;
  user_id: number | null;
  kind: 'open' | 'paused';
  reason: string | null;
  local_date: string;
  started_at: number;
  ended_at: number | null;
}

/** The halls' counter periods at central (open and paused), folded from their counter events. */
export class CentralCounterStore {
  constructor(private readonly db: Queryable) {}

  /** The periods still running at these counters of the hall. */
  async running(hallId: string, counterIds: readonly string[]): Promise<CentralPeriod[]> {
    if (counterIds.length === 0) return [];
    const { rows } = await this.db.query<CentralPeriod>(
      `SELECT id, counter_id, user_id, kind, reason, local_date, started_at, ended_at FROM counter_periods
        WHERE hall_id = $1 AND counter_id = ANY($2::text[]) AND ended_at IS NULL ORDER BY id`,
      [hallId, counterIds],
    );
    return rows;
  }

  /** Ends stored periods and inserts new ones (ended or still running). */
  async write(hallId: string, periods: readonly CentralPeriod[]): Promise<void> {
    const ended = periods.filter((p) => p.id !== undefined && p.ended_at !== null);
    const fresh = periods.filter((p) => p.id === undefined);
    if (ended.length > 0) {
      await this.db.query(
        `UPDATE counter_periods p SET ended_at = e.ended_at FROM unnest($2::bigint[], $3::float8[]) AS e(id, ended_at)
          WHERE p.hall_id = $1 AND p.id = e.id`,
        [hallId, ended.map((p) => p.id), ended.map((p) => p.ended_at)],
      );
    }
    if (fresh.length > 0) {
      await this.db.query(
        `INSERT INTO counter_periods (hall_id, counter_id, user_id, kind, reason, local_date, started_at, ended_at)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[])`,
        [
          hallId,
          fresh.map((p) => p.counter_id),
          fresh.map((p) => p.user_id),
          fresh.map((p) => p.kind),
          fresh.map((p) => p.reason),
          fresh.map((p) => p.local_date),
          fresh.map((p) => p.started_at),
          fresh.map((p) => p.ended_at),
        ],
      );
    }
  }

  /**
   * Per hall, counter, staff member, kind and reason: the periods' time within each hall's [start, end), as one
   * period from `start` (a counter's periods of one kind and staff member never overlap, so their sum fits). Each
   * period counts in whole milliseconds, as `counterTimes()` counts it, so the result equals folding the periods one
   * by one; summed here, a year of 200 halls is a few thousand rows instead of millions.
   */
  async totals(
    halls: readonly { hallId: string; start: number; end: number; counters: readonly string[] | null }[],
    fromDay: string,
    to: string,
  ): Promise<(PeriodRow & { hall_id: string })[]> {
    if (halls.length === 0) return [];
    const { rows } = await this.db.query<PeriodRow & { hall_id: string }>(
      // Per hall (LATERAL): each hall's periods come by index and are grouped in memory; one join over all halls
      // made PostgreSQL sort millions of rows on disk.
      `SELECT s.hall_id, t.* FROM unnest($1::text[], $2::float8[], $3::float8[], $4::jsonb[]) AS s(hall_id, start, stop, counters)
        CROSS JOIN LATERAL (
          SELECT p.counter_id, p.user_id, p.kind, p.reason, s.start AS started_at,
                 s.start + sum(floor(greatest(0, least(coalesce(p.ended_at, s.stop), s.stop) - greatest(p.started_at, s.start)) + 0.5)) AS ended_at
            FROM counter_periods p
           WHERE p.hall_id = s.hall_id AND p.local_date BETWEEN $5 AND $6 AND p.started_at < s.stop AND coalesce(p.ended_at, s.stop) > s.start
             AND (s.counters = 'null'::jsonb OR s.counters ? p.counter_id)
           GROUP BY p.counter_id, p.user_id, p.kind, p.reason) t`,
      [halls.map((h) => h.hallId), halls.map((h) => h.start), halls.map((h) => h.end), halls.map((h) => JSON.stringify(h.counters)), fromDay, to],
    );
    return rows;
  }

  /** Per hall: counters open now (paused ones included) and paused now, among each hall's `counters` (null: all). */
  async now(halls: readonly { hallId: string; counters: readonly string[] | null }[]): Promise<Map<string, { open: number; paused: number }>> {
    const out = new Map<string, { open: number; paused: number }>();
    if (halls.length === 0) return out;
    const { rows } = await this.db.query<{ hall_id: string; open: number; paused: number }>(
      `SELECT p.hall_id, count(DISTINCT CASE WHEN ${OPEN_NOW} THEN counter_id END) AS open,
              count(DISTINCT CASE WHEN ${PAUSED_NOW} THEN counter_id END) AS paused
         FROM counter_periods p JOIN unnest($1::text[], $2::jsonb[]) AS s(hall_id, counters) ON s.hall_id = p.hall_id
        WHERE p.ended_at IS NULL AND (s.counters = 'null'::jsonb OR s.counters ? p.counter_id)
        GROUP BY p.hall_id`,
      [halls.map((h) => h.hallId), halls.map((h) => JSON.stringify(h.counters))],
    );
    for (const r of rows) out.set(r.hall_id, { open: r.open, paused: r.paused });
    return out;
  }
}
