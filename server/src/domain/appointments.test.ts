import { describe, expect, it } from 'vitest';
import { AppointmentConfig, type WeeklyHours } from '../protocol/index.js';
import { affectedBookings, arrival, checkBookable, dayStatus, isNoShow, openSlots, placesPerSlot, slotsOn } from './appointments.js';
import { DomainError } from './errors.js';
import type { ScheduleInput } from './hours.js';

const HEL = 'Europe/Helsinki';
const WEEK: WeeklyHours = {
  mon: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '16:00' }],
  tue: [{ open: '08:00', close: '17:00' }],
  wed: [{ open: '08:00', close: '17:00' }],
  thu: [{ open: '08:00', close: '18:00' }],
  fri: [{ open: '08:00', close: '13:00' }],
  sat: [],
  sun: [],
};
// Mid-March 2026 Helsinki is UTC+2. Monday 16 March.
const at = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 2, day, hour - 2, minute);
const MIN = 60_000;

function schedule(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return { hours: WEEK, closures: [], cutoffMinutes: 0, dailyCap: undefined, timeZone: HEL, ...overrides };
}
function config(overrides: Partial<AppointmentConfig> = {}): AppointmentConfig {
  return { ...AppointmentConfig.parse({ prefix: 'T' }), ...overrides };
}

describe('slot generation', () => {
  it('cuts each opening span into slots that end by closing, skipping the lunch break', () => {
    const slots = slotsOn(schedule(), config({ slotMinutes: 30 }), '2026-03-16');
    expect(slots.map((s) => s.time)).toEqual([
      '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30',
      '13:00', '13:30', '14:00', '14:30', '15:00', '15:30',
    ]);
    expect(slots[0]?.at).toBe(at(16, 8));
  });

  it('offers nothing on a dated closure or a closed weekday', () => {
    expect(slotsOn(schedule({ closures: [{ date: '2026-03-17' }] }), config(), '2026-03-17')).toEqual([]);
    expect(slotsOn(schedule(), config(), '2026-03-21')).toEqual([]);
  });

  it('starts no slot within the cut-off before closing', () => {
    const slots = slotsOn(schedule({ cutoffMinutes: 45 }), config({ slotMinutes: 20 }), '2026-03-20');
    // Friday 08:00–13:00: last start must be before 12:15.
    expect(slots.at(-1)?.time).toBe('12:00');
    expect(slots.some((s) => s.time === '12:20')).toBe(false);
  });

  it('follows a slot length that does not divide the span: the last slot still ends by closing', () => {
    const slots = slotsOn(schedule(), config({ slotMinutes: 45 }), '2026-03-20');
    expect(slots.at(-1)?.time).toBe('11:45'); // 11:45–12:30; 12:30 would end at 13:15
  });

  it('keeps a share of the desks for walk-ins', () => {
    expect(placesPerSlot({ parallel: 2, walkInShare: 0.5 })).toBe(1);
    expect(placesPerSlot({ parallel: 3, walkInShare: 0 })).toBe(3);
    expect(placesPerSlot({ parallel: 3, walkInShare: 0.34 })).toBe(1);
    expect(placesPerSlot({ parallel: 1, walkInShare: 0.5 })).toBe(0);
  });
});

describe('what can be booked now', () => {
  const now = at(16, 9, 10);

  it('hides slots before the latest booking time and full slots, and says how many places are left', () => {
    const cfg = config({ slotMinutes: 30, parallel: 2, latestBookingMinutes: 60 });
    const booked = (t: number) => (t === at(16, 11) ? 2 : t === at(16, 11, 30) ? 1 : 0);
    const { closedReason, slots } = openSlots(schedule(), cfg, '2026-03-16', booked, now);
    expect(closedReason).toBeNull();
    expect(slots[0]).toEqual({ at: at(16, 10, 30), time: '10:30', left: 2 });
    expect(slots.find((s) => s.time === '11:00')).toBeUndefined();
    expect(slots.find((s) => s.time === '11:30')?.left).toBe(1);
  });

  it('says why a whole day cannot be booked: past, beyond the horizon, closed', () => {
    const cfg = config({ horizonDays: 7 });
    expect(openSlots(schedule(), cfg, '2026-03-15', () => 0, now).closedReason).toBe('past');
    expect(openSlots(schedule(), cfg, '2026-03-24', () => 0, now).closedReason).toBe('beyond-horizon');
    expect(openSlots(schedule(), cfg, '2026-03-21', () => 0, now).closedReason).toBe('closed');
    expect(openSlots(schedule(), cfg, '2026-03-23', () => 0, now).slots.length).toBeGreaterThan(0);
  });

  it('refuses a time that is not a slot, one in the past, one too soon, one too far, and the last place taken', () => {
    const cfg = config({ slotMinutes: 30, horizonDays: 7, latestBookingMinutes: 60 });
    const code = (r: unknown) => (r instanceof DomainError ? r.code : 'ok');
    expect(code(checkBookable(schedule(), cfg, at(17, 10, 10), 0, now))).toBe('validation_failed');
    expect(code(checkBookable(schedule(), cfg, at(16, 8, 30), 0, now))).toBe('validation_failed');
    expect(code(checkBookable(schedule(), cfg, at(16, 10), 0, now))).toBe('validation_failed');
    expect(code(checkBookable(schedule(), cfg, at(30, 10), 0, now))).toBe('validation_failed');
    expect(code(checkBookable(schedule(), cfg, at(17, 10), 1, now))).toBe('conflict');
    expect(checkBookable(schedule(), cfg, at(17, 10), 0, now)).toEqual({ at: at(17, 10), time: '10:00' });
  });
});

