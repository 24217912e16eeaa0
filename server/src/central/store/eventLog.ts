import type { ShippedEvent } from '../../protocol/index.js';
import type { Queryable } from './centralDb.js';

export interface CentralEventRow {
  event_id: number;
  type: string;
  at: number;
  ticket_id: number | null;
  counter_id: string | null;
  user_id: number | null;
  service_id: string | null;
  data: Record<string, unknown> | null;
}

/** The halls' shipped event logs: append-only, one row per (hall, hall event id). */
export class CentralEventLog {
  constructor(private readonly db: Queryable) {}

  /** Stores the events not stored yet (a resent one is ignored); returns how many were new. */
  async append(hallId: string, events: readonly ShippedEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const r = await this.db.query(
      `INSERT INTO events (hall_id, event_id, type, at, ticket_id, counter_id, user_id, service_id, data)
       SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::float8[], $5::bigint[], $6::text[], $7::bigint[], $8::text[], $9::jsonb[])
       ON CONFLICT (hall_id, event_id, at) DO NOTHING`,
      [
        hallId,
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => e.at),
        events.map((e) => e.ticketId),
        events.map((e) => e.counterId),
        events.map((e) => e.userId),
        events.map((e) => e.serviceId),
        events.map((e) => (e.data === null ? null : JSON.stringify(e.data))),
      ],
    );
    return r.rowCount ?? 0;
  }

  async after(hallId: string, afterId: number, limit: number): Promise<CentralEventRow[]> {
    const { rows } = await this.db.query<CentralEventRow>(
      `SELECT event_id, type, at, ticket_id, counter_id, user_id, service_id, data FROM events
        WHERE hall_id = $1 AND event_id > $2 ORDER BY event_id LIMIT $3`,
      [hallId, afterId, limit],
    );
    return rows;
  }

  async count(hallId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE hall_id = $1', [hallId]);
    return rows[0]?.n ?? 0;
  }
}
