import type { AppointmentConfig, OpeningSpan } from '../protocol/index.js';
import { DomainError } from './errors.js';
import type { ScheduleInput } from './hours.js';
import { addDays, localParts, minutesOf, weekdayOf, zonedInstant } from './time.js';

/**
 * Appointments: the slots a service offers, whether one can be booked, and what a visitor arriving for one is told.
 * Slots come from the service's own rules: its opening hours (the hall's unless it has its own), its dated
 * closures, its cut-off (no slot starts within `cutoffMinutes` of closing, and a slot ends by closing), the slot
 * length, and the places per slot (`parallel` desks less the share kept for walk-ins). Pure: `now` is passed in.
 */

export interface Slot {
  at: number;
  /** Local "HH:MM". */
  time: string;
}

/** Appointments one slot takes: the parallel desks less the share kept for walk-ins (at least 0). */
export function placesPerSlot(cfg: Pick<AppointmentConfig, 'parallel' | 'walkInShare'>): number {
  return Math.max(0, Math.floor(cfg.parallel * (1 - cfg.walkInShare) + 1e-9));
}

/** Places of the slot starting at local `date` and `time`: a reserved window of the week, else placesPerSlot. */
export function placesAt(cfg: Pick<AppointmentConfig, 'parallel' | 'walkInShare' | 'reserved'>, date: string, time: string): number {
  const day = weekdayOf(date);
  const m = minutesOf(time);
  const window = cfg.reserved.find((r) => r.days.includes(day) && minutesOf(r.from) <= m && m < minutesOf(r.to));
  return window ? window.places : placesPerSlot(cfg);
}

/** Every slot of a local date by the service's hours, closures and cut-off, in time order (past ones included). */
export function slotsOn(s: ScheduleInput, cfg: Pick<AppointmentConfig, 'slotMinutes'>, date: string): Slot[] {
  if (s.closures.some((c) => c.date === date)) return [];
  const spans: readonly OpeningSpan[] = [...s.hours[weekdayOf(date)]].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
  const slots: Slot[] = [];
  for (const span of spans) {
    const open = minutesOf(span.open);
    const close = minutesOf(span.close);
    const lastStart = close - Math.max(s.cutoffMinutes, 0);
    for (let m = open; m + cfg.slotMinutes <= close && m < lastStart; m += cfg.slotMinutes) {
      slots.push({ at: zonedInstant(date, m, s.timeZone), time: hhmm(m) });
    }
  }
  return slots;
}

export type DayClosedReason = 'closed' | 'beyond-horizon' | 'past';

/** Why a date cannot be booked at all (before looking at single slots), or null. */
export function bookableDay(cfg: Pick<AppointmentConfig, 'horizonDays'>, date: string, timeZone: string, now: number): DayClosedReason | null {
  const today = localParts(now, timeZone).date;
  if (date < today) return 'past';
  if (date > addDays(today, cfg.horizonDays)) return 'beyond-horizon';
  return null;
}

export interface BookableSlot extends Slot {
  left: number;
}

/**
 * The slots of `date` that can still be booked now: not past the latest booking time, within the horizon, with a
 * place left. `booked(at)` is how many active bookings a slot already has.
 */
export function openSlots(
  s: ScheduleInput,
  cfg: AppointmentConfig,
  date: string,
  booked: (at: number) => number,
  now: number,
): { closedReason: DayClosedReason | null; slots: BookableSlot[] } {
  const reason = bookableDay(cfg, date, s.timeZone, now);
  if (reason) return { closedReason: reason, slots: [] };
  const all = slotsOn(s, cfg, date);
  if (all.length === 0) return { closedReason: 'closed', slots: [] };
  const slots = all
    .filter((x) => x.at - cfg.latestBookingMinutes * 60_000 >= now)
    .map((x) => ({ ...x, left: placesAt(cfg, date, x.time) - booked(x.at) }))
    .filter((x) => x.left > 0);
  return { closedReason: null, slots };
}

/**
 * Whether the slot starting at `at` can be booked now, with `taken` bookings in it already. Returns the slot or a
 * DomainError that says what is wrong (not a slot, past, too late, beyond the horizon, full).
 */
