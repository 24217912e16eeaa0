import { HOURLY_SUMS, LEG_SUMS_OF_LEGS, LIVE_ROLLED, VISIT_SUMS, rollupInsert } from '../../store/statsSql.js';
import type { Queryable } from './centralDb.js';

const WHERE = 'hall_id = $1 AND local_date = ANY($2::text[])';
const DAILY = rollupInsert('stats_daily', [['hall_id', 'hall_id'], ['local_date', 'local_date'], ['service_id', 'service_id']], VISIT_SUMS, 'visits', WHERE);
const HOURLY = rollupInsert(
  'stats_hourly',
  [['hall_id', 'hall_id'], ['local_date', 'local_date'], ['hour', 'hour'], ['service_id', 'service_id']],
  HOURLY_SUMS,
  'visits',
  WHERE,
);
const SERVING = rollupInsert(
  'stats_counter_daily',
  [['hall_id', 'hall_id'], ['local_date', 'local_date'], ['service_id', 'service_id'], ['counter_id', "coalesce(counter_id, '')"], ['user_id', 'coalesce(user_id, 0)']],
  LEG_SUMS_OF_LEGS.filter(([c]) => c === 'serving_ms'),
  'visit_legs',
  WHERE,
);
const LIVE = rollupInsert('stats_live_daily', [['hall_id', 'hall_id'], ['local_date', 'local_date'], ['service_id', 'service_id']], LIVE_ROLLED, 'visits', WHERE);
const LEGS = rollupInsert('stats_legs_daily', [['hall_id', 'hall_id'], ['local_date', 'local_date'], ['service_id', 'service_id']], LEG_SUMS_OF_LEGS, 'visit_legs', WHERE);

/**
 * Incremental roll-ups: a (hall, date) the projector touched is recomputed whole from that hall's visits of that
 * date, with the sums defined once for hall and central (store/statsSql.ts).
 */
export class CentralRollupStore {
  constructor(private readonly db: Queryable) {}

  /** Takes the dirty (hall, date) pairs (they stay dirty if the transaction rolls back). */
  async takeDirty(limit: number): Promise<Map<string, string[]>> {
    const { rows } = await this.db.query<{ hall_id: string; local_date: string }>(
      `DELETE FROM stats_dirty WHERE (hall_id, local_date) IN (SELECT hall_id, local_date FROM stats_dirty LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING hall_id, local_date`,
      [limit],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.hall_id, [...(out.get(r.hall_id) ?? []), r.local_date]);
    return out;
  }

  async recompute(hallId: string, dates: readonly string[]): Promise<void> {
    for (const t of ['stats_daily', 'stats_hourly', 'stats_legs_daily', 'stats_counter_daily', 'stats_live_daily']) await this.db.query(`DELETE FROM ${t} WHERE ${WHERE}`, [hallId, dates]);
    for (const sql of [DAILY, HOURLY, LEGS, SERVING, LIVE]) await this.db.query(sql, [hallId, dates]);
  }
}
