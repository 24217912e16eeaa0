import { describe, expect, it } from 'vitest';
import type { AppointmentPolicy, PriorityPolicy } from '../protocol/index.js';
import { chooseNext, type CallChoice, type CallNextInput } from './callNext.js';
import { callShortlist } from './counterRules.js';
import { DomainError } from './errors.js';
import { forecastBatch } from './forecastBatch.js';
import { forecastCalls, type ForecastInput } from './forecast.js';
import { issue } from './transitions.js';
import type { Counter, Ticket } from './types.js';

/** The appointment policy in call-next and in the estimates, and remote tickets held until check-in. */

const MIN = 60_000;
// Monday 2026-03-16 10:30 in Helsinki (UTC+2).
const SLOT = Date.UTC(2026, 2, 16, 8, 30);
const AGING: PriorityPolicy = { mode: 'aging', bonusMinutes: 10 };

let nextId = 1;
function walkIn(serviceId: string, queuedAt: number, extra: Partial<Ticket> = {}): Ticket {
  const t = issue({ number: `B${nextId}`, serviceId, localDate: '2026-03-16', language: 'en', needs: [], kioskId: null, statusToken: `t${nextId}` }, queuedAt);
  return { ...t, id: nextId++, ...extra };
}
function appointment(serviceId: string, slotAt: number, checkedInAt: number): Ticket {
  return walkIn(serviceId, checkedInAt, { appointmentAt: slotAt, number: `T${nextId}` });
}
function counter(id: string, services: Counter['services']): Counter {
  return { id, label: id, features: [], profile: services, open: true, services, userId: 1, openedAt: 0, pausedReason: null, pausedAt: null, normalsSincePriority: 0 };
}
const desk = counter('1', [{ serviceId: 'residence', weight: 1 }]);

function input(waiting: Ticket[], now: number, extra: Partial<CallNextInput> = {}): CallNextInput {
  return { waiting, counter: desk, counters: [desk], servicePriorityWeight: () => 1, policy: AGING, now, timeZone: 'Europe/Helsinki', ...extra };
}
function picked(r: CallChoice | DomainError): CallChoice {
  if (r instanceof DomainError) throw new Error(`expected a call, got ${r.code}`);
  return r;
}

describe('the appointment policy in call-next', () => {
  it('a due appointment goes before walk-ins who waited longer, and the call reason says "appointment at 10:30, due"', () => {
    const old = walkIn('residence', SLOT - 40 * MIN);
    const appt = appointment('residence', SLOT, SLOT - 10 * MIN);
    const choice = picked(chooseNext(input([old, appt], SLOT + MIN)));
    expect(choice.ticket).toBe(appt);
    expect(choice.reason.rule).toBe('appointment');
    expect(choice.reason.appointment).toEqual({ at: SLOT, time: '10:30', due: true, text: 'appointment at 10:30, due' });
  });

  it('an appointment not yet due waits while walk-ins are there, even one who arrived later', () => {
    const appt = appointment('residence', SLOT, SLOT - 20 * MIN);
    const later = walkIn('residence', SLOT - 5 * MIN);
    expect(picked(chooseNext(input([appt, later], SLOT - MIN))).ticket).toBe(later);
  });

  it('an appointment not yet due is called when nobody else waits for the counter, and the reason says so', () => {
    const appt = appointment('residence', SLOT, SLOT - 20 * MIN);
    const choice = picked(chooseNext(input([appt], SLOT - 5 * MIN)));
    expect(choice.ticket).toBe(appt);
    expect(choice.reason.appointment?.text).toBe('appointment at 10:30, not due yet');
  });

  it('the earliest slot goes first among due appointments, whoever checked in first', () => {
    const later = appointment('residence', SLOT + 15 * MIN, SLOT - 25 * MIN);
    const earlier = appointment('residence', SLOT, SLOT - 2 * MIN);
    expect(picked(chooseNext(input([later, earlier], SLOT + 20 * MIN))).ticket).toBe(earlier);
  });

  it('a late appointment (checked in within the grace) is due at once', () => {
    const walk = walkIn('residence', SLOT - 30 * MIN);
    const late = appointment('residence', SLOT, SLOT + 8 * MIN);
    expect(picked(chooseNext(input([walk, late], SLOT + 8 * MIN))).ticket).toBe(late);
  });

  it('goes before a priority walk-in too under the "first" policy, but a ticket sent to the counter by name still comes first', () => {
    const prio = walkIn('residence', SLOT - 30 * MIN, { needs: ['priority'] });
    const appt = appointment('residence', SLOT, SLOT - 5 * MIN);
    expect(picked(chooseNext(input([prio, appt], SLOT, { policy: { mode: 'strict' } }))).ticket).toBe(appt);
    const named = walkIn('residence', SLOT - 1 * MIN, { targetCounterId: '1' });
    expect(picked(chooseNext(input([prio, appt, named], SLOT))).ticket).toBe(named);
  });

  it('under the "bonus" policy a due appointment counts its time since the slot plus the bonus against the walk-ins\' wait', () => {
    const bonus: AppointmentPolicy = { mode: 'bonus', bonusMinutes: 15 };
    const appt = appointment('residence', SLOT, SLOT - 10 * MIN);
    const waited20 = walkIn('residence', SLOT + 5 * MIN - 20 * MIN);
    const waited10 = walkIn('residence', SLOT + 5 * MIN - 10 * MIN);
    // At 10:35 the appointment scores 5 + 15 = 20: it beats a 10-minute wait, and ties with a 20-minute one
    // (the earlier arrival wins the tie: the walk-in).
    expect(picked(chooseNext(input([appt, waited10], SLOT + 5 * MIN, { appointmentPolicy: bonus }))).ticket).toBe(appt);
    const choice = picked(chooseNext(input([appt, waited20], SLOT + 5 * MIN, { appointmentPolicy: bonus })));
    expect(choice.ticket).toBe(waited20);
    const waited30 = walkIn('residence', SLOT + 5 * MIN - 30 * MIN);
    expect(picked(chooseNext(input([appt, waited30], SLOT + 5 * MIN, { appointmentPolicy: bonus }))).ticket).toBe(waited30);
  });

  it('an appointment of a service the counter does not serve is not called there', () => {
    const appt = appointment('passports', SLOT, SLOT - 10 * MIN);
    const walk = walkIn('residence', SLOT - MIN);
    expect(picked(chooseNext(input([appt, walk], SLOT + MIN))).ticket).toBe(walk);
  });
});

