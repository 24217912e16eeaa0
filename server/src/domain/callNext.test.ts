import { describe, expect, it } from 'vitest';
import type { PriorityPolicy } from '../protocol/index.js';
import { afterCall, chooseNext, firstEligible, type CallChoice, type CallNextInput } from './callNext.js';
import { DomainError } from './errors.js';
import type { Counter, Ticket } from './types.js';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 2, 16, 10, 0); // Monday 2026-03-16 12:00 in Helsinki
const ago = (minutes: number): number => NOW - minutes * MINUTE;

let nextId = 1;
function ticket(overrides: Partial<Ticket> = {}): Ticket {
  const id = overrides.id ?? nextId++;
  return {
    id,
    number: `A${String(id).padStart(3, '0')}`,
    serviceId: 'permits',
    originalServiceId: overrides.serviceId ?? 'permits',
    localDate: '2026-03-16',
    state: 'waiting',
    language: 'en',
    needs: [],
    issuedAt: overrides.queuedAt ?? ago(10),
    queuedAt: ago(10),
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    noShowAt: null,
    counterId: null,
    targetCounterId: null,
    recallCount: 0,
    outcome: null,
    note: null,
    callReason: null,
    kioskId: null,
    statusToken: `token-${id}`,
    ...overrides,
  };
}

function counter(id: string, overrides: Partial<Counter> = {}): Counter {
  const services = overrides.services ?? [{ serviceId: 'permits', weight: 1 }];
  return {
    id,
    label: id.toUpperCase(),
    features: [],
    profile: services,
    open: true,
    services,
    userId: 1,
    openedAt: ago(120),
    pausedReason: null,
    pausedAt: null,
    normalsSincePriority: 0,
    ...overrides,
  };
}

const AGING: PriorityPolicy = { mode: 'aging', bonusMinutes: 10 };
const STRICT: PriorityPolicy = { mode: 'strict' };
const RATIO: PriorityPolicy = { mode: 'ratio', normalPerPriority: 2 };

function input(waiting: readonly Ticket[], me: Counter, extra: Partial<CallNextInput> = {}): CallNextInput {
  return {
    waiting,
    counter: me,
    counters: extra.counters ?? [me],
    servicePriorityWeight: () => 1,
    policy: AGING,
    now: NOW,
    ...extra,
  };
}

function picked(result: CallChoice | DomainError): CallChoice {
  if (result instanceof DomainError) throw new Error(`expected a call, got ${result.code}: ${result.message}`);
  return result;
}

function refused(result: CallChoice | DomainError): DomainError {
  if (!(result instanceof DomainError)) throw new Error(`expected a DomainError, got ticket ${result.ticket.number}`);
  return result;
}

describe('counter state', () => {
  it('a closed counter cannot call and is told to open first', () => {
    const err = refused(chooseNext(input([ticket()], counter('c1', { open: false }))));
    expect(err.code).toBe('counter_closed');
    expect(err.message).toBe('Counter C1 is closed. Open it first.');
  });

  it('a paused counter cannot call and is told to resume first', () => {
    const err = refused(chooseNext(input([ticket()], counter('c1', { pausedAt: ago(1), pausedReason: 'break' }))));
    expect(err.code).toBe('counter_paused');
    expect(err.message).toBe('Counter C1 is paused. Resume it first.');
  });

  it('a counter with nothing eligible gets queue_empty', () => {
    const other = ticket({ serviceId: 'benefits' });
    const finished = ticket({ state: 'done' });
    const err = refused(chooseNext(input([other, finished], counter('c1'))));
    expect(err.code).toBe('queue_empty');
    expect(err.message).toBe('Nobody is waiting for counter C1.');
  });
});

