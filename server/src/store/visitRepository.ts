import type { Db } from './database.js';
import type { EventRow } from './eventRepository.js';
import type { LegRecord, VisitRecord } from '../stats/visitFold.js';

/** A row of the event log as the statistics projector reads it (its type as a plain string). */
export type { EventRow };

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

/** Every table the projection and its roll-ups write (a rebuild empties them all). */
const PROJECTION_TABLES = ['visits', 'visit_legs', 'counter_periods', 'stats_daily', 'stats_hourly', 'stats_legs_daily', 'stats_dirty'] as const;

/**
 * The statistics projection's storage: its high-water mark in the event log (`stats_progress`), the visits and their
 * legs, counter periods, and the dates whose roll-ups must be recomputed (`stats_dirty`). The folding itself is in
 * stats/ (visitFold, counterFold, visitProjector).
 */
export class VisitRepository {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
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
      endPeriods: db.prepare<[number, string, string]>('UPDATE counter_periods SET ended_at = ? WHERE counter_id = ? AND kind = ? AND ended_at IS NULL'),
      clear: PROJECTION_TABLES.map((t) => db.prepare(`DELETE FROM ${t}`)),
    };
  }

  /** Runs `fn` in one immediate transaction (a batch and its new mark commit together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The id of the last event projected. */
  mark(): number {
    return this.s.mark.get()?.last_event_id ?? 0;
  }

  setMark(id: number): void {
    this.s.setMark.run(id);
  }

  /** Up to `limit` events of the log after `id`, in order. */
  eventsAfter(id: number, limit: number): EventRow[] {
    return this.s.events.all(id, limit);
  }

  visit(ticketId: number): { visit: VisitRecord; legs: LegRecord[] } | undefined {
    const visit = this.s.visit.get(ticketId);
    return visit && { visit, legs: this.s.legs.all(ticketId) };
  }

  putVisit(visit: VisitRecord, legs: readonly LegRecord[]): void {
    this.s.putVisit.run(visit);
    for (const leg of legs) this.s.putLeg.run(leg);
  }

  /** The roll-ups of this hall-local date are recomputed before the next statistics query. */
  markDirty(localDate: string): void {
    this.s.dirty.run(localDate);
  }

  openPeriod(counterId: string, userId: number | null, kind: string, reason: string | null, localDate: string, at: number): void {
    this.s.openPeriod.run(counterId, userId, kind, reason, localDate, at);
  }

  /** Ends the running period of `kind` at the counter, if any. */
  endPeriods(counterId: string, kind: string, at: number): void {
    this.s.endPeriods.run(at, counterId, kind);
  }

  /** Empties the projection and its roll-ups and sets the mark back to the start of the log. */
  clear(): void {
    for (const s of this.s.clear) s.run();
    this.s.setMark.run(0);
  }
}
