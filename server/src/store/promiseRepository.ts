import type { Db } from './database.js';

/** One estimate told to a visitor: at issue, or later on the status page. */
export interface PromiseRow {
  ticketId: number;
  at: number;
  /** Minutes until the call, as shown; null when "no estimate" was shown. */
  minutes: number | null;
  source: 'issue' | 'status';
}

/** The estimates shown to visitors (`ticket_promises`), so that each can be compared with the actual wait. */
export class PromiseRepository {
  private readonly insertStmt;
  private readonly forTicketStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[number, number, number | null, string]>(
      'INSERT INTO ticket_promises (ticket_id, at, minutes, source) VALUES (?, ?, ?, ?)',
    );
    this.forTicketStmt = db.prepare<[number], { ticket_id: number; at: number; minutes: number | null; source: 'issue' | 'status' }>(
      'SELECT ticket_id, at, minutes, source FROM ticket_promises WHERE ticket_id = ? ORDER BY at, id',
    );
  }

  record(p: PromiseRow): void {
    this.insertStmt.run(p.ticketId, p.at, p.minutes, p.source);
  }

  /** Every estimate shown for one ticket, oldest first. */
  forTicket(ticketId: number): PromiseRow[] {
    return this.forTicketStmt.all(ticketId).map((r) => ({ ticketId: r.ticket_id, at: r.at, minutes: r.minutes, source: r.source }));
  }
}