describe('work profile', () => {
  it('a counter only calls services in its active work profile, even if its configured profile has more', () => {
    const benefits = ticket({ serviceId: 'benefits', queuedAt: ago(60) });
    const permits = ticket({ serviceId: 'permits', queuedAt: ago(5) });
    const me = counter('c1', {
      profile: [
        { serviceId: 'permits', weight: 1 },
        { serviceId: 'benefits', weight: 1 },
      ],
      services: [{ serviceId: 'permits', weight: 1 }],
    });
    const choice = picked(chooseNext(input([benefits, permits], me)));
    expect(choice.ticket).toBe(permits);
    expect(choice.reason.candidates).toBe(1);
  });

  it('only waiting tickets are candidates', () => {
    const onCall = ticket({ state: 'called', queuedAt: ago(60), counterId: 'c2' });
    const waiting = ticket({ queuedAt: ago(1) });
    expect(picked(chooseNext(input([onCall, waiting], counter('c1')))).ticket).toBe(waiting);
  });
});

describe('weighted wait', () => {
  it('the ticket that has waited longest is called first', () => {
    const newer = ticket({ queuedAt: ago(5) });
    const older = ticket({ queuedAt: ago(20) });
    const choice = picked(chooseNext(input([newer, older], counter('c1'))));
    expect(choice.ticket).toBe(older);
    expect(choice.reason).toEqual({
      rule: 'weighted-wait',
      policy: 'aging',
      waitedMinutes: 20,
      weight: 1,
      score: 20,
      matchedFeature: null,
      candidates: 2,
    });
  });

  it('a heavier counter weight lets a shorter wait win', () => {
    const me = counter('c1', {
      services: [
        { serviceId: 'permits', weight: 1 },
        { serviceId: 'benefits', weight: 3 },
      ],
    });
    const permits = ticket({ serviceId: 'permits', queuedAt: ago(20) });
    const benefits = ticket({ serviceId: 'benefits', queuedAt: ago(8) });
    const choice = picked(chooseNext(input([permits, benefits], me)));
    expect(choice.ticket).toBe(benefits);
    expect(choice.reason).toMatchObject({ weight: 3, waitedMinutes: 8, score: 24 });
  });

  it('the weight is the counter weight multiplied by the service priority weight', () => {
    const me = counter('c1', {
      services: [
        { serviceId: 'permits', weight: 2 },
        { serviceId: 'benefits', weight: 1 },
      ],
    });
    const permits = ticket({ serviceId: 'permits', queuedAt: ago(10) }); // 10 × 2 × 1 = 20
    const benefits = ticket({ serviceId: 'benefits', queuedAt: ago(9) }); // 9 × 1 × 2.5 = 22.5
    const weights: Record<string, number> = { permits: 1, benefits: 2.5 };
    const choice = picked(chooseNext(input([permits, benefits], me, { servicePriorityWeight: (s) => weights[s] ?? 1 })));
    expect(choice.ticket).toBe(benefits);
    expect(choice.reason).toMatchObject({ weight: 2.5, score: 22.5 });
  });

  it('equal scores go to the earlier arrival', () => {
    const me = counter('c1', {
      services: [
        { serviceId: 'permits', weight: 2 },
        { serviceId: 'benefits', weight: 1 },
      ],
    });
    const permits = ticket({ id: 1, serviceId: 'permits', queuedAt: ago(10) }); // 20
    const benefits = ticket({ id: 2, serviceId: 'benefits', queuedAt: ago(20) }); // 20
    expect(picked(chooseNext(input([permits, benefits], me))).ticket).toBe(benefits);
  });

  it('tickets arriving at the same instant go to the lowest id', () => {
    const b = ticket({ id: 12, queuedAt: ago(10) });
    const a = ticket({ id: 11, queuedAt: ago(10) });
    expect(picked(chooseNext(input([b, a], counter('c1')))).ticket).toBe(a);
  });

  it('a ticket that arrived in the future counts as zero minutes waited', () => {
    const future = ticket({ queuedAt: NOW + MINUTE });
    expect(picked(chooseNext(input([future], counter('c1')))).reason).toMatchObject({ waitedMinutes: 0, score: 0 });
  });

  it('the reason rounds minutes and score to one decimal', () => {
    const t = ticket({ queuedAt: NOW - 7 * MINUTE - 4_000 });
    const me = counter('c1', { services: [{ serviceId: 'permits', weight: 1.5 }] });
    expect(picked(chooseNext(input([t], me))).reason).toMatchObject({ waitedMinutes: 7.1, weight: 1.5, score: 10.6 });
  });
});