describe('a counter set to appointments only', () => {
  it('calls checked-in appointments of its services and no walk-in, however long the walk-in waited', () => {
    const only: Counter = { ...desk, appointmentsOnly: true };
    const walk = walkIn('residence', SLOT - 60 * MIN);
    const appt = appointment('residence', SLOT + 30 * MIN, SLOT - MIN);
    expect(picked(chooseNext(input([walk, appt], SLOT, { counter: only, counters: [only] }))).ticket).toBe(appt);
    const err = chooseNext(input([walk], SLOT, { counter: only, counters: [only] }));
    expect(err instanceof DomainError && err.code).toBe('queue_empty');
    // A walk-in sent to it by name is still called there.
    const named = walkIn('residence', SLOT - MIN, { targetCounterId: '1' });
    expect(picked(chooseNext(input([walk, named], SLOT, { counter: only, counters: [only] }))).ticket).toBe(named);
  });
});

describe('remote tickets held until check-in', () => {
  it('a held ticket is never called, and does not block the counter: the next one is called', () => {
    const held = walkIn('residence', SLOT - 30 * MIN, { held: true, remote: true });
    const next = walkIn('residence', SLOT - 5 * MIN);
    expect(picked(chooseNext(input([held, next], SLOT))).ticket).toBe(next);
    const err = chooseNext(input([held], SLOT));
    expect(err instanceof DomainError && err.code).toBe('queue_empty');
  });

  it('the shortlist reads past held tickets to the first that can be called', () => {
    const held = walkIn('residence', SLOT - 30 * MIN, { held: true });
    const next = walkIn('residence', SLOT - 5 * MIN);
    const list = callShortlist(desk, [desk], (_s, priority) => (priority ? [] : [held, next]), []);
    expect(list).toEqual([next]);
  });

  it('once checked in it is called in its place in time', () => {
    const checkedIn = walkIn('residence', SLOT - 30 * MIN, { remote: true, held: false });
    const next = walkIn('residence', SLOT - 5 * MIN);
    expect(picked(chooseNext(input([checkedIn, next], SLOT))).ticket).toBe(checkedIn);
  });
});

describe('estimates with appointments', () => {
  const base = (waiting: Ticket[], now: number): ForecastInput => ({
    waiting,
    counters: [desk],
    freeAt: new Map(),
    averageMinutes: () => 10,
    servicePriorityWeight: () => 1,
    policy: AGING,
    now,
    maxCalls: 100,
  });

  it('a walk-in waits for an appointment that falls due before their turn', () => {
    const now = SLOT - 5 * MIN;
    const w1 = walkIn('residence', now - 20 * MIN);
    const w2 = walkIn('residence', now - 10 * MIN);
    const appt = appointment('residence', SLOT, now - 2 * MIN);
    const f = forecastCalls(base([w1, w2, appt], now));
    // w1 now (10:25), the appointment at 10:35 when the desk is free again (due since 10:30), then w2 at 10:45.
    expect(f.callAt.get(w1.id)).toBe(now);
    expect(f.callAt.get(appt.id)).toBe(now + 10 * MIN);
    expect(f.callAt.get(w2.id)).toBe(now + 20 * MIN);
  });

  it('the batch forecast agrees, and a new walk-in comes after the due appointment', () => {
    const now = SLOT - 5 * MIN;
    const w1 = walkIn('residence', now - 20 * MIN);
    const appt = appointment('residence', SLOT, now - 2 * MIN);
    const b = forecastBatch(base([w1, appt], now), ['residence']);
    expect(b.callAt.get(appt.id)).toBe(now + 10 * MIN);
    expect(b.newTicketAt.get('residence')).toBe(now + 20 * MIN);
  });
});
