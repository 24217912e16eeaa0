import type { CatalogueEntry, CatalogueSubscription, HallConfig, ServiceConfig } from '../protocol/index.js';
import type { Actor, HallService } from '../services/index.js';

/** The catalogue entries this hall's services follow, with the versions applied. */
export function catalogueSubscriptions(config: HallConfig): CatalogueSubscription[] {
  return config.services.flatMap((s) => (s.catalogue ? [{ id: s.catalogue.id, version: s.catalogue.version }] : []));
}

/**
 * Applies newer central catalogue entries to the services that follow them: name, what to prepare (when the entry
 * has it) and the service-level target. Hours, counters, prefixes and the organisation stay local. The change is
 * one configuration change of the hall, so it is in the hall's event log (`config_changed`, what
 * `catalogue:<ids>`) and in its audit log (`service.catalogue`, before and after), by the actor "central catalogue".
 * Returns the ids of the services changed.
 */
export function applyCatalogue(hall: HallService, entries: readonly CatalogueEntry[], centralUrl: string): string[] {
  const config = hall.current().config;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const before: ServiceConfig[] = [];
  const after: ServiceConfig[] = [];
  const services = config.services.map((s) => {
    const e = s.catalogue && byId.get(s.catalogue.id);
    if (!s.catalogue || !e || e.version <= s.catalogue.version) return s;
    const next: ServiceConfig = {
      ...s,
      name: e.name,
      ...(e.prepare ? { prepare: e.prepare } : {}),
      targetMinutes: e.targetMinutes,
      catalogue: { id: e.id, version: e.version },
    };
    before.push(s);
    after.push(next);
    return next;
  });
  if (after.length === 0) return [];
  const ids = after.map((s) => s.id);
  const actor: Actor = { userId: 0, name: 'Central catalogue', username: 'central', role: 'admin', organisationId: null, from: centralUrl };
  hall.replace({ ...config, services }, actor, `catalogue:${ids.join(',')}`, { kind: 'service.catalogue', target: ids.join(','), before, after });
  return ids;
}
