import type { AuditEntryView, AuditKind, Role } from '../protocol/index.js';
import type { Db } from './database.js';

export interface NewAuditEntry {
  at: number;
  userId: number | null;
  actor: string;
  actorRole: Role | null;
  actorOrganisationId: string | null;
  kind: AuditKind;
  target: string | null;
  before: unknown;
  after: unknown;
  sourceIp: string | null;
}

export interface AuditFilter {
  userId?: number | undefined;
  kind?: AuditKind | undefined;
  from?: number | undefined;
  to?: number | undefined;
  before?: number | undefined;
  /** Only entries by actors of this organisation. */
  actorOrganisationId?: string | undefined;
  limit: number;
}

interface AuditRow {
  id: number;
  at: number;
  user_id: number | null;
  actor: string;
  actor_role: Role | null;
  actor_organisation_id: string | null;
  kind: AuditKind;
  target: string | null;
  before: string | null;
  after: string | null;
  source_ip: string | null;
}

function toView(r: AuditRow): AuditEntryView {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    actorRole: r.actor_role,
    actorOrganisationId: r.actor_organisation_id,
    kind: r.kind,
    target: r.target,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    sourceIp: r.source_ip,
  };
}

/** The audit log: append-only (the database refuses UPDATE and DELETE on it). */
export class AuditRepository {
  private readonly insertStmt;
  private readonly queryStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, user_id, actor, actor_role, actor_organisation_id, kind, target, before, after, source_ip)
       VALUES (@at, @userId, @actor, @actorRole, @actorOrganisationId, @kind, @target, @before, @after, @sourceIp)`,
    );
    // Optional filters as "(? IS NULL OR …)": one statement, prepared once.
    this.queryStmt = db.prepare<Record<string, string | number | null>, AuditRow>(
      `SELECT * FROM audit_log
        WHERE (@userId IS NULL OR user_id = @userId)
          AND (@kind IS NULL OR kind = @kind)
          AND (@from IS NULL OR at >= @from)
          AND (@to IS NULL OR at < @to)
          AND (@before IS NULL OR id < @before)
          AND (@org IS NULL OR actor_organisation_id = @org)
        ORDER BY id DESC LIMIT @limit`,
    );
  }

  append(e: NewAuditEntry): number {
    const info = this.insertStmt.run({
      ...e,
      before: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      after: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
    });
    return Number(info.lastInsertRowid);
  }

  /** Newest first. */
  query(f: AuditFilter): AuditEntryView[] {
    return this.queryStmt
      .all({
        userId: f.userId ?? null,
        kind: f.kind ?? null,
        from: f.from ?? null,
        to: f.to ?? null,
        before: f.before ?? null,
        org: f.actorOrganisationId ?? null,
        limit: f.limit,
      })
      .map(toView);
  }
}
