import { DomainError, addDays } from '../domain/index.js';
import type { HallConfig } from '../protocol/index.js';
import type { Actor } from '../services/index.js';

/**
 * Who may read which figures. An admin, or a supervisor without an organisation, reads the whole hall. A supervisor
 * of an organisation reads only that organisation's services: asking for another organisation, or for a service,
 * counter or staff member of another organisation, is refused (403), and every total leaves the others out.
 */
export interface ScopeRequest {
  from?: string | undefined;
  to?: string | undefined;
  organisationId?: string | undefined;
  serviceId?: string | undefined;
  counterId?: string | undefined;
  userId?: number | undefined;
}

export interface Scope {
  from: string;
  to: string;
  /** null: every service, including ones no longer configured. */
  services: string[] | null;
  /** Counters whose time the reader sees; null: all. */
  counters: string[] | null;
  counterId?: string | undefined;
  userId?: number | undefined;
}

const DEFAULT_DAYS = 30;
const MAX_DAYS = 400;

export function resolveScope(
  config: HallConfig,
  actor: Actor,
  q: ScopeRequest,
  today: string,
  userOrganisation: (userId: number) => string | null | undefined,
): Scope {
  const own = actor.role === 'supervisor' ? actor.organisationId : null;
  if (q.organisationId !== undefined) {
    if (!config.organisations.some((o) => o.id === q.organisationId)) {
      throw new DomainError('validation_failed', `There is no organisation "${q.organisationId}".`);
    }
    if (own !== null && q.organisationId !== own) throw forbidden('organisation', q.organisationId);
  }
  const org = q.organisationId ?? own;
  let services: string[] | null = org === null ? null : config.services.filter((s) => s.organisationId === org).map((s) => s.id);
  if (q.serviceId !== undefined) {
    const known = config.services.find((s) => s.id === q.serviceId);
    if (services !== null && !services.includes(q.serviceId)) {
      if (known && own !== null && known.organisationId !== own) throw forbidden('service', q.serviceId);
      if (!known) throw new DomainError('unknown_service', `There is no service "${q.serviceId}".`);
      services = [];
    } else {
      services = [q.serviceId];
    }
  }
  const mine = services === null ? null : new Set(services);
  const counters = mine === null ? null : config.counters.filter((c) => c.profile.some((p) => mine.has(p.serviceId))).map((c) => c.id);
  if (q.counterId !== undefined && own !== null) {
    const ownServices = new Set(config.services.filter((s) => s.organisationId === own).map((s) => s.id));
    const counter = config.counters.find((c) => c.id === q.counterId);
    if (!counter) throw new DomainError('unknown_counter', `There is no counter "${q.counterId}".`);
    if (!counter.profile.some((p) => ownServices.has(p.serviceId))) throw forbidden('counter', q.counterId);
  }
  if (q.userId !== undefined && own !== null) {
    const userOrg = userOrganisation(q.userId);
    if (userOrg === undefined) throw new DomainError('not_found', `There is no user ${q.userId}.`);
    if (userOrg !== null && userOrg !== own) throw forbidden('staff member', String(q.userId));
  }
  const to = q.to ?? (q.from !== undefined && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, 1 - DEFAULT_DAYS);
  if (from > to) throw new DomainError('validation_failed', '"from" must not be after "to".');
  if (daysBetween(from, to) + 1 > MAX_DAYS) throw new DomainError('validation_failed', `A range covers at most ${MAX_DAYS} days.`);
  return {
    from,
    to,
    services,
    counters: q.counterId !== undefined ? [q.counterId] : counters,
    counterId: q.counterId,
    userId: q.userId,
  };
}

export function daysBetween(from: string, to: string): number {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, dd ?? 1) / 86_400_000;
  };
  return Math.round(day(to) - day(from));
}

function forbidden(what: string, id: string): DomainError {
  return new DomainError('forbidden', `Your statistics cover your own organisation only; the ${what} "${id}" belongs to another.`);
}
