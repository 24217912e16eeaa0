import type { AppointmentFigures } from '../protocol/index.js';

/** A booking as the figures need it (see AppointmentRepository.figureRows). */
export interface AppointmentFact {
  state: 'booked' | 'arrived' | 'cancelled' | 'no-show';
  slotAt: number;
  arrivedAt: number | null;
  calledAt: number | null;
}

const MIN = 60_000;

/** Booked, arrived, no-show rate, punctuality and the wait after check-in and after the slot. Pure. */
export function appointmentFigures(facts: readonly AppointmentFact[]): AppointmentFigures {
  const arrived = facts.filter((f) => f.state === 'arrived' && f.arrivedAt !== null);
  const noShows = facts.filter((f) => f.state === 'no-show').length;
  const lateness = arrived.map((f) => ((f.arrivedAt ?? f.slotAt) - f.slotAt) / MIN);
  const called = arrived.filter((f) => f.calledAt !== null);
  const afterCheckIn = called.map((f) => ((f.calledAt ?? 0) - (f.arrivedAt ?? 0)) / MIN);
  const afterSlot = called.map((f) => Math.max(0, (f.calledAt ?? 0) - Math.max(f.slotAt, f.arrivedAt ?? f.slotAt)) / MIN);
  return {
    booked: facts.filter((f) => f.state !== 'cancelled').length,
    cancelled: facts.filter((f) => f.state === 'cancelled').length,
    arrived: arrived.length,
    noShows,
    noShowRate: arrived.length + noShows === 0 ? null : round(noShows / (arrived.length + noShows), 3),
    meanArrivalMinutes: mean(lateness),
    onTimeShare: arrived.length === 0 ? null : round(lateness.filter((m) => m <= 0).length / arrived.length, 3),
    meanWaitAfterCheckInMinutes: mean(afterCheckIn),
    meanWaitAfterSlotMinutes: mean(afterSlot),
  };
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : round(xs.reduce((a, b) => a + b, 0) / xs.length, 1);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
