import { localParts } from '../domain/index.js';
import type { EventRow, VisitRepository } from '../store/index.js';
import { counterPeriodChange } from './counterFold.js';
import { foldEvent, mondayWeekday, startVisit, type FoldEvent, type IssueInfo, type LegRecord, type VisitRecord, type VisitState } from './visitFold.js';

const BATCH = 20_000;
const QUARTER_HOUR = 900_000;

export interface ProjectorHall {
  timeZone: string;
  /** The service's service-level target in minutes. */
  targetMinutes(serviceId: string): number;
}

/**
 * Projects the event log into `visits`, `visit_legs` and `counter_periods`, from the event after the stored
 * high-water mark, in batches of one transaction each. Idempotent: a batch and its new mark commit together. The
 * SQL is the store's (store/visitRepository.ts); this is the fold.
 */
export class VisitProjector {
  private readonly localCache = new Map<number, { date: string; hour: number }>();

  constructor(
    private readonly repo: VisitRepository,
    private readonly hall: () => ProjectorHall,
  ) {}

  lastEventId(): number {
    return this.repo.mark();
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
    return this.repo.transaction(() => this.batch(limit));
  }

  /** Forgets every projection and roll-up and projects the whole event log again. */
  rebuild(): number {
    this.repo.transaction(() => this.repo.clear());
    return this.catchUp();
  }

  private batch(limit: number): number {
    const rows = this.repo.eventsAfter(this.lastEventId(), limit);
    if (rows.length === 0) return 0;
    const touched = new Map<number, VisitState>();
    const hall = this.hall();
    for (const r of rows) {
      if (r.ticket_id !== null) this.ticketEvent(r, touched, hall);
      else if (r.counter_id !== null) this.counterEvent(r);
    }
    const dates = new Set<string>();
    for (const s of touched.values()) {
      this.repo.putVisit(s.visit, s.legs);
      dates.add(s.visit.local_date);
    }
    for (const d of dates) this.repo.markDirty(d);
    this.repo.setMark(rows[rows.length - 1]?.id ?? 0);
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
    return this.repo.visit(ticketId);
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
    for (const kind of change.end) this.repo.endPeriods(counter, kind, r.at);
    if (change.start) {
      this.repo.openPeriod(counter, change.start.userId, change.start.kind, change.start.reason, this.local(r.at, this.hall().timeZone).date, r.at);
    }
  }
}
