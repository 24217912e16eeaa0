import type { AuditEntryView, AuditKind, AuditQuery } from '../protocol/index.js';
import type { Store } from '../store/index.js';
import type { Actor } from './context.js';

/**
 * The audit log of administrative and supervisory actions: who, when, what changed (before/after), from where.
 * `record` runs inside the transaction of the change it describes, so a change and its record commit together.
 */
export class AuditTrail {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  record(actor: Actor, kind: AuditKind, target: string | null, before: unknown, after: unknown): void {
    this.store.audit.append({
      at: this.now(),
      userId: actor.userId,
      actor: actor.username ?? actor.name,
      actorRole: actor.role,
      actorOrganisationId: actor.organisationId,
      kind,
      target,
      before: before ?? null,
      after: after ?? null,
      sourceIp: actor.from ?? null,
    });
  }

  /** Newest first. A supervisor of an organisation reads the actions of that organisation's staff only. */
  list(reader: Actor, q: Omit<AuditQuery, 'format'>): AuditEntryView[] {
    const own = reader.role === 'supervisor' && reader.organisationId !== null ? reader.organisationId : undefined;
    return this.store.audit.query({ ...q, actorOrganisationId: own });
  }
}
