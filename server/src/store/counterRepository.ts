import type { ProfileEntry } from '../protocol/index.js';
import type { Db } from './database.js';

/** The live state of a counter (who holds it, its active profile, pause). Its configuration lives in the hall config. */
export interface CounterState {
  id: string;
  open: boolean;
  userId: number | null;
  openedAt: number | null;
  services: ProfileEntry[] | null;
  pausedReason: string | null;
  pausedAt: number | null;
  normalsSincePriority: number;
}

interface CounterRow {
  id: string;
  open: number;
  user_id: number | null;
  opened_at: number | null;
  services: string | null;
  paused_reason: string | null;
  paused_at: number | null;
  normals_since_priority: number;
}

export const CLOSED_STATE = (id: string): CounterState => ({
  id,
  open: false,
  userId: null,
  openedAt: null,
  services: null,
  pausedReason: null,
  pausedAt: null,
  normalsSincePriority: 0,
});

export class CounterRepository {
  private readonly allStmt;
  private readonly upsertStmt;

  constructor(db: Db) {
    this.allStmt = db.prepare<[], CounterRow>('SELECT * FROM counters');
    this.upsertStmt = db.prepare(
      `INSERT INTO counters (id, open, user_id, opened_at, services, paused_reason, paused_at, normals_since_priority)
       VALUES (@id, @open, @userId, @openedAt, @services, @pausedReason, @pausedAt, @normalsSincePriority)
       ON CONFLICT (id) DO UPDATE SET open = excluded.open, user_id = excluded.user_id, opened_at = excluded.opened_at,
         services = excluded.services, paused_reason = excluded.paused_reason, paused_at = excluded.paused_at,
         normals_since_priority = excluded.normals_since_priority`,
    );
  }

  all(): Map<string, CounterState> {
    return new Map(
      this.allStmt.all().map((r) => [
        r.id,
        {
          id: r.id,
          open: r.open === 1,
          userId: r.user_id,
          openedAt: r.opened_at,
          services: r.services === null ? null : (JSON.parse(r.services) as ProfileEntry[]),
          pausedReason: r.paused_reason,
          pausedAt: r.paused_at,
          normalsSincePriority: r.normals_since_priority,
        },
      ]),
    );
  }

  save(s: CounterState): void {
    this.upsertStmt.run({ ...s, open: s.open ? 1 : 0, services: s.services === null ? null : JSON.stringify(s.services) });
  }
}
