import type { Db } from './database.js';

/** Per-day numbering, idempotency keys, the stored hall configuration and small hall-wide values. */
export class HallRepository {
  private readonly getSeqStmt;
  private readonly putSeqStmt;
  private readonly issuedStmt;
  private readonly getKeyStmt;
  private readonly putKeyStmt;
  private readonly purgeKeysStmt;
  private readonly getConfigStmt;
  private readonly putConfigStmt;
  private readonly getStateStmt;
  private readonly putStateStmt;
  private readonly deleteStateStmt;

  constructor(db: Db) {
    this.getSeqStmt = db.prepare<[string, string], { last_seq: number; issued: number }>(
      'SELECT last_seq, issued FROM numbering WHERE service_id = ? AND local_date = ?',
    );
    this.putSeqStmt = db.prepare(
      `INSERT INTO numbering (service_id, local_date, last_seq, issued) VALUES (?, ?, ?, 1)
       ON CONFLICT (service_id, local_date) DO UPDATE SET last_seq = excluded.last_seq, issued = issued + 1`,
    );
    this.issuedStmt = db.prepare<[string], { service_id: string; issued: number }>(
      'SELECT service_id, issued FROM numbering WHERE local_date = ?',
    );
    this.getKeyStmt = db.prepare<[string], { ticket_id: number }>('SELECT ticket_id FROM idempotency WHERE key = ?');
    this.putKeyStmt = db.prepare('INSERT INTO idempotency (key, ticket_id, created_at) VALUES (?, ?, ?)');
    this.purgeKeysStmt = db.prepare('DELETE FROM idempotency WHERE created_at < ?');
    this.getConfigStmt = db.prepare<[], { json: string; source_hash: string | null }>(
      'SELECT json, source_hash FROM hall_config WHERE id = 1',
    );
    this.putConfigStmt = db.prepare(
      `INSERT INTO hall_config (id, json, source_hash, updated_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json, source_hash = excluded.source_hash, updated_at = excluded.updated_at`,
    );
    this.getStateStmt = db.prepare<[string], { value: string }>('SELECT value FROM hall_state WHERE key = ?');
    this.putStateStmt = db.prepare(
      'INSERT INTO hall_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.deleteStateStmt = db.prepare('DELETE FROM hall_state WHERE key = ?');
  }

  lastSequence(serviceId: string, localDate: string): { lastSeq: number; issued: number } {
    const r = this.getSeqStmt.get(serviceId, localDate);
    return { lastSeq: r?.last_seq ?? 0, issued: r?.issued ?? 0 };
  }

  recordSequence(serviceId: string, localDate: string, seq: number): void {
    this.putSeqStmt.run(serviceId, localDate, seq);
  }

  issuedOn(localDate: string): Map<string, number> {
    return new Map(this.issuedStmt.all(localDate).map((r) => [r.service_id, r.issued]));
  }

  ticketForKey(key: string): number | undefined {
    return this.getKeyStmt.get(key)?.ticket_id;
  }

  rememberKey(key: string, ticketId: number, at: number): void {
    this.putKeyStmt.run(key, ticketId, at);
  }

  forgetKeysBefore(at: number): void {
    this.purgeKeysStmt.run(at);
  }

  config(): { json: string; sourceHash: string | null } | undefined {
    const r = this.getConfigStmt.get();
    return r && { json: r.json, sourceHash: r.source_hash };
  }

  saveConfig(json: string, sourceHash: string | null, at: number): void {
    this.putConfigStmt.run(json, sourceHash, at);
  }

  state(key: string): string | undefined {
    return this.getStateStmt.get(key)?.value;
  }

  setState(key: string, value: string | null): void {
    if (value === null) this.deleteStateStmt.run(key);
    else this.putStateStmt.run(key, value);
  }
}
