import type { Db } from './database.js';

export type SignInOutcome = 'ok' | 'wrong-password' | 'refused';

export interface SignInAttemptRecord {
  id: number;
  at: number;
  username: string;
  address: string;
  outcome: SignInOutcome;
  reason: string | null;
}

/** The newest attempts are kept: older than `KEEP_MS`, or beyond `KEEP_ROWS`, are deleted. */
const KEEP_MS = 30 * 86_400_000;
const KEEP_ROWS = 20_000;
/** A known-good address is one used within this time (AuthService); older records only hold an address for nothing. */
export const KNOWN_ADDRESS_MS = 90 * 86_400_000;

/** Sign-in attempts (for the admin) and each user's known-good addresses. */
export class SignInRepository {
  private readonly insertStmt;
  private readonly recentStmt;
  private readonly pruneOldStmt;
  private readonly pruneManyStmt;
  private readonly knownStmt;
  private readonly rememberStmt;
  private readonly forgetKnownStmt;
  private inserted = 0;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO sign_in_attempts (at, username, address, outcome, reason) VALUES (?, ?, ?, ?, ?)');
    this.recentStmt = db.prepare<[number], SignInAttemptRecord>(
      'SELECT id, at, username, address, outcome, reason FROM sign_in_attempts ORDER BY id DESC LIMIT ?',
    );
    this.pruneOldStmt = db.prepare('DELETE FROM sign_in_attempts WHERE at < ?');
    this.pruneManyStmt = db.prepare(`DELETE FROM sign_in_attempts WHERE id <= (SELECT max(id) FROM sign_in_attempts) - ${KEEP_ROWS}`);
    this.knownStmt = db.prepare<[number, string, number], { n: number }>(
      'SELECT count(*) AS n FROM known_sign_in_addresses WHERE user_id = ? AND address = ? AND last_at > ?',
    );
    this.forgetKnownStmt = db.prepare('DELETE FROM known_sign_in_addresses WHERE last_at < ?');
    this.rememberStmt = db.prepare(
      `INSERT INTO known_sign_in_addresses (user_id, address, last_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id, address) DO UPDATE SET last_at = excluded.last_at`,
    );
  }

  record(at: number, username: string, address: string, outcome: SignInOutcome, reason: string | null = null): void {
    this.insertStmt.run(at, username.slice(0, 100), address.slice(0, 64), outcome, reason);
    this.inserted += 1;
    if (this.inserted % 500 === 1) {
      this.pruneOldStmt.run(at - KEEP_MS);
      this.pruneManyStmt.run();
    }
  }

  /**
   * Deletes attempts older than 30 days and known addresses unused for 90 (they hold personal data: usernames and
   * addresses). Inserting prunes too, but a quiet hall inserts nothing, so the daily retention run calls this.
   */
  purgeOld(now: number): number {
    return this.pruneOldStmt.run(now - KEEP_MS).changes + this.forgetKnownStmt.run(now - KNOWN_ADDRESS_MS).changes;
  }

  recent(limit: number): SignInAttemptRecord[] {
    return this.recentStmt.all(limit);
  }

  /** Whether the user signed in from this address within `withinMs`. */
  isKnown(userId: number, address: string, now: number, withinMs: number): boolean {
    return (this.knownStmt.get(userId, address, now - withinMs)?.n ?? 0) > 0;
  }

  remember(userId: number, address: string, at: number): void {
    this.rememberStmt.run(userId, address, at);
  }
}