describe('counters reserved for appointments per weekday and hour', () => {
  it('a window of the week sets the places of the slots starting in it, others keep parallel less the walk-in share', () => {
    const cfg = config({
      slotMinutes: 30,
      parallel: 2,
      walkInShare: 0.5,
      reserved: [
        { days: ['mon'], from: '08:00', to: '10:00', places: 3 },
        { days: ['mon', 'tue'], from: '14:00', to: '16:00', places: 0 },
      ],
    });
    const { slots } = openSlots(schedule(), cfg, '2026-03-16', () => 0, at(7, 0));
    expect(slots.find((x) => x.time === '09:30')?.left).toBe(3);
    expect(slots.find((x) => x.time === '10:00')?.left).toBe(1);
    expect(slots.some((x) => x.time === '14:30')).toBe(false);
    const code = (r: unknown) => (r instanceof DomainError ? r.code : 'ok');
    expect(code(checkBookable(schedule(), cfg, at(16, 9, 0), 2, at(7, 0)))).toBe('ok');
    expect(code(checkBookable(schedule(), cfg, at(16, 9, 0), 3, at(7, 0)))).toBe('conflict');
    expect(code(checkBookable(schedule(), cfg, at(16, 14, 0), 0, at(7, 0)))).toBe('validation_failed');
    // On Tuesday 09:00 no window applies: one place.
    expect(code(checkBookable(schedule(), cfg, at(17, 9, 0), 1, at(7, 0)))).toBe('conflict');
  });
});

describe('arrival', () => {
  const cfg = config({ earlyCheckInMinutes: 30, graceMinutes: 10 });
  const slot = at(16, 10, 30);

  it('tells a visitor who is too early when to come back', () => {
    expect(arrival(cfg, slot, slot - 31 * MIN)).toEqual({ kind: 'too-early', comeBackAt: slot - 30 * MIN });
  });

  it('queues an early visitor from the set number of minutes before the slot', () => {
    expect(arrival(cfg, slot, slot - 30 * MIN)).toEqual({ kind: 'check-in', late: false });
    expect(arrival(cfg, slot, slot)).toEqual({ kind: 'check-in', late: false });
  });

  it('still serves a late visitor as an appointment within the grace, not after it', () => {
    expect(arrival(cfg, slot, slot + 10 * MIN)).toEqual({ kind: 'check-in', late: true });
    expect(arrival(cfg, slot, slot + 10 * MIN + 1)).toEqual({ kind: 'too-late' });
  });

  it('makes a booking never checked in a no-show when the grace has run out, and late before that', () => {
    expect(isNoShow(cfg, slot, slot + 10 * MIN)).toBe(false);
    expect(isNoShow(cfg, slot, slot + 10 * MIN + 1)).toBe(true);
    expect(dayStatus('booked', cfg, slot, slot - MIN)).toBe('booked');
    expect(dayStatus('booked', cfg, slot, slot + MIN)).toBe('late');
    expect(dayStatus('arrived', cfg, slot, slot + MIN)).toBe('arrived');
  });
});

describe('changed hours never drop a booking silently', () => {
  it('lists the bookings that a new closure or shorter hours leave without a slot, and those over a slot\'s places', () => {
    const cfg = config({ slotMinutes: 30, parallel: 1 });
    const bookings = [
      { id: 1, at: at(17, 9) },
      { id: 2, at: at(17, 16, 30) },
      { id: 3, at: at(18, 9) },
      { id: 4, at: at(19, 9) },
      { id: 5, at: at(19, 9) },
    ];
    const shorter: WeeklyHours = { ...WEEK, tue: [{ open: '08:00', close: '16:00' }] };
    const affected = affectedBookings(schedule({ hours: shorter, closures: [{ date: '2026-03-18' }] }), cfg, bookings);
    expect(affected.map((b) => b.id)).toEqual([2, 3, 5]);
  });

  it('lists every booking when the service stops taking appointments', () => {
    expect(affectedBookings(schedule(), undefined, [{ at: at(17, 9) }])).toHaveLength(1);
  });
});