export function checkBookable(s: ScheduleInput, cfg: AppointmentConfig, at: number, taken: number, now: number): Slot | DomainError {
  const date = localParts(at, s.timeZone).date;
  if (at < now) return new DomainError('validation_failed', 'This time has passed. Choose a later time.', { at });
  const reason = bookableDay(cfg, date, s.timeZone, now);
  if (reason === 'beyond-horizon') {
    return new DomainError('validation_failed', `Appointments can be booked at most ${cfg.horizonDays} days ahead.`, { at });
  }
  const slot = slotsOn(s, cfg, date).find((x) => x.at === at);
  if (!slot) return new DomainError('validation_failed', 'There is no appointment slot at this time. Choose one of the offered times.', { at });
  if (at - cfg.latestBookingMinutes * 60_000 < now) {
    return new DomainError('validation_failed', `This time can no longer be booked: book at least ${cfg.latestBookingMinutes} minutes ahead.`, { at });
  }
  const places = placesAt(cfg, date, slot.time);
  if (places === 0) return new DomainError('validation_failed', 'This time takes no appointments. Choose one of the offered times.', { at });
  if (taken >= places) return new DomainError('conflict', 'This time has just been booked by someone else. Choose another time.', { at });
  return slot;
}

export type Arrival =
  /** Too early: check in from `comeBackAt`. */
  | { kind: 'too-early'; comeBackAt: number }
  /** Queued now; `late` when the slot has started (within the grace). */
  | { kind: 'check-in'; late: boolean }
  /** Beyond the grace: the appointment has lapsed (a walk-in ticket may be offered). */
  | { kind: 'too-late' };

/** What a visitor arriving at `now` for the slot starting at `at` is told. */
export function arrival(cfg: Pick<AppointmentConfig, 'earlyCheckInMinutes' | 'graceMinutes'>, at: number, now: number): Arrival {
  const opensAt = at - cfg.earlyCheckInMinutes * 60_000;
  if (now < opensAt) return { kind: 'too-early', comeBackAt: opensAt };
  if (now > at + cfg.graceMinutes * 60_000) return { kind: 'too-late' };
  return { kind: 'check-in', late: now > at };
}

/** A booking never checked in becomes a no-show once its grace has run out. */
export function isNoShow(cfg: Pick<AppointmentConfig, 'graceMinutes'>, at: number, now: number): boolean {
  return now > at + cfg.graceMinutes * 60_000;
}

/** Staff's word for a booking on the day's list: a booked one whose slot has started is late (within the grace). */
export function dayStatus<S extends string>(state: S, cfg: Pick<AppointmentConfig, 'graceMinutes'>, at: number, now: number): S | 'late' {
  return state === 'booked' && now > at && !isNoShow(cfg, at, now) ? 'late' : state;
}

/**
 * The bookings that new hours, closures or slot rules leave outside the service's slots (or beyond a slot's
 * places): the supervisor must move or cancel them; nothing is dropped silently.
 */
export function affectedBookings<B extends { at: number }>(s: ScheduleInput, cfg: AppointmentConfig | undefined, bookings: readonly B[]): B[] {
  if (!cfg) return [...bookings];
  const byDate = new Map<string, Set<number>>();
  const count = new Map<number, number>();
  const out: B[] = [];
  for (const b of [...bookings].sort((x, y) => x.at - y.at)) {
    const date = localParts(b.at, s.timeZone).date;
    let valid = byDate.get(date);
    if (!valid) {
      valid = new Set(slotsOn(s, cfg, date).map((x) => x.at));
      byDate.set(date, valid);
    }
    const n = (count.get(b.at) ?? 0) + 1;
    count.set(b.at, n);
    if (!valid.has(b.at) || n > placesAt(cfg, date, localTimeOf(b.at, s.timeZone).time)) out.push(b);
  }
  return out;
}

/** The first opening (local date and minute) on or after `now` for the check-in "come back at" text. */
export function localTimeOf(at: number, timeZone: string): { date: string; time: string } {
  const p = localParts(at, timeZone);
  return { date: p.date, time: hhmm(p.minutes) };
}

function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
