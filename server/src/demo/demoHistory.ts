import { randomBytes } from 'node:crypto';
import type { NewEvent, Store } from '../store/index.js';
import { addDays, weekdayOf, zonedInstant } from '../domain/index.js';
import type { Language } from '../protocol/index.js';
import type { Services } from '../services/index.js';
import { newCode } from '../services/bookingCode.js';
import { seededRandom, simulateDay, type DemoCounter, type DemoService } from './demoDay.js';

export const DEMO_HISTORY_KEY = 'demo.history';
const DAYS = 21;
const SEED = 20_261_123;
/** Share of bookings never checked in (a typical rate for free public-service bookings), so the figures show some. */
const APPOINTMENT_NO_SHOW_SHARE = 0.08;
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

  // A service taken by appointment only gets no walk-in history: its visitors booked a slot and checked in, so their
  // tickets carry the appointment prefix and slot, and each has its (arrived) booking in the appointments table.
  // About one booking in twelve is never checked in: a no-show at the end of its grace time, as the sweep marks it.
  const slotMinutesOf = new Map(hall.config.services.flatMap((x) => (x.appointments?.only ? [[x.id, x.appointments.slotMinutes] as const] : [])));
  const graceMinutesOf = new Map(hall.config.services.flatMap((x) => (x.appointments?.only ? [[x.id, x.appointments.graceMinutes] as const] : [])));
  const services: DemoService[] = hall.config.services.map((x) => ({
    id: x.id,
    organisationId: x.organisationId ?? '',
    prefix: x.appointments?.only ? x.appointments.prefix : x.prefix,
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
      // An appointment visitor arrives before the slot: the slot is the next one starting after the arrival.
      const slots = day.visits.map((v) => {
        const slot = slotMinutesOf.get(v.firstServiceId);
        return slot === undefined ? null : Math.ceil(v.issuedAt / (slot * 60_000)) * slot * 60_000;
      });
      const ids = day.visits.map((v, n) =>
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
          appointmentAt: slots[n] ?? null,
        }).id,
      );
      const missed = seededRandom(SEED + i * 7919 + 1);
      const book = (serviceId: string, slotAt: number, language: Language) => {
        const code = newCode((bytes) => randomBytes(bytes).toString('base64url'), (c) => store.appointments.byCode(c) !== undefined);
        return store.appointments.insert({ code, serviceId, localDate: date, slotAt, name: null, language, bookedAt: slotAt - 3 * 86_400_000, bookedBy: null });
      };
      day.visits.forEach((v, n) => {
        const slotAt = slots[n];
        const ticketId = ids[n];
        if (slotAt === null || slotAt === undefined || ticketId === undefined) return;
        const booked = book(v.firstServiceId, slotAt, v.language as Language);
        store.appointments.update({ ...booked, state: 'arrived', arrivedAt: v.issuedAt, ticketId });
        if (missed() >= APPOINTMENT_NO_SHOW_SHARE / (1 - APPOINTMENT_NO_SHOW_SHARE)) return;
        // Another visitor booked the same slot and never came.
        const endedAt = slotAt + (graceMinutesOf.get(v.firstServiceId) ?? 10) * 60_000;
        const noShow = book(v.firstServiceId, slotAt, v.language as Language);
        store.appointments.update({ ...noShow, state: 'no-show', endedAt });
        day.events.push({ type: 'appointment_no_show', at: endedAt, visit: null, counterId: null, userId: null, serviceId: v.firstServiceId, data: { appointmentId: noShow.id, slotAt, demo: true } });
      });
      day.events.sort((a, b) => a.at - b.at);
      // Their calls say why, as call-next does ("appointment at 10:30, due").
      for (const e of day.events) {
        if (e.type !== 'ticket_called' || e.visit === null) continue;
        const at = slots[e.visit];
        const reason = e.data.reason as Record<string, unknown> | undefined;
        if (at === null || at === undefined || reason === undefined || day.visits[e.visit]?.firstServiceId !== e.serviceId) continue;
        const time = new Intl.DateTimeFormat('en-GB', { timeZone: hall.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
        const due = e.at >= at;
        e.data.reason = { ...reason, rule: 'appointment', appointment: { at, time, due, text: `appointment at ${time}, ${due ? 'due' : 'not due yet'}` } };
      }
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
