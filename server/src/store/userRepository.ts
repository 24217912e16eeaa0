import type { Role, UserView } from '../protocol/index.js';
import type { Db } from './database.js';

export type UserSource = 'local' | 'directory';

export interface UserRecord extends UserView {
  passwordHash: string;
  disabled: boolean;
  /** 'directory' accounts sign in only through LDAP and have no usable local password. */
  source: UserSource;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  organisation_id: string | null;
  disabled: number;
  source: UserSource;
}

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    organisationId: r.organisation_id,
    passwordHash: r.password_hash,
    disabled: r.disabled === 1,
    source: r.source,
  };
}

export function toUserView(u: UserRecord): UserView {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, organisationId: u.organisationId };
}

export class UserRepository {
  private readonly byNameStmt;
  private readonly byIdStmt;
  private readonly allStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly countStmt;

  constructor(db: Db) {
    this.byNameStmt = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    this.byIdStmt = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
    this.allStmt = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
    this.insertStmt = db.prepare(
      `INSERT INTO users (username, display_name, password_hash, role, organisation_id, created_at, source)
       VALUES (@username, @displayName, @passwordHash, @role, @organisationId, @createdAt, @source)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE users SET display_name = @displayName, password_hash = @passwordHash, role = @role,
         organisation_id = @organisationId, disabled = @disabled WHERE id = @id`,
    );
  }

  byUsername(username: string): UserRecord | undefined {
    const r = this.byNameStmt.get(username);
    return r && toUser(r);
  }

  byId(id: number): UserRecord | undefined {
    const r = this.byIdStmt.get(id);
    return r && toUser(r);
  }

  all(): UserRecord[] {
    return this.allStmt.all().map(toUser);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  insert(u: Omit<UserRecord, 'id' | 'disabled' | 'source'> & { source?: UserSource }, createdAt: number): UserRecord {
    const source = u.source ?? 'local';
    const info = this.insertStmt.run({ ...u, source, createdAt });
    return { ...u, source, id: Number(info.lastInsertRowid), disabled: false };
  }

  update(u: UserRecord): void {
    this.updateStmt.run({ ...u, disabled: u.disabled ? 1 : 0 });
  }
}

export class SessionRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly deleteStmt;
  private readonly purgeStmt;
  private readonly deleteForUserStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    this.getStmt = db.prepare<[string, number], { user_id: number; expires_at: number }>(
      'SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
    );
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.purgeStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.deleteForUserStmt = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  }

  insert(tokenHash: string, userId: number, createdAt: number, expiresAt: number): void {
    this.insertStmt.run(tokenHash, userId, createdAt, expiresAt);
  }

  find(tokenHash: string, now: number): { userId: number; expiresAt: number } | undefined {
    const r = this.getStmt.get(tokenHash, now);
    return r && { userId: r.user_id, expiresAt: r.expires_at };
  }

  delete(tokenHash: string): void {
    this.deleteStmt.run(tokenHash);
  }

  deleteForUser(userId: number): void {
    this.deleteForUserStmt.run(userId);
  }

  purge(now: number): void {
    this.purgeStmt.run(now);
  }
}
