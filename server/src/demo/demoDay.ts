import { seededRandom } from '../domain/seededRandom.js';
import type { EventType } from '../protocol/index.js';

/**
 * One generated day of the demo hall, as a pure function of its inputs and a seeded random source: visitors arrive
 * along a realistic curve, wait in one queue per organisation, are called to the counter free first, walk up, are
 * served, and sometimes are recalled, do not show up, are transferred, leave, or rate the visit.
 */

export interface DemoService {
  id: string;
  organisationId: string;
  prefix: string;
  serviceMinutes: number;
  share: number;
  targetMinutes: number;
}

export interface DemoCounter {
  id: string;
  organisationId: string;
  userId: number | null;
}

export interface DemoDayInput {
  /** Minutes after midnight → epoch ms for this day. */
  at: (minutes: number) => number;
  openMinutes: number;
  closeMinutes: number;
  visitors: number;
  services: readonly DemoService[];
  counters: readonly DemoCounter[];
  languages: readonly string[];
  random: () => number;
}

export interface DemoEvent {
  type: EventType;
  at: number;
  visit: number | null;
  counterId: string | null;
  userId: number | null;
  serviceId: string | null;
  data: Record<string, unknown>;
}

export interface DemoVisit {
  number: string;
  language: string;
  firstServiceId: string;
  serviceId: string;
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  state: 'done' | 'no-show' | 'cancelled';
  counterId: string | null;
  outcome: string | null;
}

/** Arrival weight per hour from 08:00 (morning and after-lunch peaks). */
const CURVE = [0.7, 1.3, 1.5, 1.3, 1.0, 1.2, 1.1, 0.8, 0.5, 0.3];
const OUTCOMES: [string, number][] = [['resolved', 0.8], ['referred', 0.07], ['follow-up', 0.08], ['missing-documents', 0.05]];
const COMMENTS: Record<number, string[]> = {
  1: ['Waited far too long and nobody told us why.', 'The screen called my number but I could not find the desk.'],
  2: ['Long wait, friendly staff.', 'I had to come back because a form was missing, which nobody told me before.'],
  3: ['OK, but the waiting room was crowded.', 'Fine, a bit slow at lunch time.'],
  4: ['Quick and clear, thank you.', 'Good service, the ticket on my phone was handy.'],
  5: ['Excellent, done in ten minutes!', 'Very helpful staff, thank you.', 'Kiitos, nopea palvelu!'],
};

