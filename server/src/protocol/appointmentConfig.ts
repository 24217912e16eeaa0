import { z } from 'zod';

/** The hall config's appointment and remote-joining sections (imported by config.ts; nothing else here). */

const Prefix = z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters');

const Time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM, 00:00 to 24:00');
const Day = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** Places per slot in a window of the week: the counters reserved for appointments then (overrides `parallel`). */
export const ReservedPlaces = z
  .strictObject({ days: z.array(Day).min(1).max(7), from: Time, to: Time, places: z.number().int().min(0).max(50) })
  .refine((r) => r.from < r.to, { message: 'a window must end after it starts', path: ['to'] });
export type ReservedPlaces = z.infer<typeof ReservedPlaces>;

/** A service that takes appointments (the `appointments` field of a service). */
export const AppointmentConfig = z.strictObject({
  /** Only by appointment: the kiosk offers no walk-in ticket for this service. */
  only: z.boolean().default(false),
  /** Prefix of checked-in appointments' tickets (e.g. T: T001), unique across the hall's prefixes. */
  prefix: Prefix,
  /** Length of one slot. */
  slotMinutes: z.number().int().min(5).max(240).default(15),
  /** Desks working this service at the same time (appointments and walk-ins together). */
  parallel: z.number().int().min(1).max(50).default(1),
  /** The share of `parallel` kept for walk-ins (0: all of it may be booked). */
  walkInShare: z.number().min(0).max(0.9).default(0),
  /**
   * Per weekday and hour, how many appointments a slot takes there (counters reserved for appointments), instead of
   * `parallel` less the walk-in share; the first window containing the slot's start applies.
   */
  reserved: z.array(ReservedPlaces).max(50).default([]),
  /** How many days ahead a slot can be booked (today is day 0). */
  horizonDays: z.number().int().min(0).max(365).default(30),
  /** The latest booking: this many minutes before the slot starts. */
  latestBookingMinutes: z.number().int().min(0).max(10_080).default(60),
  /** A visitor may check in from this many minutes before the slot (earlier: told when to come back). */
  earlyCheckInMinutes: z.number().int().min(0).max(240).default(30),
  /** Late up to this many minutes: still served as an appointment; after it a booking never checked in is a no-show. */
  graceMinutes: z.number().int().min(0).max(120).default(10),
});
export type AppointmentConfig = z.infer<typeof AppointmentConfig>;

/**
 * How a due appointment competes in call-next: `first` (default) before every walk-in of the counter's services
 * (tickets sent to the counter by name still come first); `bonus` counts it as having waited `bonusMinutes` longer
 * than the time since its slot.
 */
export const AppointmentPolicy = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('first') }),
  z.strictObject({ mode: z.literal('bonus'), bonusMinutes: z.number().min(0).max(240).default(15) }),
]);
export type AppointmentPolicy = z.infer<typeof AppointmentPolicy>;

/** A service whose queue can be joined from home (the `remote` field of a service). */
export const RemoteJoinConfig = z.strictObject({
  /** Client addresses on the hall's network (IPv4 CIDR, e.g. 192.168.10.0/24): "I'm here" on the status page is accepted from them. */
  hallNetworks: z.array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'an IPv4 network, e.g. 192.168.10.0/24')).max(20).default([]),
  /** Remote tickets per local day; none beyond it. */
  dailyCap: z.number().int().min(1).max(5000).default(50),
  /** Remote joining closes while a new ticket's estimate is above this. */
  maxEstimateMinutes: z.number().int().min(1).max(600).default(120),
  /** A remote ticket whose turn came while not checked in expires this many minutes later. */
  graceMinutes: z.number().int().min(1).max(240).default(15),
});
export type RemoteJoinConfig = z.infer<typeof RemoteJoinConfig>;
