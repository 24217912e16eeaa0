import { describe, expect, it } from 'vitest';
import type { Feature, Need, PriorityPolicy } from '../protocol/index.js';
import { forecastCalls, type ForecastInput } from './forecast.js';
import { forecastBatch, NEW_TICKET_ID } from './forecastBatch.js';
import { counter, input, MIN, NOW, ticket } from './forecast.fixtures.js';
import { issue } from './transitions.js';

/** Today's answer, one play per service: the queue played forward with one new ticket added, until it is called. */
function onePlayPerService(inp: Omit<ForecastInput, 'until'>, serviceId: string): number | null | undefined {
  const p = { ...issue({ number: '', serviceId, localDate: '', language: 'en', needs: [], kioskId: null, statusToken: '' }, inp.now), id: NEW_TICKET_ID };
  const f = forecastCalls({ ...inp, waiting: [...inp.waiting, p], until: NEW_TICKET_ID });
  const at = f.callAt.get(NEW_TICKET_ID);
  return at !== undefined ? at : f.complete ? null : undefined;
}

const SERVICES = ['a', 'b', 'c'];

function expectSameAsTodays(inp: Omit<ForecastInput, 'until'>): void {
  const batch = forecastBatch(inp, SERVICES);
  const base = forecastCalls(inp);
  expect(batch.callAt).toEqual(base.callAt);
  expect(batch.complete).toBe(base.complete);
  for (const s of SERVICES) expect(batch.newTicketAt.get(s), `new ticket of ${s}`).toBe(onePlayPerService(inp, s));
}

/** The forecast scenarios of forecast.test.ts, plus the new-ticket question for every service. */
const SCENARIOS: [string, Omit<ForecastInput, 'until'>][] = [
  [
    'a counter favouring A, an older B ticket',
    input([ticket(1, 'a', 10), ticket(2, 'b', 10), ticket(3, 'a', 5)], [counter('1', [{ serviceId: 'a', weight: 2 }, { serviceId: 'b', weight: 1 }])]),
  ],
  [
    'a busy counter and a second one sharing the work',
    input([ticket(1, 'a', 3), ticket(2, 'a', 2), ticket(3, 'a', 1)], [counter('1', [{ serviceId: 'a', weight: 1 }]), counter('2', [{ serviceId: 'a', weight: 1 }])], {
      freeAt: new Map([['1', NOW + 4 * MIN]]),
    }),
  ],
  [
    'a ticket no open counter can call',
    input([ticket(1, 'b', 5), ticket(2, 'a', 1)], [
      counter('1', [{ serviceId: 'a', weight: 1 }]),
      counter('2', [{ serviceId: 'b', weight: 1 }], { pausedAt: NOW - MIN, pausedReason: 'lunch' }),
    ]),
  ],
  ['the call limit', input([1, 2, 3, 4].map((i) => ticket(i, 'a', 10 - i)), [counter('1', [{ serviceId: 'a', weight: 1 }])], { maxCalls: 2 })],
  ['an empty queue', input([], [counter('1', [{ serviceId: 'a', weight: 1 }]), counter('2', [{ serviceId: 'b', weight: 1 }])])],
  ['no counter open', input([ticket(1, 'a', 3)], [counter('1', [{ serviceId: 'a', weight: 1 }], { open: false })])],
];

describe('forecastBatch: one play forward answers every waiting ticket and a new ticket of every service', () => {
  for (const [name, inp] of SCENARIOS) {
    it(`gives today's answers (one play per service): ${name}`, () => expectSameAsTodays(inp));
  }

  it('a new ticket waits behind the queue of its service and is not delayed by the other services’ new tickets', () => {
    const c1 = counter('1', [{ serviceId: 'a', weight: 1 }, { serviceId: 'b', weight: 1 }]);
    const b = forecastBatch(input([ticket(1, 'a', 2)], [c1]), ['a', 'b']);
    expect(b.callAt.get(1)).toBe(NOW);
    expect(b.newTicketAt.get('a')).toBe(NOW + 8 * MIN);
    expect(b.newTicketAt.get('b')).toBe(NOW + 8 * MIN);
  });

  it('a new ticket of a service no open counter serves is never called (null); beyond the horizon it is unknown', () => {
    const c1 = counter('1', [{ serviceId: 'a', weight: 1 }]);
    const b = forecastBatch(input([ticket(1, 'a', 2), ticket(2, 'a', 1)], [c1], { maxCalls: 1 }), ['a', 'c']);
    expect(b.complete).toBe(false);
    expect(b.newTicketAt.get('a')).toBeUndefined();
    const full = forecastBatch(input([ticket(1, 'a', 2)], [c1]), ['a', 'c']);
    expect(full.newTicketAt.get('c')).toBeNull();
  });

  it("equals today's per-service answers on 300 generated halls (needs, priority, named counters, every policy)", () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const policies: PriorityPolicy[] = [
      { mode: 'aging', bonusMinutes: 10 },
      { mode: 'strict' },
      { mode: 'ratio', normalPerPriority: 2 },
    ];
    const needsChoices: Need[][] = [[], [], [], ['priority'], ['hearing-loop'], ['low-desk'], ['hearing-loop', 'low-desk'], ['priority', 'hearing-loop']];
    const featureChoices: Feature[][] = [[], [], ['hearing-loop'], ['low-desk'], ['hearing-loop', 'low-desk']];
    for (let n = 0; n < 300; n++) {
      const counters = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
        const services = SERVICES.filter(() => rnd() < 0.6).map((serviceId) => ({ serviceId, weight: pick([1, 1, 2, 3]) }));
        const list = services.length > 0 ? services : [{ serviceId: pick(SERVICES), weight: 1 }];
        return counter(String(i + 1), list, {
          features: pick(featureChoices),
          pausedAt: rnd() < 0.15 ? NOW - MIN : null,
          open: rnd() > 0.1,
          normalsSincePriority: Math.floor(rnd() * 3),
        });
      });
      const waiting = Array.from({ length: Math.floor(rnd() * 25) }, (_, i) =>
        ticket(i + 1, pick(SERVICES), Math.floor(rnd() * 40), pick(needsChoices), rnd() < 0.08 ? { targetCounterId: pick(counters).id } : {}),
      );
      const freeAt = new Map(counters.filter(() => rnd() < 0.5).map((c) => [c.id, NOW + Math.floor(rnd() * 12) * MIN]));
      expectSameAsTodays(
        input(waiting, counters, {
          freeAt,
          policy: pick(policies),
          servicePriorityWeight: (s) => (s === 'c' ? 2 : 1),
          maxCalls: rnd() < 0.2 ? Math.floor(rnd() * 10) : 100,
        }),
      );
    }
  });
});