export function simulateDay(d: DemoDayInput): { visits: DemoVisit[]; events: DemoEvent[] } {
  const r = d.random;
  const pick = <T>(items: readonly [T, number][]): T => {
    let x = r() * items.reduce((n, [, w]) => n + w, 0);
    for (const [v, w] of items) if ((x -= w) <= 0) return v;
    return items[items.length - 1]?.[0] as T;
  };
  const minutes = (n: number) => n * 60_000;
  const events: DemoEvent[] = [];
  const visits: DemoVisit[] = [];
  const seq = new Map<string, number>();
  const push = (type: EventType, at: number, visit: number | null, counter: DemoCounter | null, serviceId: string | null, data: Record<string, unknown> = {}) =>
    events.push({ type, at, visit, counterId: counter?.id ?? null, userId: counter?.userId ?? null, serviceId, data: { ...data, demo: true } });

  const openAt = d.at(d.openMinutes);
  const closeAt = d.at(d.closeMinutes);
  const hours = Math.max(1, Math.round((d.closeMinutes - d.openMinutes) / 60));
  const curve = CURVE.slice(0, hours);
  const arrivals: { at: number; service: DemoService }[] = [];
  for (let i = 0; i < d.visitors; i++) {
    const hour = pick(curve.map((w, h) => [h, w] as [number, number]));
    const at = d.at(d.openMinutes + hour * 60 + Math.floor(r() * 60));
    if (at >= closeAt - minutes(10)) continue;
    arrivals.push({ at, service: pick(d.services.map((s) => [s, s.share] as [DemoService, number])) });
  }
  arrivals.sort((a, b) => a.at - b.at);

  // Counters open at opening time; each takes a 30-minute lunch pause, staggered.
  const free = new Map<string, number>();
  const lunch = new Map<string, number>();
  d.counters.forEach((c, i) => {
    push('counter_opened', openAt, null, c, null, { services: d.services.filter((s) => s.organisationId === c.organisationId).map((s) => s.id) });
    free.set(c.id, openAt);
    lunch.set(c.id, d.at(11 * 60 + 15 + (i % 3) * 35));
  });

  // Ready items (new arrivals and transferred visitors), served in order of the time they joined the queue.
  const queue: { visit: number; at: number; service: DemoService; leg: number }[] = [];
  for (const a of arrivals) {
    const n = (seq.get(a.service.id) ?? 0) + 1;
    seq.set(a.service.id, n);
    const v: DemoVisit = {
      number: `${a.service.prefix}${String(n).padStart(3, '0')}`,
      language: pick(d.languages.map((l, i) => [l, i === 0 ? 6 : 1] as [string, number])),
      firstServiceId: a.service.id, serviceId: a.service.id, issuedAt: a.at,
      calledAt: null, startedAt: null, finishedAt: null, state: 'cancelled', counterId: null, outcome: null,
    };
    visits.push(v);
    push('ticket_issued', a.at, visits.length - 1, null, a.service.id, { number: v.number, language: v.language, needs: [], kioskId: null });
    queue.push({ visit: visits.length - 1, at: a.at, service: a.service, leg: 1 });
  }

  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const item = queue.shift();
    if (!item) break;
    const v = visits[item.visit];
    if (!v) continue;
    const pool = d.counters.filter((c) => c.organisationId === item.service.organisationId);
    const counter = pool.reduce<DemoCounter | null>((best, c) => (best === null || (free.get(c.id) ?? 0) < (free.get(best.id) ?? 0) ? c : best), null);
    if (!counter) continue;
    let freeAt = free.get(counter.id) ?? openAt;
    const lunchAt = lunch.get(counter.id) ?? Infinity;
    if (freeAt >= lunchAt) {
      push('counter_paused', freeAt, null, counter, null, { reason: 'lunch' });
      push('counter_resumed', freeAt + minutes(30), null, counter, null, { reason: 'lunch', pausedMs: minutes(30) });
      freeAt += minutes(30);
      lunch.delete(counter.id);
    }
    const callAt = Math.max(item.at, freeAt);
    const patience = minutes(25 + r() * 60);
    if (item.leg === 1 && (callAt - item.at > patience || r() < 0.02)) {
      const leaveAt = item.at + Math.min(patience, minutes(5 + r() * 20), callAt - item.at + minutes(1));
      push('ticket_cancelled', leaveAt, item.visit, null, item.service.id, { by: 'visitor' });
      v.finishedAt = leaveAt;
      continue;
    }
    const waitedMs = callAt - v.issuedAt;
    push('ticket_called', callAt, item.visit, counter, item.service.id, {
      reason: { rule: 'weighted-wait', policy: 'aging', waitedMinutes: Math.round(waitedMs / 6_000) / 10, weight: 1, score: Math.round(waitedMs / 6_000) / 10, matchedFeature: null, candidates: 1 },
      waitedMs: callAt - item.at,
    });
    v.calledAt ??= callAt;
    v.counterId = counter.id;
    let t = callAt;
    if (r() < 0.08) {
      t += minutes(1);
      push('ticket_recalled', t, item.visit, counter, item.service.id, { recall: 1 });
    }
    if (r() < 0.04) {
      t += minutes(2);
      push('ticket_no_show', t, item.visit, counter, item.service.id);
      v.state = 'no-show';
      v.finishedAt = t;
      free.set(counter.id, t);
      continue;
    }
    t += Math.round(20_000 + r() * 70_000);
    push('ticket_started', t, item.visit, counter, item.service.id);
    v.startedAt ??= t;
    const serve = Math.round(minutes(item.service.serviceMinutes) * (0.5 + r() * r() * 2.5));
    const end = t + serve;
    free.set(counter.id, end);
    const others = d.services.filter((s) => s.organisationId === item.service.organisationId && s.id !== item.service.id);
    const to = others[Math.floor(r() * others.length)];
    if (item.leg === 1 && to && r() < 0.05) {
      push('ticket_transferred', end, item.visit, counter, item.service.id, { fromService: item.service.id, toService: to.id, toCounter: null, note: null, legMs: serve });
      v.serviceId = to.id;
      queue.push({ visit: item.visit, at: end, service: to, leg: 2 });
      continue;
    }
    const outcome = pick(OUTCOMES);
    push('ticket_finished', end, item.visit, counter, item.service.id, { outcome, transactionMs: serve });
    Object.assign(v, { state: 'done', finishedAt: end, outcome });
    if (r() < 0.3) {
      const late = waitedMs > minutes(item.service.targetMinutes);
      const rating = pick<number>(late ? [[1, 3], [2, 4], [3, 4], [4, 3], [5, 1]] : [[1, 0.3], [2, 0.5], [3, 1.5], [4, 3.5], [5, 4.2]]);
      const comments = COMMENTS[rating] ?? [];
      const comment = r() < 0.35 ? comments[Math.floor(r() * comments.length)] : undefined;
      push('feedback_given', end + minutes(1 + r() * 15), item.visit, counter, item.service.id, { rating, language: v.language, ...(comment ? { comment } : {}) });
    }
  }
  for (const c of d.counters) push('counter_closed', Math.max(closeAt, free.get(c.id) ?? closeAt), null, c, null);
  events.sort((a, b) => a.at - b.at);
  return { visits, events };
}

/** The seeded random source the demo history draws from (also imported from here by the benchmarks). */
export { seededRandom };
