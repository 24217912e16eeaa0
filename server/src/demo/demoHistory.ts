import { randomBytes } from 'node:crypto';
import type { NewEvent, Store } from '../store/index.js';
import { addDays, weekdayOf, zonedInstant } from '../domain/index.js';
import type { Language } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { seededRandom, simulateDay, type DemoCounter, type DemoService } from './demoDay.js';

export const DEMO_HISTORY_KEY = 'demo.history';
const DAYS = 21;
const SEED = 20_261_123;
/** Share of visitors per service of the demo hall; others share what is left. */
const SHARES: Record<string, number> = { identity: 0.24, residence: 0.14, parking: 0.1, 'lost-found': 0.05, vehicles: 0.16, licences: 0.16, immigration: 0.15 };
/** Which demo account serves at which counter (counter 7, the help desk, stays closed in the history). */
const STAFF: Record<string, string> = { '1': 'city-staff', '2': 'city-supervisor', '4': 'county-staff', '5': 'county-supervisor', '6': 'admin' };

export interface DemoHistoryResult {
  from: string;
  to: string;
  visits: number;
  events: number;
}

/**
 * On the first start of a demo hall (a database without tickets), writes three weeks of generated visits ending
 * yesterday as real tickets and events, each marked `data.demo = true`, and records `demo.history` in hall_state.
 * Deterministic (seeded). Today's numbering and the live queue are untouched: nothing is dated today.
 */
export function generateDemoHistory(store: Store, s: Services, now: number): DemoHistoryResult | null {
  const hall = s.hall.current();
  if (!hall.config.hall.demo || store.hall.state(DEMO_HISTORY_KEY) !== undefined) return null;
  if (store.ops.hasTickets()) return null;

  const services: DemoService[] = hall.config.services.map((x) => ({
    id: x.id,
    organisationId: x.organisationId ?? '',
    prefix: x.prefix,
    serviceMinutes: x.defaultServiceMinutes,
    share: SHARES[x.id] ?? 0.05,
    targetMinutes: x.targetMinutes,
  }));
  const serviceOrgs = new Set(services.map((x) => x.organisationId));
  const counters: DemoCounter[] = hall.config.counters.flatMap((c) => {
    const user = STAFF[c.id] === undefined ? undefined : store.users.byUsername(STAFF[c.id] ?? '');
    const orgs = new Set(c.profile.map((p) => hall.services.get(p.serviceId)?.organisationId ?? ''));
    const [org] = [...orgs];
    return user && orgs.size === 1 && org !== undefined && serviceOrgs.has(org) ? [{ id: c.id, organisationId: org, userId: user.id }] : [];
  });
  if (counters.length === 0) return null;

  const today = hall.today(now);
  const from = addDays(today, -DAYS);
  const languages = hall.config.hall.languages;
  let visits = 0;
  let events = 0;
  const started = performance.now();
  store.transaction(() => {
    for (let i = 0; i < DAYS; i++) {
      const date = addDays(from, i);
      const weekday = weekdayOf(date);
      if (weekday === 'sun') continue;
      const saturday = weekday === 'sat';
      const day = simulateDay({
        at: (m) => zonedInstant(date, m, hall.timeZone),
        openMinutes: saturday ? 10 * 60 : 8 * 60,
        closeMinutes: saturday ? 14 * 60 : 17 * 60,
        visitors: saturday ? 50 : weekday === 'mon' ? 190 : 160,
        services,
        counters,
        languages,
        random: seededRandom(SEED + i * 7919),
      });
      const ids = day.visits.map((v) =>
        store.tickets.insert({
          number: v.number,
          serviceId: v.serviceId,
          originalServiceId: v.firstServiceId,
          localDate: date,
          state: v.state,
          language: v.language as Language,
          needs: [],
          issuedAt: v.issuedAt,
          queuedAt: v.issuedAt,
          calledAt: v.calledAt,
          startedAt: v.startedAt,
          finishedAt: v.finishedAt,
          noShowAt: v.state === 'no-show' ? v.finishedAt : null,
          counterId: v.counterId,
          targetCounterId: null,
          recallCount: 0,
          outcome: v.outcome,
          note: null,
          callReason: null,
          kioskId: null,
          statusToken: randomBytes(18).toString('base64url'),
        }).id,
      );
      for (const e of day.events) {
        store.events.append({
          type: e.type,
          at: e.at,
          ticketId: e.visit === null ? null : (ids[e.visit] ?? null),
          counterId: e.counterId,
          userId: e.userId,
          serviceId: e.serviceId,
          data: e.data,
          // Generated history: the simulated day writes the same bodies as the services, plus `demo: true`.
        } as NewEvent);
      }
      visits += day.visits.length;
      events += day.events.length;
    }
    const tookMs = Math.round(performance.now() - started);
    store.hall.setState(DEMO_HISTORY_KEY, JSON.stringify({ from, to: addDays(today, -1), visits, events, seed: SEED, generatedAt: now, tookMs }));
  });
  return { from, to: addDays(today, -1), visits, events };
}
