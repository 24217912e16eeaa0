// One simulated day in the real app (services of createApp, virtual clock): visitors arrive, counters call, visitors
// walk up (or never come), visits take a lognormal time, impatient visitors leave, counters stop at closing. Returns
// every ticket's promise and what happened to it. Discrete-event: the clock jumps from one event to the next.
import { seededRandom, zonedInstant } from '../../server/dist/domain/index.js';

const MIN = 60_000;

/** A seeded generator (the domain's mulberry32), so every run of a scenario is the same. */
export const rng = seededRandom;

function normal(rand) {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** A lognormal draw with the given mean and coefficient of variation. */
export function lognormal(rand, mean, cv) {
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal(rand));
}

function pick(rand, weights) {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  let x = rand() * total;
  for (const [k, w] of weights) if ((x -= w) < 0) return k;
  return weights[weights.length - 1][0];
}

/** Arrival times (ms) of one day: a Poisson process whose rate follows the hourly profile. */
export function arrivals(rand, scenario, date, timeZone) {
  const out = [];
  const total = scenario.visitors;
  const sum = scenario.profile.reduce((a, [, w]) => a + w, 0);
  for (const [hour, w] of scenario.profile) {
    const perMs = (total * w) / sum / (60 * MIN);
    const start = zonedInstant(date, hour * 60, timeZone);
    let t = start;
    for (;;) {
      t += -Math.log(Math.max(rand(), 1e-12)) / perMs;
      if (t >= start + 60 * MIN) break;
      out.push(t);
    }
  }
  return out;
}

class Agenda {
  constructor() {
    this.items = [];
    this.seq = 0;
  }
  add(at, what) {
    this.items.push({ at, seq: this.seq++, what });
  }
  next() {
    if (this.items.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i];
      const b = this.items[best];
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) best = i;
    }
    return this.items.splice(best, 1)[0];
  }
}

/**
 * Runs one day. `app` is a created app, `clock` its settable clock ({now}), `actor` the staff member at every counter.
 * Counters open at opening time and stop calling at closing; tickets left waiting expire with the next day's sweep.
 * With `scenario.schedule(hour)` (the counters open in that local hour, a subset of `scenario.counters`), counters
 * open at the hour and close at it once their visit in progress is done. With `scenario.patienceMinutes`, each
 * visitor has an exponential patience of that mean (drawn from its own stream, so the arrivals stay those of the
 * seed): one still waiting when it runs out leaves as a real visitor does ("I'm leaving", the service
 * `POST /tickets/status/:token/cancel` calls); at closing the rest are sent home (their tickets expire).
 * `hooks.issued(rec, {phases, open, close})`, when given, is asked right after each issue (the oracle); what it
 * returns is added to the ticket's record. `phases`: per counter what it is doing since when (walk, visit, gap, idle).
 */