describe('targeted tickets', () => {
  it('a ticket transferred to this counter by name comes before anyone who waited longer', () => {
    const old = ticket({ queuedAt: ago(60) });
    const sent = ticket({ queuedAt: ago(2), targetCounterId: 'c1' });
    const choice = picked(chooseNext(input([old, sent], counter('c1'))));
    expect(choice.ticket).toBe(sent);
    expect(choice.reason.rule).toBe('targeted');
  });

  it('targeted tickets come before priority tickets even under the strict policy', () => {
    const priority = ticket({ queuedAt: ago(30), needs: ['priority'] });
    const sent = ticket({ queuedAt: ago(1), targetCounterId: 'c1' });
    expect(picked(chooseNext(input([priority, sent], counter('c1'), { policy: STRICT }))).ticket).toBe(sent);
  });

  it('among targeted tickets the oldest arrival goes first', () => {
    const me = counter('c1', {
      services: [
        { serviceId: 'permits', weight: 5 },
        { serviceId: 'benefits', weight: 1 },
      ],
    });
    const heavy = ticket({ serviceId: 'permits', queuedAt: ago(5), targetCounterId: 'c1' });
    const older = ticket({ serviceId: 'benefits', queuedAt: ago(6), targetCounterId: 'c1' });
    expect(picked(chooseNext(input([heavy, older], me))).ticket).toBe(older);
  });

  it('a ticket sent to this counter is called even if its service is not in the profile', () => {
    const sent = ticket({ serviceId: 'benefits', targetCounterId: 'c1' });
    const choice = picked(chooseNext(input([sent], counter('c1'))));
    expect(choice.ticket).toBe(sent);
    expect(choice.reason).toMatchObject({ rule: 'targeted', weight: 1 });
  });

  it('a ticket sent to another counter by name is not called here', () => {
    const sent = ticket({ queuedAt: ago(60), targetCounterId: 'c2' });
    expect(refused(chooseNext(input([sent], counter('c1')))).code).toBe('queue_empty');
  });
});

