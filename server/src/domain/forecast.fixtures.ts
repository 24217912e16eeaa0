import type { Need } from '../protocol/index.js';
import type { ForecastInput } from './forecast.js';
import { issue } from './transitions.js';
import type { Counter, Ticket } from './types.js';

// The queues the forecast tests play (forecast.test.ts, forecastBatch.test.ts). A `*.fixtures.ts` file is for tests
// only: the server's build leaves it out, the test project type-checks it.

export const MIN = 60_000;
/** Monday 2026-11-23, 09:00 UTC. */
export const NOW = Date.UTC(2026, 10, 23, 9, 0);

/** Ticket `id` (number `X<id>`) for `serviceId`, issued `minutesAgo` minutes before NOW. */
export function ticket(id: number, serviceId: string, minutesAgo: number, needs: Need[] = [], extra: Partial<Ticket> = {}): Ticket {
  const t = issue({ number: `X${id}`, serviceId, localDate: '2026-11-23', language: 'en', needs, kioskId: null, statusToken: `t${id}` }, NOW - minutesAgo * MIN);
  return { ...t, id, ...extra };
}

/** An open, staffed counter serving `services`, free since NOW. */
export function counter(id: string, services: Counter['services'], extra: Partial<Counter> = {}): Counter {
  return { id, label: id, features: [], profile: services, open: true, services, userId: 1, openedAt: NOW, pausedReason: null, pausedAt: null, normalsSincePriority: 0, ...extra };
}

/** Average visit minutes: a 8, b 10, c 3, any other service 5. */
const average: Record<string, number> = { a: 8, b: 10, c: 3 };

/** The forecast's input at NOW: aging policy (10 min bonus), equal service weights, at most 100 calls. */
export function input(waiting: Ticket[], counters: Counter[], extra: Partial<ForecastInput> = {}): ForecastInput {
  return {
    waiting,
    counters,
    freeAt: new Map(),
    averageMinutes: (s) => average[s] ?? 5,
    servicePriorityWeight: () => 1,
    policy: { mode: 'aging', bonusMinutes: 10 },
    now: NOW,
    maxCalls: 100,
    ...extra,
  };
}
