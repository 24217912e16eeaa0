import { describe, expect, it } from 'vitest';
import { appointmentFigures, type AppointmentFact } from './appointmentFigures.js';

const MIN = 60_000;
const SLOT = 1_000 * MIN;

describe('appointment figures', () => {
  it('count bookings, arrivals and no-shows, and measure punctuality and the waits after check-in and after the slot', () => {
    const facts: AppointmentFact[] = [
      { state: 'arrived', slotAt: SLOT, arrivedAt: SLOT - 10 * MIN, calledAt: SLOT + 2 * MIN }, // early, called 2 min after the slot
      { state: 'arrived', slotAt: SLOT, arrivedAt: SLOT + 4 * MIN, calledAt: SLOT + 10 * MIN }, // late, called 6 min after check-in
      { state: 'arrived', slotAt: SLOT, arrivedAt: SLOT - 2 * MIN, calledAt: null }, // not called yet
      { state: 'no-show', slotAt: SLOT, arrivedAt: null, calledAt: null },
      { state: 'cancelled', slotAt: SLOT, arrivedAt: null, calledAt: null },
      { state: 'booked', slotAt: SLOT + 60 * MIN, arrivedAt: null, calledAt: null },
    ];
    expect(appointmentFigures(facts)).toEqual({
      booked: 5,
      cancelled: 1,
      arrived: 3,
      noShows: 1,
      noShowRate: 0.25,
      meanArrivalMinutes: -2.7, // (-10 + 4 - 2) / 3
      onTimeShare: 0.667,
      meanWaitAfterCheckInMinutes: 9, // (12 + 6) / 2
      meanWaitAfterSlotMinutes: 4, // (2 + 6) / 2
    });
  });

  it('says null where nothing was measured', () => {
    expect(appointmentFigures([])).toMatchObject({ booked: 0, noShowRate: null, meanArrivalMinutes: null, onTimeShare: null, meanWaitAfterSlotMinutes: null });
  });
});
