import { DomainError } from '../domain/index.js';
import type { Role } from '../protocol/index.js';
import { AuditTrail } from './auditTrail.js';
import type { Actor, ServiceContext } from './context.js';

const MAY_HELP_KEY = (organisationId: string) => `may-help:${organisationId}`;

/** Who is acting, as far as organisations go. */
export interface ScopedActor {
  role: Role;
  organisationId: string | null;
}

/**
 * Which organisations' work a staff member may act on and see in a hall shared by several administrations: their own,
 * and those their organisation has been allowed to help (an explicit, audited setting per ordered pair: "city may
 * help county"). Admins and accounts without an organisation act hall-wide. A counter belongs to the organisations of
 * the services in its work profile; a ticket to its service's organisation.
 */
export class OrganisationScope {
  private readonly audit: AuditTrail;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditTrail(ctx.store, ctx.now);
  }

  /** The organisations `actor` may act for; null = every one (admin, or no organisation). */
  actable(actor: ScopedActor): ReadonlySet<string> | null {
    if (actor.role === 'admin' || actor.organisationId === null) return null;
    return new Set([actor.organisationId, ...this.helps(actor.organisationId)]);
  }

  /** The organisations `organisationId` may help. */
  helps(organisationId: string): string[] {
    const raw = this.ctx.store.hall.state(MAY_HELP_KEY(organisationId));
    if (raw === undefined) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  }

  /** Every organisation with the ones it may help. */
  helpMatrix(): Record<string, string[]> {
    return Object.fromEntries(this.ctx.hall().config.organisations.map((o) => [o.id, this.helps(o.id)]));
  }

  /** An admin sets which organisations `organisationId`'s staff may help; recorded in the audit log. */
  setHelps(organisationId: string, helps: readonly string[], actor: Actor): string[] {
    const known = new Set(this.ctx.hall().config.organisations.map((o) => o.id));
    if (!known.has(organisationId)) throw new DomainError('not_found', `There is no organisation "${organisationId}".`);
    const unknown = helps.find((h) => !known.has(h));
    if (unknown !== undefined) throw new DomainError('validation_failed', `helps: there is no organisation "${unknown}".`);
    const next = [...new Set(helps)].filter((h) => h !== organisationId).sort();
    this.ctx.store.transaction(() => {
      const before = this.helps(organisationId);
      this.ctx.store.hall.setState(MAY_HELP_KEY(organisationId), next.length === 0 ? null : JSON.stringify(next));
      this.audit.record(actor, 'organisation.may-help', organisationId, { helps: before }, { helps: next });
    });
    for (const l of this.listeners) l();
    return next;
  }

  /** Called after a change of who may help whom (realtime re-scopes its staff sockets). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether `actor` may act on (and see) the work of the service's organisation. */
  mayActOnService(actor: ScopedActor, serviceId: string): boolean {
    const orgs = this.actable(actor);
    if (orgs === null) return true;
    const org = this.ctx.hall().services.get(serviceId)?.organisationId;
    // A service of no organisation is the whole hall's.
    return org === undefined || orgs.has(org);
  }

  /** Whether `actor` may work at the counter: it serves a service of an organisation they act for. */
  mayActOnCounter(actor: ScopedActor, counterId: string): boolean {
    const orgs = this.actable(actor);
    if (orgs === null) return true;
    const hall = this.ctx.hall();
    const counter = hall.counters.get(counterId);
    if (!counter) return false;
    return counter.profile.some((p) => this.mayActOnService(actor, p.serviceId)) || counter.profile.length === 0;
  }

  requireService(actor: ScopedActor, serviceId: string): void {
    if (this.mayActOnService(actor, serviceId)) return;
    const org = this.ctx.hall().services.get(serviceId)?.organisationId ?? '';
    throw new DomainError('forbidden', `This is ${this.name(org)}'s work; your organisation has not been allowed to help it.`);
  }

  requireCounter(actor: ScopedActor, counterId: string): void {
    if (this.mayActOnCounter(actor, counterId)) return;
    const label = this.ctx.hall().counters.get(counterId)?.label ?? counterId;
    throw new DomainError('forbidden', `Counter ${label} serves another organisation; your organisation has not been allowed to help it.`);
  }

  private name(organisationId: string): string {
    const o = this.ctx.hall().config.organisations.find((x) => x.id === organisationId);
    const hall = this.ctx.hall();
    return o ? (o.name[hall.defaultLanguage] ?? o.id) : organisationId;
  }
}
