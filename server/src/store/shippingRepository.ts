import type { Db } from './database.js';

/** The persisted high-water mark of shipping to central. */
export class ShippingRepository {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[], { last_event_id: number }>('SELECT last_event_id FROM central_shipping WHERE id = 1');
    this.setStmt = db.prepare<[number, number]>('UPDATE central_shipping SET last_event_id = ?, updated_at = ? WHERE id = 1');
  }

  mark(): number {
    return this.getStmt.get()?.last_event_id ?? 0;
  }

  setMark(lastEventId: number, at: number): void {
    this.setStmt.run(lastEventId, at);
  }
}