describe('needs routing', () => {
  const plain = counter('plain');
  const loop = counter('loop', { features: ['hearing-loop'] });
  const low = counter('low', { features: ['low-desk'] });

  it('a ticket needing a hearing loop skips a counter without one while a loop counter is open', () => {
    const needsLoop = ticket({ queuedAt: ago(30), needs: ['hearing-loop'] });
    const other = ticket({ queuedAt: ago(5) });
    const choice = picked(chooseNext(input([needsLoop, other], plain, { counters: [plain, loop] })));
    expect(choice.ticket).toBe(other);
    expect(choice.reason.candidates).toBe(1);
  });

  it('the loop counter calls the ticket needing a loop and names the matched feature', () => {
    const needsLoop = ticket({ queuedAt: ago(30), needs: ['hearing-loop'] });
    const choice = picked(chooseNext(input([needsLoop], loop, { counters: [plain, loop] })));
    expect(choice.ticket).toBe(needsLoop);
    expect(choice.reason.matchedFeature).toBe('hearing-loop');
  });

  it('a ticket needing a low desk skips a counter without one while a low-desk counter is open', () => {
    const needsDesk = ticket({ needs: ['low-desk'] });
    expect(refused(chooseNext(input([needsDesk], plain, { counters: [plain, low] }))).code).toBe('queue_empty');
  });

  it('a ticket needing a loop goes to any counter when no loop counter is open', () => {
    const closedLoop = { ...loop, open: false };
    const needsLoop = ticket({ needs: ['hearing-loop'] });
    const choice = picked(chooseNext(input([needsLoop], plain, { counters: [plain, closedLoop] })));
    expect(choice.ticket).toBe(needsLoop);
    expect(choice.reason.matchedFeature).toBeNull();
  });

  it('a ticket needing a loop goes to any counter while the loop counter is paused', () => {
    const pausedLoop = { ...loop, pausedAt: ago(3), pausedReason: 'lunch' };
    const needsLoop = ticket({ needs: ['hearing-loop'] });
    expect(picked(chooseNext(input([needsLoop], plain, { counters: [plain, pausedLoop] }))).ticket).toBe(needsLoop);
  });

  it('a loop counter that does not serve the ticket’s service does not hold the ticket back', () => {
    const loopOther = counter('loop', { features: ['hearing-loop'], services: [{ serviceId: 'benefits', weight: 1 }] });
    const needsLoop = ticket({ needs: ['hearing-loop'] });
    expect(picked(chooseNext(input([needsLoop], plain, { counters: [plain, loopOther] }))).ticket).toBe(needsLoop);
  });

  it('an interpreter need does not route the ticket to any counter feature', () => {
    const needsInterpreter = ticket({ needs: ['interpreter:so'] });
    const choice = picked(chooseNext(input([needsInterpreter], plain, { counters: [plain, loop] })));
    expect(choice.ticket).toBe(needsInterpreter);
    expect(choice.reason.matchedFeature).toBeNull();
  });

  it('a ticket needing both a loop and a low desk is still called when no counter has both', () => {
    const needsBoth = ticket({ needs: ['hearing-loop', 'low-desk'] });
    const counters = [plain, loop, low];
    const atLoop = chooseNext(input([needsBoth], loop, { counters }));
    const atLow = chooseNext(input([needsBoth], low, { counters }));
    expect(picked(atLoop).ticket).toBe(needsBoth);
    expect(picked(atLow).ticket).toBe(needsBoth);
    expect(refused(chooseNext(input([needsBoth], plain, { counters }))).code).toBe('queue_empty');
  });

  it('a ticket needing both a loop and a low desk waits for a counter with both while one is open', () => {
    const both = counter('both', { features: ['hearing-loop', 'low-desk'] });
    const needsBoth = ticket({ needs: ['hearing-loop', 'low-desk'] });
    const counters = [loop, low, both];
    expect(refused(chooseNext(input([needsBoth], loop, { counters }))).code).toBe('queue_empty');
    expect(refused(chooseNext(input([needsBoth], low, { counters }))).code).toBe('queue_empty');
    expect(picked(chooseNext(input([needsBoth], both, { counters }))).ticket).toBe(needsBoth);
  });
});

describe('priority policy: strict', () => {
  it('a priority ticket is always called before normal tickets, however long they waited', () => {
    const normal = ticket({ queuedAt: ago(90) });
    const priority = ticket({ queuedAt: ago(1), needs: ['priority'] });
    const choice = picked(chooseNext(input([normal, priority], counter('c1'), { policy: STRICT })));
    expect(choice.ticket).toBe(priority);
    expect(choice.reason).toMatchObject({ rule: 'strict-priority', policy: 'strict' });
  });

  it('among priority tickets the highest weighted wait goes first', () => {
    const p1 = ticket({ queuedAt: ago(2), needs: ['priority'] });
    const p2 = ticket({ queuedAt: ago(4), needs: ['priority'] });
    expect(picked(chooseNext(input([p1, p2], counter('c1'), { policy: STRICT }))).ticket).toBe(p2);
  });

  it('with no priority ticket waiting, the weighted wait decides', () => {
    const normal = ticket({ queuedAt: ago(9) });
    expect(picked(chooseNext(input([normal], counter('c1'), { policy: STRICT }))).reason.rule).toBe('weighted-wait');
  });
});

