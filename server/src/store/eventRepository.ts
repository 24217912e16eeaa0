import type { DomainEvent, EventBody, EventType, EventView } from '../protocol/index.js';
import type { Db } from './database.js';

/** An event to append: its typed body and where it happened (unset columns are null). */
export type NewEventFor<T extends EventType> = EventBody<T> & {
  at: number;
  ticketId?: number | null;
  counterId?: string | null;
  userId?: number | null;
  serviceId?: string | null;
};
export type NewEvent = NewEventFor<EventType>;

export interface RecentCall {
  ticketId: number;
  recall: boolean;
  at: number;
  counterId: string;
}

/** A row of the event log as SQLite returns it (`type` is one of EventType: the log holds only what `append` wrote). */
export interface EventRow<T extends string = string> {
  id: number;
  type: T;
  at: number;
  ticket_id: number | null;
  counter_id: string | null;
  user_id: number | null;
  service_id: string | null;
  data: string | null;
}

/** A log row as its typed event. The log holds only what `append` wrote, so the body is trusted. */
export function toDomainEvent(r: EventRow<EventType>): DomainEvent {
  return {
    id: r.id,
    type: r.type,
    at: r.at,
    ticketId: r.ticket_id,
    counterId: r.counter_id,
    userId: r.user_id,
    serviceId: r.service_id,
    data: r.data === null ? null : (JSON.parse(r.data) as unknown),
  } as DomainEvent;
}

/** A log row as the HTTP event view. */
export const toEventView: (r: EventRow<EventType>) => EventView = toDomainEvent;

/** The append-only event log. There is no update and no delete. */
export class EventRepository {
  private readonly insertStmt;
  private readonly forTicketStmt;
  private readonly countForTicketStmt;
  private readonly sinceStmt;
  private readonly lastForTicketStmt;
  private readonly recentCallsStmt;
  private readonly lastIdStmt;

  /** `committed`: receives each appended event; the store hands them on after the transaction commits. */
  constructor(
    db: Db,
    private readonly appended: (e: DomainEvent) => void = () => {},
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO events (type, at, ticket_id, counter_id, user_id, service_id, data)
       VALUES (@type, @at, @ticketId, @counterId, @userId, @serviceId, @data)`,
    );
    this.forTicketStmt = db.prepare<[number], EventRow<EventType>>('SELECT * FROM events WHERE ticket_id = ? ORDER BY id');
    this.countForTicketStmt = db.prepare<[number, string], { n: number }>('SELECT count(*) AS n FROM events WHERE ticket_id = ? AND type = ?');
    this.sinceStmt = db.prepare<[number, number], EventRow<EventType>>('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?');
    this.recentCallsStmt = db.prepare<[{ day: string; limit: number }], RecentCall>(
      `SELECT e.ticket_id AS ticketId, e.type = 'ticket_recalled' AS recall, e.at, e.counter_id AS counterId
         FROM events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.type IN ('ticket_called', 'ticket_recalled') AND t.local_date = @day
          AND e.id >= (SELECT min(id) FROM events WHERE ticket_id = (SELECT min(id) FROM tickets WHERE local_date = @day))
        ORDER BY e.id DESC LIMIT @limit`,
    );
    this.lastIdStmt = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events');
    this.lastForTicketStmt = db.prepare<[number], { id: number }>('SELECT max(id) AS id FROM events WHERE ticket_id = ?');
  }

  /** Appends one event; returns it as committed consumers will see it (with its log id). */
  append(e: NewEvent): DomainEvent {
    const row = {
      type: e.type,
      at: e.at,
      ticketId: e.ticketId ?? null,
      counterId: e.counterId ?? null,
      userId: e.userId ?? null,
      serviceId: e.serviceId ?? null,
    };
    const info = this.insertStmt.run({ ...row, data: e.data ? JSON.stringify(e.data) : null });
    const event = { ...row, id: Number(info.lastInsertRowid), data: e.data ?? null } as DomainEvent;
    this.appended(event);
    return event;
  }

  /** How many events of `type` the ticket has. */
  countForTicket(ticketId: number, type: EventType): number {
    return this.countForTicketStmt.get(ticketId, type)?.n ?? 0;
  }

  forTicket(ticketId: number): DomainEvent[] {
    return this.forTicketStmt.all(ticketId).map(toDomainEvent);
  }

  /** Events after `afterId`, oldest first: how a consumer catches up. */
  since(afterId: number, limit = 1000): DomainEvent[] {
    return this.sinceStmt.all(afterId, limit).map(toDomainEvent);
  }

  /** Calls and recalls of tickets issued on `localDate`, newest first. */
  recentCalls(localDate: string, limit: number): RecentCall[] {
    return this.recentCallsStmt.all({ day: localDate, limit }).map((r) => ({ ...r, recall: Boolean(r.recall) }));
  }

  /** The id of the newest event: it changes with every change of state. */
  lastId(): number {
    return this.lastIdStmt.get()?.id ?? 0;
  }

  lastIdForTicket(ticketId: number): number {
    return this.lastForTicketStmt.get(ticketId)?.id ?? 0;
  }
}