export function runDay(app, clock, actor, scenario, date, seed, hooks = {}) {
  const s = app.services;
  const hall = s.hall.current();
  const tz = hall.timeZone;
  const rand = rng(seed);
  const patience = rng(seed + 7_919);
  const open = zonedInstant(date, scenario.openMinutes, tz);
  const close = zonedInstant(date, scenario.closeMinutes, tz);
  const agenda = new Agenda();
  clock.now = open;
  s.tickets.expireStale();
  const schedule = scenario.schedule ?? (() => scenario.counters);
  const openNow = new Set(schedule(Math.floor(scenario.openMinutes / 60)));
  for (const c of openNow) s.counters.open(c, actor, {});
  const appOpen = new Set(openNow);
  const idle = new Set(openNow);
  const phases = new Map(scenario.counters.map((c) => [c, { phase: 'idle', since: open }]));
  for (let h = Math.floor(scenario.openMinutes / 60) + 1; h * 60 < scenario.closeMinutes; h++) agenda.add(zonedInstant(date, h * 60, tz), { kind: 'shift', hour: h });
  const tickets = [];
  const byId = new Map();
  const serving = new Map(); // counter → the record of the ticket it called last
  let refused = 0;
  for (const at of arrivals(rand, scenario, date, tz)) agenda.add(at, { kind: 'arrive' });

  /** What a display would make the server compute right after every change (the coalesced queue picture). */
  const refresh = scenario.displays === false ? () => undefined : () => s.views.serviceStatuses(clock.now);

  const call = (counterId) => {
    if (!openNow.has(counterId)) {
      idle.delete(counterId);
      appOpen.delete(counterId);
      s.counters.close(counterId, actor);
      return;
    }
    if (clock.now >= close) {
      idle.delete(counterId);
      phases.set(counterId, { phase: 'idle', since: clock.now });
      return;
    }
    let t;
    try {
      t = s.counters.callNext(counterId, actor);
    } catch {
      idle.add(counterId);
      phases.set(counterId, { phase: 'idle', since: clock.now });
      return;
    }
    idle.delete(counterId);
    phases.set(counterId, { phase: 'walk', since: clock.now, serviceId: t.serviceId });
    const rec = byId.get(t.id);
    if (rec && rec.calledAt === null) Object.assign(rec, { calledAt: clock.now, counterId });
    serving.set(counterId, rec);
    if (rec?.noShow) agenda.add(clock.now + (60 + rand() * 60) * 1000, { kind: 'no-show', counterId });
    else agenda.add(clock.now + (scenario.walkSeconds[0] + rand() * (scenario.walkSeconds[1] - scenario.walkSeconds[0])) * 1000, { kind: 'start', counterId, serviceId: t.serviceId });
    refresh();
  };

  const done = (counterId) => {
    const rec = serving.get(counterId);
    if (rec) rec.doneAt = clock.now;
  };

  for (let e = agenda.next(); e; e = agenda.next()) {
    const w = e.what;
    if (w.kind === 'leave' && (w.rec.calledAt !== null || e.at >= close)) continue; // called already, or sent home
    clock.now = Math.max(clock.now, e.at);
    if (w.kind === 'arrive') {
      const serviceId = pick(rand, scenario.mix);
      const needs = rand() < scenario.hearingLoopShare ? ['hearing-loop'] : [];
      const noShow = rand() < scenario.noShowShare;
      const waitingBefore = s.tickets.active().filter((t) => t.state === 'waiting').length;
      let r;
      try {
        r = s.tickets.issue({ serviceId, needs });
      } catch {
        refused += 1;
        continue;
      }
      const rec = {
        id: r.ticket.id,
        serviceId,
        needs,
        noShow,
        issuedAt: clock.now,
        promised: r.ticket.estimatedWaitMinutes,
        waitingBefore,
        calledAt: null,
        leftAt: null,
        doneAt: null,
      };
      if (scenario.patienceMinutes) agenda.add(clock.now - Math.log(1 - patience()) * scenario.patienceMinutes * MIN, { kind: 'leave', rec, token: r.stored.statusToken });
      if (hooks.issued) Object.assign(rec, hooks.issued(rec, { phases, open, close }));
      tickets.push(rec);
      byId.set(rec.id, rec);
      refresh();
      for (const c of scenario.counters) if (idle.has(c)) call(c);
    } else if (w.kind === 'start') {
      s.counters.start(w.counterId, actor);
      phases.set(w.counterId, { phase: 'visit', since: clock.now, serviceId: w.serviceId });
      const mean = scenario.visitMinutes[w.serviceId] ?? 8;
      agenda.add(clock.now + lognormal(rand, mean, scenario.visitCv) * MIN, { kind: 'finish', counterId: w.counterId });
      refresh();
    } else if (w.kind === 'finish') {
      s.counters.finish(w.counterId, actor, 'resolved');
      done(w.counterId);
      phases.set(w.counterId, { phase: 'gap', since: clock.now });
      refresh();
      agenda.add(clock.now + (5 + rand() * 10) * 1000, { kind: 'next', counterId: w.counterId });
    } else if (w.kind === 'no-show') {
      s.counters.noShow(w.counterId, actor);
      done(w.counterId);
      refresh();
      call(w.counterId);
    } else if (w.kind === 'leave') {
      s.tickets.cancelByVisitor(w.token);
      w.rec.leftAt = clock.now;
      refresh();
    } else if (w.kind === 'next') {
      call(w.counterId);
    } else if (w.kind === 'shift') {
      const want = new Set(schedule(w.hour));
      for (const c of openNow) if (!want.has(c)) openNow.delete(c);
      for (const c of scenario.counters) if (idle.has(c) && !want.has(c)) call(c);
      for (const c of want) {
        if (openNow.has(c)) continue;
        openNow.add(c);
        if (appOpen.has(c)) continue;
        s.counters.open(c, actor, {});
        appOpen.add(c);
        call(c);
      }
    }
  }
  clock.now = Math.max(clock.now, close);
  for (const c of appOpen) s.counters.close(c, actor);
  return { tickets, refused, open, close };
}
