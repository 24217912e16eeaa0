import type { EventType, EventView } from '../protocol/index.js';
import type { Db } from './database.js';

export interface NewEvent {
  type: EventType;
  at: number;
  ticketId?: number | null;
  counterId?: string | null;
  userId?: number | null;
  serviceId?: string | null;
  data?: Record<string, unknown> | null;
}

export interface RecentCall {
  ticketId: number;
  recall: boolean;
  at: number;
  counterId: string;
}

interface EventRow {
  id: number;
  type: EventType;
  at: number;
  ticket_id: number | null;
  counter_id: string | null;
  user_id: number | null;
  service_id: string | null;
  data: string | null;
}

export function toEventView(r: EventRow): EventView {
  return {
    id: r.id,
    type: r.type,
    at: r.at,
    ticketId: r.ticket_id,
    counterId: r.counter_id,
    userId: r.user_id,
    serviceId: r.service_id,
    data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  };
}

/** The append-only event log. There is no update and no delete. */
export class EventRepository {
  private readonly insertStmt;
  private readonly forTicketStmt;
  private readonly sinceStmt;
  private readonly lastForTicketStmt;
  private readonly recentCallsStmt;
  private readonly lastIdStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO events (type, at, ticket_id, counter_id, user_id, service_id, data)
       VALUES (@type, @at, @ticketId, @counterId, @userId, @serviceId, @data)`,
    );
    this.forTicketStmt = db.prepare<[number], EventRow>('SELECT * FROM events WHERE ticket_id = ? ORDER BY id');
    this.sinceStmt = db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?');
    this.recentCallsStmt = db.prepare<[string, number], RecentCall>(
      `SELECT e.ticket_id AS ticketId, e.type = 'ticket_recalled' AS recall, e.at, e.counter_id AS counterId
         FROM events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.type IN ('ticket_called', 'ticket_recalled') AND t.local_date = ?
        ORDER BY e.id DESC LIMIT ?`,
    );
    this.lastIdStmt = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events');
    this.lastForTicketStmt = db.prepare<[number], { id: number }>('SELECT max(id) AS id FROM events WHERE ticket_id = ?');
  }

  append(e: NewEvent): number {
    const info = this.insertStmt.run({
      type: e.type,
      at: e.at,
      ticketId: e.ticketId ?? null,
      counterId: e.counterId ?? null,
      userId: e.userId ?? null,
      serviceId: e.serviceId ?? null,
      data: e.data ? JSON.stringify(e.data) : null,
    });
    return Number(info.lastInsertRowid);
  }

  forTicket(ticketId: number): EventView[] {
    return this.forTicketStmt.all(ticketId).map(toEventView);
  }

  since(afterId: number, limit = 1000): EventView[] {
    return this.sinceStmt.all(afterId, limit).map(toEventView);
  }

  /** Calls and recalls of tickets issued on `localDate`, newest first. */
  recentCalls(localDate: string, limit: number): RecentCall[] {
    return this.recentCallsStmt.all(localDate, limit).map((r) => ({ ...r, recall: Boolean(r.recall) }));
  }

  /** The id of the newest event: it changes with every change of state. */
  lastId(): number {
    return this.lastIdStmt.get()?.id ?? 0;
  }

  lastIdForTicket(ticketId: number): number {
    return this.lastForTicketStmt.get(ticketId)?.id ?? 0;
  }
}
