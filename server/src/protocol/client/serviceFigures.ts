import type { ServiceFigures, ServiceStatus } from '../views.js';

/** A service's figures (what `queue:changed` carries for it). */
export function figuresOf(s: ServiceStatus): ServiceFigures {
  return {
    id: s.id,
    availability: s.availability,
    open: s.open,
    waiting: s.waiting,
    estimatedWaitMinutes: s.estimatedWaitMinutes,
    nextCallMinutes: s.nextCallMinutes,
    countersOpen: s.countersOpen,
    ...(s.notToday ? { notToday: s.notToday } : {}),
    ...(s.serviceLevelAtRisk ? { serviceLevelAtRisk: s.serviceLevelAtRisk } : {}),
  };
}

/**
 * The screen's services with the figures of a `queue:changed` merged in by id: each service named there takes its
 * figures (an optional figure it no longer has is gone); the others, and the order, stay as they are. A service the
 * screen does not know yet is left out: it comes with the snapshot that `hall:config` asks for.
 */
export function withFigures(services: readonly ServiceStatus[], figures: readonly ServiceFigures[]): ServiceStatus[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  return services.map((s) => {
    const f = byId.get(s.id);
    if (!f) return s;
    const { notToday: _notToday, serviceLevelAtRisk: _risk, ...rest } = s;
    return { ...rest, ...f };
  });
}
