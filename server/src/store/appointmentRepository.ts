import type { AppointmentState, Language } from '../protocol/index.js';
import type { Db } from './database.js';

/** A booking as stored. Times are epoch milliseconds. */
export interface AppointmentRecord {
  id: number;
  code: string;
  serviceId: string;
  localDate: string;
  slotAt: number;
  state: AppointmentState;
  name: string | null;
  language: Language;
  bookedAt: number;
  bookedBy: number | null;
  arrivedAt: number | null;
  ticketId: number | null;
  endedAt: number | null;
  reason: string | null;
}

/** One booking as the appointment statistics read it. */
export interface AppointmentFigureRow {
  serviceId: string;
  state: AppointmentState;
  slotAt: number;
  arrivedAt: number | null;
  calledAt: number | null;
}

interface Row {
  id: number;
  code: string;
  service_id: string;
  local_date: string;
  slot_at: number;
  state: AppointmentState;
  name: string | null;
  language: Language;
  booked_at: number;
  booked_by: number | null;
  arrived_at: number | null;
  ticket_id: number | null;
  ended_at: number | null;
  reason: string | null;
}

function toRecord(r: Row): AppointmentRecord {
  return {
    id: r.id,
    code: r.code,
    serviceId: r.service_id,
    localDate: r.local_date,
    slotAt: r.slot_at,
    state: r.state,
    name: r.name,
    language: r.language,
    bookedAt: r.booked_at,
    bookedBy: r.booked_by,
    arrivedAt: r.arrived_at,
    ticketId: r.ticket_id,
    endedAt: r.ended_at,
    reason: r.reason,
  };
}

export class AppointmentRepository {
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly byCodeStmt;
  private readonly byIdStmt;
  private readonly takenStmt;
  private readonly takenOnStmt;
  private readonly dayStmt;
  private readonly dayServiceStmt;
  private readonly lapsedStmt;
  private readonly upcomingStmt;
  private readonly byTicketStmt;
  private readonly clearNamesStmt;
  private readonly figureRowsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO appointments (code, service_id, local_date, slot_at, state, name, language, booked_at, booked_by)
       VALUES (@code, @serviceId, @localDate, @slotAt, 'booked', @name, @language, @bookedAt, @bookedBy)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE appointments SET local_date = @localDate, slot_at = @slotAt, state = @state, name = @name, arrived_at = @arrivedAt,
         ticket_id = @ticketId, ended_at = @endedAt, reason = @reason WHERE id = @id`,
    );
    this.byCodeStmt = db.prepare<[string], Row>('SELECT * FROM appointments WHERE code = ?');
    this.byIdStmt = db.prepare<[number], Row>('SELECT * FROM appointments WHERE id = ?');
    this.takenStmt = db.prepare<[string, number], { n: number }>(
      `SELECT count(*) AS n FROM appointments WHERE service_id = ? AND slot_at = ? AND state IN ('booked', 'arrived')`,
    );
    this.takenOnStmt = db.prepare<[string, number, number], { slot_at: number; n: number }>(
      `SELECT slot_at, count(*) AS n FROM appointments WHERE service_id = ? AND slot_at >= ? AND slot_at < ? AND state IN ('booked', 'arrived')
        GROUP BY slot_at`,
    );
    this.dayStmt = db.prepare<[string], Row>('SELECT * FROM appointments WHERE local_date = ? ORDER BY slot_at, id');
    this.dayServiceStmt = db.prepare<[string, string], Row>('SELECT * FROM appointments WHERE local_date = ? AND service_id = ? ORDER BY slot_at, id');
    this.lapsedStmt = db.prepare<[number], Row>(`SELECT * FROM appointments WHERE state = 'booked' AND slot_at < ? ORDER BY slot_at`);
    this.upcomingStmt = db.prepare<[number], Row>(`SELECT * FROM appointments WHERE state = 'booked' AND slot_at >= ? ORDER BY slot_at`);
    this.byTicketStmt = db.prepare<[number], Row>('SELECT * FROM appointments WHERE ticket_id = ?');
    this.figureRowsStmt = db.prepare<[string, string], AppointmentFigureRow>(
      `SELECT a.service_id AS serviceId, a.state AS state, a.slot_at AS slotAt, a.arrived_at AS arrivedAt,
         (SELECT min(e.at) FROM events e WHERE e.ticket_id = a.ticket_id AND e.type = 'ticket_called') AS calledAt
       FROM appointments a WHERE a.local_date >= ? AND a.local_date <= ?`,
    );
    this.clearNamesStmt = db.prepare<[string]>('UPDATE appointments SET name = NULL WHERE local_date < ? AND name IS NOT NULL');
  }

  insert(a: Pick<AppointmentRecord, 'code' | 'serviceId' | 'localDate' | 'slotAt' | 'name' | 'language' | 'bookedAt' | 'bookedBy'>): AppointmentRecord {
    const info = this.insertStmt.run(a);
    const row = this.byIdStmt.get(Number(info.lastInsertRowid));
    if (!row) throw new Error('appointment insert read back nothing');
    return toRecord(row);
  }

  update(a: AppointmentRecord): void {
    this.updateStmt.run({
      id: a.id,
      localDate: a.localDate,
      slotAt: a.slotAt,
      state: a.state,
      name: a.name,
      arrivedAt: a.arrivedAt,
      ticketId: a.ticketId,
      endedAt: a.endedAt,
      reason: a.reason,
    });
  }

  byCode(code: string): AppointmentRecord | undefined {
    const r = this.byCodeStmt.get(code);
    return r && toRecord(r);
  }

  byId(id: number): AppointmentRecord | undefined {
    const r = this.byIdStmt.get(id);
    return r && toRecord(r);
  }

  byTicket(ticketId: number): AppointmentRecord | undefined {
    const r = this.byTicketStmt.get(ticketId);
    return r && toRecord(r);
  }

  /** Places taken in one slot (booked or arrived). */
  taken(serviceId: string, slotAt: number): number {
    return this.takenStmt.get(serviceId, slotAt)?.n ?? 0;
  }

  /** Places taken per slot start in [from, to). */
  takenBetween(serviceId: string, from: number, to: number): Map<number, number> {
    return new Map(this.takenOnStmt.all(serviceId, from, to).map((r) => [r.slot_at, r.n]));
  }

  /** A local day's bookings (every state), in slot order; of one service when named. */
  day(localDate: string, serviceId?: string): AppointmentRecord[] {
    return (serviceId === undefined ? this.dayStmt.all(localDate) : this.dayServiceStmt.all(localDate, serviceId)).map(toRecord);
  }

  /** Bookings still waiting for their holder whose slot started before `before`. */
  bookedBefore(before: number): AppointmentRecord[] {
    return this.lapsedStmt.all(before).map(toRecord);
  }

  /** Bookings still to come, from `from` on. */
  bookedFrom(from: number): AppointmentRecord[] {
    return this.upcomingStmt.all(from).map(toRecord);
  }

  /** Bookings with their slot on local dates from..to (inclusive), with the first call of their ticket from the event log. */
  figureRows(from: string, to: string): AppointmentFigureRow[] {
    return this.figureRowsStmt.all(from, to);
  }

  /** Names of bookings of days before `localDate` are deleted (the only personal data a booking may hold). */
  clearNamesBefore(localDate: string): number {
    return this.clearNamesStmt.run(localDate).changes;
  }
}
