import type { HallConfigInput } from '../../server/src/protocol/index.js';
import { demoHall } from './server.js';

/**
 * The demo hall with appointments: residence registration mixed (prefix R, 15-minute slots, two desks, half kept for
 * walk-ins), immigration by appointment only (prefix T, 30-minute slots).
 */
export function appointmentHall(): HallConfigInput {
  const h = demoHall();
  h.services = h.services.map((s) => {
    if (s.id === 'residence') {
      return { ...s, appointments: { prefix: 'R', slotMinutes: 15, parallel: 2, walkInShare: 0.5, latestBookingMinutes: 30, earlyCheckInMinutes: 20, graceMinutes: 10, horizonDays: 14 } };
    }
    if (s.id === 'immigration') return { ...s, appointments: { only: true, prefix: 'T', slotMinutes: 30, parallel: 2, graceMinutes: 10 } };
    return s;
  });
  return h;
}

/** Monday 16 March 2026 at `hour:minute` in Helsinki (UTC+2); the demo hall is open around the clock. */
export const helsinki = (hour: number, minute = 0, day = 16): number => Date.UTC(2026, 2, day, hour - 2, minute);
