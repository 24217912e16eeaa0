import { localParts } from '../domain/index.js';
import type { Db } from '../store/index.js';
import { counterPeriodChange } from './counterFold.js';
import { foldEvent, mondayWeekday, startVisit, type FoldEvent, type IssueInfo, type LegRecord, type VisitRecord, type VisitState } from './visitFold.js';

const BATCH = 20_000;
const QUARTER_HOUR = 900_000;

interface EventRow {
  id: number;
  type: string;
  at: number;
  ticket_id: number | null;
  counter_id: string | null;
  user_id: number | null;
  service_id: string | null;
  data: string | null;
}

export interface ProjectorHall {
  timeZone: string;
  /** The service's service-level target in minutes. */
  targetMinutes(serviceId: string): number;
}

const VISIT_COLUMNS = [
  'ticket_id', 'demo', 'local_date', 'weekday', 'hour', 'service_id', 'first_service_id', 'counter_id', 'user_id', 'state',
  'issued_at', 'first_called_at', 'target_ms', 'wait_ms', 'walk_ms', 'transaction_ms', 'finished_at', 'outcome', 'legs',
  'transfers', 'recalls', 'no_shows', 'rating', 'comment', 'feedback_at', 'promised_ms',
] as const;
const LEG_COLUMNS = [
  'ticket_id', 'leg', 'local_date', 'service_id', 'counter_id', 'user_id', 'queued_at', 'called_at', 'last_called_at',
  'started_at', 'ended_at', 'end_kind',
] as const;
const upsert = (table: string, cols: readonly string[]) =>
  `INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`;

/**
 * Projects the event log into `visits`, `visit_legs` and `counter_periods`, from the event after the stored
 * high-water mark, in batches of one transaction each. Idempotent: a batch and its new mark commit together.
 */
export class VisitProjector {
  private readonly stmts;
  private readonly localCache = new Map<number, { date: string; hour: number }>();

  constructor(
    private readonly db: Db,
    private readonly hall: () => ProjectorHall,
  ) {
    this.stmts = {
      mark: db.prepare<[], { last_event_id: number }>('SELECT last_event_id FROM stats_progress WHERE id = 1'),
      setMark: db.prepare<[number]>('UPDATE stats_progress SET last_event_id = ? WHERE id = 1'),
      events: db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?'),
      visit: db.prepare<[number], VisitRecord>('SELECT * FROM visits WHERE ticket_id = ?'),
      legs: db.prepare<[number], LegRecord>('SELECT * FROM visit_legs WHERE ticket_id = ? ORDER BY leg'),
      putVisit: db.prepare<VisitRecord>(upsert('visits', VISIT_COLUMNS)),
      putLeg: db.prepare<LegRecord>(upsert('visit_legs', LEG_COLUMNS)),
      dirty: db.prepare<[string]>('INSERT OR IGNORE INTO stats_dirty (local_date) VALUES (?)'),
      openPeriod: db.prepare<[string, number | null, string, string | null, string, number]>(
        'INSERT INTO counter_periods (counter_id, user_id, kind, reason, local_date, started_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      endPeriods: db.prepare<[number, string, string]>(
        'UPDATE counter_periods SET ended_at = ? WHERE counter_id = ? AND kind = ? AND ended_at IS NULL',
      ),
    };
  }

  lastEventId(): number {
    return this.stmts.mark.get()?.last_event_id ?? 0;
  }

  /** Projects every event not yet projected; returns how many were read. */
  catchUp(): number {
    let total = 0;
    for (;;) {
      const n = this.step(BATCH);
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** Projects up to `limit` events in one transaction; returns how many were read (fewer: caught up). */
  step(limit: number): number {
    return this.db.transaction(() => this.batch(limit)).immediate();
  }

  /** Forgets every projection and roll-up and projects the whole event log again. */
  rebuild(): number {
    this.db.transaction(() => {
      for (const t of ['visits', 'visit_legs', 'counter_periods', 'stats_daily', 'stats_hourly', 'stats_legs_daily', 'stats_dirty']) {
        this.db.prepare(`DELETE FROM ${t}`).run();
      }
      this.stmts.setMark.run(0);
    }).immediate();
    return this.catchUp();
  }

  private batch(limit: number): number {
    const rows = this.stmts.events.all(this.lastEventId(), limit);
    if (rows.length === 0) return 0;
    const touched = new Map<number, VisitState>();
    const hall = this.hall();
    for (const r of rows) {
      if (r.ticket_id !== null) this.ticketEvent(r, touched, hall);
      else if (r.counter_id !== null) this.counterEvent(r);
    }
    const dates = new Set<string>();
    for (const s of touched.values()) {
      this.stmts.putVisit.run(s.visit);
      for (const leg of s.legs) this.stmts.putLeg.run(leg);
      dates.add(s.visit.local_date);
    }
    for (const d of dates) this.stmts.dirty.run(d);
    this.stmts.setMark.run(rows[rows.length - 1]?.id ?? 0);
    return rows.length;
  }

  private ticketEvent(r: EventRow, touched: Map<number, VisitState>, hall: ProjectorHall): void {
    const ticketId = r.ticket_id ?? 0;
    const e: FoldEvent = { ...r, ticket_id: ticketId, data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>) };
    if (r.type === 'ticket_issued') {
      const serviceId = r.service_id ?? '';
      touched.set(ticketId, startVisit(e, serviceId, this.issueInfo(r.at, serviceId, hall)));
      return;
    }
    const s = touched.get(ticketId) ?? this.load(ticketId);
    if (!s) return;
    touched.set(ticketId, foldEvent(s, e));
  }

  private load(ticketId: number): VisitState | undefined {
    const visit = this.stmts.visit.get(ticketId);
    return visit && { visit, legs: this.stmts.legs.all(ticketId) };
  }

  private issueInfo(at: number, serviceId: string, hall: ProjectorHall): IssueInfo {
    const local = this.local(at, hall.timeZone);
    return { localDate: local.date, hour: local.hour, weekday: mondayWeekday(local.date), targetMs: hall.targetMinutes(serviceId) * 60_000 };
  }

  /** Hall-local date and hour; offsets are whole quarter hours in every real zone, so a quarter hour is cached. */
  private local(at: number, timeZone: string): { date: string; hour: number } {
    const key = Math.floor(at / QUARTER_HOUR);
    let v = this.localCache.get(key);
    if (!v) {
      const p = localParts(key * QUARTER_HOUR, timeZone);
      v = { date: p.date, hour: Math.floor(p.minutes / 60) };
      if (this.localCache.size > 100_000) this.localCache.clear();
      this.localCache.set(key, v);
    }
    return v;
  }

  private counterEvent(r: EventRow): void {
    const counter = r.counter_id ?? '';
    const change = counterPeriodChange({ type: r.type, user_id: r.user_id, data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>) });
    if (!change) return;
    for (const kind of change.end) this.stmts.endPeriods.run(r.at, counter, kind);
    if (change.start) {
      this.stmts.openPeriod.run(counter, change.start.userId, change.start.kind, change.start.reason, this.local(r.at, this.hall().timeZone).date, r.at);
    }
  }
}
