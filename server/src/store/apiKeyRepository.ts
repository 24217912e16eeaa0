import type { ApiKeyView, ApiScope } from '../protocol/index.js';
import type { Db } from './database.js';

export interface ApiKeyRecord extends ApiKeyView {
  createdBy: number | null;
}

interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string;
  organisation_id: string | null;
  rate_per_minute: number;
  expires_at: number | null;
  created_at: number;
  created_by: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

function toKey(r: ApiKeyRow): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: JSON.parse(r.scopes) as ApiScope[],
    organisationId: r.organisation_id,
    ratePerMinute: r.rate_per_minute,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    createdBy: r.created_by,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

/** API keys; the secret itself is never stored, only its SHA-256. */
export class ApiKeyRepository {
  private readonly insertStmt;
  private readonly byHashStmt;
  private readonly byIdStmt;
  private readonly allStmt;
  private readonly revokeStmt;
  private readonly usedStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO api_keys (name, prefix, secret_hash, scopes, organisation_id, rate_per_minute, expires_at, created_at, created_by)
       VALUES (@name, @prefix, @secretHash, @scopes, @organisationId, @ratePerMinute, @expiresAt, @createdAt, @createdBy)`,
    );
    this.byHashStmt = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE secret_hash = ?');
    this.byIdStmt = db.prepare<[number], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
    this.allStmt = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY id');
    this.revokeStmt = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.usedStmt = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  }

  insert(k: Omit<ApiKeyRecord, 'id' | 'revokedAt' | 'lastUsedAt'>, secretHash: string): ApiKeyRecord {
    const info = this.insertStmt.run({ ...k, scopes: JSON.stringify(k.scopes), secretHash });
    return { ...k, id: Number(info.lastInsertRowid), revokedAt: null, lastUsedAt: null };
  }

  byHash(secretHash: string): ApiKeyRecord | undefined {
    const r = this.byHashStmt.get(secretHash);
    return r && toKey(r);
  }

  byId(id: number): ApiKeyRecord | undefined {
    const r = this.byIdStmt.get(id);
    return r && toKey(r);
  }

  all(): ApiKeyRecord[] {
    return this.allStmt.all().map(toKey);
  }

  revoke(id: number, at: number): void {
    this.revokeStmt.run(at, id);
  }

  markUsed(id: number, at: number): void {
    this.usedStmt.run(at, id);
  }
}
