import { statSync } from 'node:fs';
import type { Db } from './database.js';

export interface DayCounts {
  issued: number;
  called: number;
  served: number;
}

/** What operators ask of the database: can it write, how big is it, what happened today. */
export class OpsRepository {
  private readonly dayCountsStmt;
  private readonly openCountersStmt;
  private readonly pingStmt;
  private readonly anyTicketStmt;

  constructor(private readonly db: Db) {
    this.dayCountsStmt = db.prepare<[string], DayCounts>(
      `SELECT COUNT(*) AS issued, COUNT(called_at) AS called, COUNT(started_at) AS served FROM tickets WHERE local_date = ?`,
    );
    this.openCountersStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM counters WHERE open = 1');
    this.pingStmt = db.prepare('SELECT 1');
    this.anyTicketStmt = db.prepare('SELECT 1 FROM tickets LIMIT 1');
  }

  /** Whether any ticket was ever issued (the demo history is generated only into an empty hall). */
  hasTickets(): boolean {
    return this.anyTicketStmt.get() !== undefined;
  }

  /** Reads from the database: fails when the file cannot be read. */
  ping(): void {
    this.pingStmt.get();
  }

  /** Takes the write lock and lets it go: fails when the file is read-only, locked or gone. */
  probeWrite(): void {
    this.db.exec('BEGIN IMMEDIATE; ROLLBACK');
  }

  /** Tickets of one hall-local day: issued, called at least once, served. */
  dayCounts(localDate: string): DayCounts {
    return this.dayCountsStmt.get(localDate) ?? { issued: 0, called: 0, served: 0 };
  }

  openCounters(): number {
    return this.openCountersStmt.get()?.n ?? 0;
  }

  /** The database file and its write-ahead log, in bytes. */
  sizeBytes(): number {
    const file = this.db.name;
    let total = 0;
    for (const f of [file, `${file}-wal`]) {
      try {
        total += statSync(f).size;
      } catch {
        // no WAL file right after a checkpoint
      }
    }
    return total;
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }
}
