import type { Db } from './database.js';
import { HOURLY_SUMS, LEG_SUMS_OF_LEGS, VISIT_SUMS, rollupInsert } from './statsSql.js';

/**
 * Daily roll-ups of the visit projection: per date × service × last counter × last staff member (`stats_daily`),
 * per date × hour × service (`stats_hourly`) and per date × leg service × counter × staff member
 * (`stats_legs_daily`). A date the projector touched is listed in `stats_dirty` and recomputed here, whole,
 * before the next statistics query: a year of queries then reads a few hundred thousand small rows, not millions.
 * The sums are defined once in statsSql.ts, shared with the central server's roll-ups.
 */
const DAILY = rollupInsert(
  'stats_daily',
  [['local_date', 'local_date'], ['service_id', 'service_id'], ['counter_id', "coalesce(counter_id, '')"], ['user_id', 'coalesce(user_id, 0)']],
  VISIT_SUMS,
  'visits',
  'local_date = ?',
);

const HOURLY = rollupInsert('stats_hourly', [['local_date', 'local_date'], ['hour', 'hour'], ['service_id', 'service_id']], HOURLY_SUMS, 'visits', 'local_date = ?');

const LEGS = rollupInsert(
  'stats_legs_daily',
  [['local_date', 'local_date'], ['service_id', 'service_id'], ['counter_id', "coalesce(counter_id, '')"], ['user_id', 'coalesce(user_id, 0)']],
  LEG_SUMS_OF_LEGS,
  'visit_legs',
  'local_date = ?',
);

export class DailyRollup {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      dirty: db.prepare<[], { local_date: string }>('SELECT local_date FROM stats_dirty'),
      clean: db.prepare<[string]>('DELETE FROM stats_dirty WHERE local_date = ?'),
      clear: ['stats_daily', 'stats_hourly', 'stats_legs_daily'].map((t) => db.prepare<[string]>(`DELETE FROM ${t} WHERE local_date = ?`)),
      fill: [DAILY, HOURLY, LEGS].map((sql) => db.prepare<[string]>(sql)),
    };
  }

  /** Recomputes every date the projector touched since the last refresh; returns the dates. */
  refresh(): string[] {
    const dates = this.stmts.dirty.all().map((r) => r.local_date);
    if (dates.length === 0) return dates;
    this.db.transaction(() => {
      for (const d of dates) {
        for (const s of this.stmts.clear) s.run(d);
        for (const s of this.stmts.fill) s.run(d);
        this.stmts.clean.run(d);
      }
    }).immediate();
    return dates;
  }
}
