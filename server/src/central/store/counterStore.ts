import { OPEN_NOW, PAUSED_NOW } from '../../store/statsSql.js';
import { addDays } from '../../domain/index.js';
import { periodMs } from '../../stats/counterFold.js';
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
  /** Counted in `counter_time_daily` (ended inside its local day). */
  rolled?: boolean;
}

/** A hall's range for the counter-time sums: [start, end), its counters (null: all), and its last whole day. */
export interface CounterRange {
  hallId: string;
  start: number;
  end: number;
  counters: readonly string[] | null;
  /** The last day of the range read from the daily roll-up (days from the range's first day to it); '' for none. */
  rolledTo: string;
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
        `UPDATE counter_periods p SET ended_at = e.ended_at, rolled = e.rolled FROM unnest($2::bigint[], $3::float8[], $4::boolean[]) AS e(id, ended_at, rolled)
          WHERE p.hall_id = $1 AND p.id = e.id`,
        [hallId, ended.map((p) => p.id), ended.map((p) => p.ended_at), ended.map((p) => p.rolled === true)],
      );
    }
    if (fresh.length > 0) {
      await this.db.query(
        `INSERT INTO counter_periods (hall_id, counter_id, user_id, kind, reason, local_date, started_at, ended_at, rolled)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::boolean[])`,
        [
          hallId,
          fresh.map((p) => p.counter_id),
          fresh.map((p) => p.user_id),
          fresh.map((p) => p.kind),
          fresh.map((p) => p.reason),
          fresh.map((p) => p.local_date),
          fresh.map((p) => p.started_at),
          fresh.map((p) => p.ended_at),
          fresh.map((p) => p.rolled === true),
        ],
      );
    }
    await this.rollUp(hallId, periods.filter((p) => p.rolled === true && p.ended_at !== null));
  }

  /** Adds periods ended inside their local day to the daily roll-up (each once: when the projector ends it). */
  private async rollUp(hallId: string, periods: readonly CentralPeriod[]): Promise<void> {
    const sums = new Map<string, { p: CentralPeriod; ms: number }>();
    for (const p of periods) {
      const key = JSON.stringify([p.local_date, p.counter_id, p.user_id, p.kind, p.reason]);
      const s = sums.get(key) ?? { p, ms: 0 };
      s.ms += periodMs(p, p.started_at, p.ended_at ?? p.started_at);
      sums.set(key, s);
    }
    if (sums.size === 0) return;
    const rows = [...sums.values()];
    await this.db.query(
      `INSERT INTO counter_time_daily (hall_id, local_date, counter_id, user_id, kind, reason, ms)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::float8[])
       ON CONFLICT ON CONSTRAINT counter_time_daily_key DO UPDATE SET ms = counter_time_daily.ms + EXCLUDED.ms`,
      [hallId, rows.map((r) => r.p.local_date), rows.map((r) => r.p.counter_id), rows.map((r) => r.p.user_id), rows.map((r) => r.p.kind), rows.map((r) => r.p.reason), rows.map((r) => r.ms)],
    );
  }

  /**
   * Per hall, counter, staff member, kind and reason: the periods' time within each hall's [start, end), as one
   * period from `start` (a counter's periods of one kind and staff member never overlap, so their sum fits). Each
   * period counts in whole milliseconds (stats/counterFold.ts periodMs), so the result equals folding the periods one
   * by one. Whole days up to `rolledTo` come from the daily roll-up; only the periods it does not hold (crossing
   * midnight, still running) and those of later days are clipped and summed here.
   */
  async totals(halls: readonly CounterRange[], from: string, to: string): Promise<(PeriodRow & { hall_id: string })[]> {
    if (halls.length === 0) return [];
    const ids = halls.map((h) => h.hallId);
    const counters = halls.map((h) => JSON.stringify(h.counters));
    // A period of the day before `from` can reach into the range.
    const clipped = (rolled: string) => `SELECT p.counter_id, p.user_id, p.kind, p.reason,
                 floor(greatest(0, least(coalesce(p.ended_at, s.stop), s.stop) - greatest(p.started_at, s.start)) + 0.5) AS ms
            FROM counter_periods p
           WHERE p.hall_id = s.hall_id AND ${rolled} AND p.local_date BETWEEN $5 AND $6
             AND p.started_at < s.stop AND coalesce(p.ended_at, s.stop) > s.start`;
    // Whole days: per distinct last whole day (one per time zone, as a rule), one scan of the roll-up grouped by hash
    // over its halls (a join to the halls' list made PostgreSQL misjudge the rows and sort millions of them on disk);
    // a reader's counters are then kept in memory, on the grouped rows.
    const byRolledTo = new Map<string, string[]>();
    for (const h of halls) if (h.rolledTo >= from) byRolledTo.set(h.rolledTo, [...(byRolledTo.get(h.rolledTo) ?? []), h.hallId]);
    const scope = new Map(halls.map((h) => [h.hallId, h.counters === null ? null : new Set(h.counters)]));
    const [rolledParts, rest] = await Promise.all([
      Promise.all([...byRolledTo].map(([rolledTo, hallIds]) =>
        this.db.query<{ hall_id: string; counter_id: string; user_id: number | null; kind: 'open' | 'paused'; reason: string | null; ms: number }>(
          `SELECT hall_id, counter_id, user_id, kind, reason, sum(ms) AS ms FROM counter_time_daily
            WHERE hall_id = ANY($1::text[]) AND local_date BETWEEN $2 AND $3
            GROUP BY hall_id, counter_id, user_id, kind, reason`,
          [hallIds, from, rolledTo],
        ))),
      // The rest, per hall (LATERAL: each hall's few periods by index): not rolled, or of a day not over yet.
      this.db.query<{ hall_id: string; counter_id: string; user_id: number | null; kind: 'open' | 'paused'; reason: string | null; ms: number }>(
        `SELECT s.hall_id, t.* FROM unnest($1::text[], $2::float8[], $3::float8[], $4::jsonb[], $7::text[]) AS s(hall_id, start, stop, counters, rolled_to)
          CROSS JOIN LATERAL (
            SELECT u.counter_id, u.user_id, u.kind, u.reason, sum(u.ms) AS ms
              FROM (${clipped('NOT p.rolled')} UNION ALL ${clipped('p.rolled AND p.local_date > s.rolled_to')}) u
             WHERE s.counters = 'null'::jsonb OR s.counters ? u.counter_id
             GROUP BY u.counter_id, u.user_id, u.kind, u.reason) t`,
        [ids, halls.map((h) => h.start), halls.map((h) => h.end), counters, addDays(from, -1), to, halls.map((h) => h.rolledTo)],
      ),
    ]);
    const start = new Map(halls.map((h) => [h.hallId, h.start]));
    // As one period from the hall's start per row (a counter's periods of one kind never overlap, so the sum fits).
    const rolled = rolledParts.flatMap((q) => q.rows).filter((r) => scope.get(r.hall_id)?.has(r.counter_id) ?? true);
    return [...rolled, ...rest.rows].map(({ ms, ...r }) => {
      const at = start.get(r.hall_id) ?? 0;
      return { ...r, started_at: at, ended_at: at + ms };
    });
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
