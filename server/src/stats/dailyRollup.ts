import type { Db } from '../store/index.js';

/**
 * Daily roll-ups of the visit projection: per date × service × last counter × last staff member (`stats_daily`),
 * per date × hour × service (`stats_hourly`) and per date × leg service × counter × staff member
 * (`stats_legs_daily`). A date the projector touched is listed in `stats_dirty` and recomputed here, whole,
 * before the next statistics query: a year of queries then reads a few hundred thousand small rows, not millions.
 */
const DAILY = `
INSERT INTO stats_daily
SELECT local_date, service_id, coalesce(counter_id, ''), coalesce(user_id, 0),
  count(*), count(first_called_at), coalesce(sum(wait_ms <= target_ms), 0),
  coalesce(sum(wait_ms), 0), coalesce(max(wait_ms), 0),
  coalesce(sum(walk_ms), 0), count(walk_ms),
  coalesce(sum(CASE WHEN state = 'done' THEN transaction_ms END), 0), count(CASE WHEN state = 'done' THEN transaction_ms END),
  coalesce(sum(state = 'done'), 0),
  coalesce(sum(state = 'done' AND outcome = 'resolved' AND transfers = 0), 0),
  count(first_called_at) + coalesce(sum(first_called_at IS NULL AND state IN ('cancelled', 'expired')), 0),
  coalesce(sum(state = 'no-show'), 0), coalesce(sum(state = 'cancelled'), 0), coalesce(sum(state = 'expired'), 0),
  coalesce(sum(state = 'cancelled' OR (state = 'expired' AND first_called_at IS NULL)), 0),
  coalesce(sum(transfers > 0), 0), coalesce(sum(transfers), 0), coalesce(sum(recalls), 0),
  count(rating), coalesce(sum(rating), 0),
  coalesce(sum(rating = 1), 0), coalesce(sum(rating = 2), 0), coalesce(sum(rating = 3), 0), coalesce(sum(rating = 4), 0),
  coalesce(sum(rating = 5), 0)
FROM visits WHERE local_date = ? GROUP BY 1, 2, 3, 4`;

const HOURLY = `
INSERT INTO stats_hourly
SELECT local_date, hour, service_id, min(weekday), count(*), count(wait_ms), coalesce(sum(wait_ms), 0)
FROM visits WHERE local_date = ? GROUP BY 1, 2, 3`;

const LEGS = `
INSERT INTO stats_legs_daily
SELECT local_date, service_id, coalesce(counter_id, ''), coalesce(user_id, 0),
  count(*), count(called_at), coalesce(sum(called_at - queued_at), 0),
  coalesce(sum(CASE WHEN called_at IS NOT NULL AND ended_at IS NOT NULL AND end_kind IN ('finished', 'transferred', 'no-show')
                    THEN ended_at - called_at END), 0)
FROM visit_legs WHERE local_date = ? GROUP BY 1, 2, 3, 4`;

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