describe('priority policy: ratio', () => {
  it('with two normals per priority the counter calls normal, normal, priority, then again', () => {
    const normals = [1, 2, 3, 4, 5].map((i) => ticket({ queuedAt: ago(100 - i) }));
    const priorities = [1, 2].map((i) => ticket({ queuedAt: ago(10 - i), needs: ['priority'] }));
    let me = counter('c1');
    let waiting: Ticket[] = [...normals, ...priorities];
    const pattern: string[] = [];
    const rules: string[] = [];
    for (let i = 0; i < 6; i++) {
      const choice = picked(chooseNext(input(waiting, me, { policy: RATIO })));
      pattern.push(choice.ticket.needs.includes('priority') ? 'P' : 'N');
      rules.push(choice.reason.rule);
      me = afterCall(me, choice.ticket);
      waiting = waiting.filter((t) => t !== choice.ticket);
    }
    expect(pattern).toEqual(['N', 'N', 'P', 'N', 'N', 'P']);
    expect(rules).toEqual(['ratio-normal', 'ratio-normal', 'ratio-priority', 'ratio-normal', 'ratio-normal', 'ratio-priority']);
  });

  it('a priority ticket is taken out of turn when no normal ticket waits', () => {
    const priority = ticket({ needs: ['priority'] });
    const choice = picked(chooseNext(input([priority], counter('c1'), { policy: RATIO })));
    expect(choice.ticket).toBe(priority);
    expect(choice.reason.rule).toBe('ratio-priority');
  });

  it('a normal call with no priority ticket waiting is reported as a weighted wait', () => {
    const normal = ticket();
    const me = counter('c1', { normalsSincePriority: 5 });
    expect(picked(chooseNext(input([normal], me, { policy: RATIO }))).reason.rule).toBe('weighted-wait');
  });

  it('afterCall counts normal calls and resets on a priority call', () => {
    const me = counter('c1', { normalsSincePriority: 1 });
    expect(afterCall(me, ticket()).normalsSincePriority).toBe(2);
    expect(afterCall(me, ticket({ needs: ['priority'] })).normalsSincePriority).toBe(0);
    expect(me.normalsSincePriority).toBe(1);
  });
});

describe('priority policy: aging', () => {
  it('a priority ticket counts the bonus minutes on top of its wait', () => {
    const normal = ticket({ queuedAt: ago(12) });
    const priority = ticket({ queuedAt: ago(3), needs: ['priority'] }); // 3 + 10 = 13
    const choice = picked(chooseNext(input([normal, priority], counter('c1'))));
    expect(choice.ticket).toBe(priority);
    expect(choice.reason).toMatchObject({ rule: 'weighted-wait', policy: 'aging', waitedMinutes: 3, score: 13 });
  });

  it('a normal ticket that waited longer than the bonus still goes first', () => {
    const normal = ticket({ queuedAt: ago(14) });
    const priority = ticket({ queuedAt: ago(3), needs: ['priority'] });
    expect(picked(chooseNext(input([normal, priority], counter('c1')))).ticket).toBe(normal);
  });

  it('the bonus is multiplied by the weight like the wait itself', () => {
    const me = counter('c1', {
      services: [
        { serviceId: 'permits', weight: 2 },
        { serviceId: 'benefits', weight: 1 },
      ],
    });
    const normal = ticket({ serviceId: 'benefits', queuedAt: ago(25) }); // 25
    const priority = ticket({ serviceId: 'permits', queuedAt: ago(3), needs: ['priority'] }); // (3 + 10) × 2 = 26
    expect(picked(chooseNext(input([normal, priority], me))).reason).toMatchObject({ score: 26, weight: 2 });
  });
});

describe('firstEligible: reading one service queue in arrival order', () => {
  it('returns the first ticket this counter may call and stops reading there', () => {
    const loop = counter('loop', { features: ['hearing-loop'] });
    const plain = counter('plain');
    const queue = [ticket({ needs: ['hearing-loop'], queuedAt: ago(30) }), ticket({ queuedAt: ago(20) }), ticket({ queuedAt: ago(10) })];
    let read = 0;
    function* arrival() {
      for (const t of queue) {
        read++;
        yield t;
      }
    }
    expect(firstEligible(arrival(), plain, [plain, loop])).toBe(queue[1]);
    expect(read).toBe(2);
    expect(firstEligible(queue, loop, [plain, loop])).toBe(queue[0]);
    expect(firstEligible([], plain, [plain])).toBeUndefined();
  });
});
