import type { Queryable } from './centralDb.js';

export interface CentralUserRecord {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: 'supervisor' | 'admin';
  organisationId: string | null;
  disabled: boolean;
}

interface Row {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'supervisor' | 'admin';
  organisation_id: string | null;
  disabled: boolean;
}

const toRecord = (r: Row): CentralUserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  role: r.role,
  organisationId: r.organisation_id,
  disabled: r.disabled,
});

/** Central back-office accounts and their bearer-token sessions (tokens stored as hashes). */
export class CentralUserRepository {
  constructor(private readonly db: Queryable) {}

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM central_users');
    return rows[0]?.n ?? 0;
  }

  async byUsername(username: string): Promise<CentralUserRecord | undefined> {
    const { rows } = await this.db.query<Row>('SELECT * FROM central_users WHERE username = $1', [username]);
    return rows[0] && toRecord(rows[0]);
  }

  async all(): Promise<CentralUserRecord[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM central_users ORDER BY id');
    return rows.map(toRecord);
  }

  async insert(u: Omit<CentralUserRecord, 'id' | 'disabled'>, now: number): Promise<CentralUserRecord> {
    const { rows } = await this.db.query<Row>(
      `INSERT INTO central_users (username, display_name, password_hash, role, organisation_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [u.username, u.displayName, u.passwordHash, u.role, u.organisationId, now],
    );
    const row = rows[0];
    if (!row) throw new Error('insert returned no row');
    return toRecord(row);
  }

  async insertSession(tokenHash: string, userId: number, now: number, expiresAt: number): Promise<void> {
    await this.db.query('DELETE FROM central_sessions WHERE expires_at <= $1', [now]);
    await this.db.query('INSERT INTO central_sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, userId, now, expiresAt]);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM central_sessions WHERE token_hash = $1', [tokenHash]);
  }

  async bySession(tokenHash: string, now: number): Promise<CentralUserRecord | undefined> {
    const { rows } = await this.db.query<Row>(
      `SELECT u.* FROM central_sessions s JOIN central_users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
      [tokenHash, now],
    );
    return rows[0] && toRecord(rows[0]);
  }
}
