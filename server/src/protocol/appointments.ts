import { z } from 'zod';
import { Language, type LocalizedText } from './vocabulary.js';

/** Appointments and joining from home: configuration, requests and what the server answers. */

const Prefix = z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters');

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
  /** Remote tickets per local day; none beyond it. */
  dailyCap: z.number().int().min(1).max(5000).default(50),
  /** Remote joining closes while a new ticket's estimate is above this. */
  maxEstimateMinutes: z.number().int().min(1).max(600).default(120),
  /** A remote ticket whose turn came while not checked in expires this many minutes later. */
  graceMinutes: z.number().int().min(1).max(240).default(15),
});
export type RemoteJoinConfig = z.infer<typeof RemoteJoinConfig>;

export const APPOINTMENT_STATES = ['booked', 'arrived', 'cancelled', 'no-show'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

/** Booking codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L), shown as XXXXX-XXXXX. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;

/** A typed or scanned code: spaces, dashes and case are forgiven; anything else is refused. */
export const BookingCode = z
  .string()
  .max(40)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .refine((s) => s.length === CODE_LENGTH && [...s].every((ch) => CODE_ALPHABET.includes(ch)), 'a booking code has 10 letters and digits, e.g. K7QFM-2XD9P');

const SlotTime = z.number().int().min(0).max(8_640_000_000_000);
const Name = z.string().trim().min(1).max(80);
const Reason = z.string().trim().min(1).max(200);

export const BookRequest = z.strictObject({
  serviceId: z.string().min(1).max(40),
  /** The slot's start (epoch ms), one of GET /appointments/slots. */
  at: SlotTime,
  name: Name.optional(),
  language: Language.optional(),
});
export type BookRequest = z.input<typeof BookRequest>;

export const MoveRequest = z.strictObject({ at: SlotTime, reason: Reason.optional() });
export const CancelAppointmentRequest = z.strictObject({ reason: Reason.optional() });
export const CheckInRequest = z.strictObject({ code: BookingCode, kioskId: z.string().min(1).max(40).optional() });
export const SlotsQuery = z.strictObject({
  serviceId: z.string().min(1).max(40),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'),
});
export const DaysQuery = z.strictObject({ serviceId: z.string().min(1).max(40) });
export const AppointmentDayQuery = z.strictObject({
  serviceId: z.string().min(1).max(40).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').optional(),
});
export const RemoteJoinRequest = z.strictObject({ serviceId: z.string().min(1).max(40), language: Language.optional() });

export interface SlotView {
  at: number;
  /** Local "HH:MM" in the hall's time zone. */
  time: string;
  /** Places left in this slot. */
  left: number;
}

export interface SlotsView {
  serviceId: string;
  date: string;
  /** Why there are no slots that day, when there are none. */
  closedReason: 'closed' | 'beyond-horizon' | 'past' | null;
  slots: SlotView[];
}

/** A booking as its holder sees it (through its code). */
export interface AppointmentView {
  code: string;
  serviceId: string;
  serviceName: LocalizedText;
  at: number;
  /** Local date and "HH:MM". */
  date: string;
  time: string;
  endsAt: number;
  state: AppointmentState;
  language: Language;
  name: string | null;
  /** The ticket once checked in. */
  ticket: { number: string; statusPath: string } | null;
}

/** A booking as staff see it on the day's list. */
export interface AppointmentStaffView extends AppointmentView {
  id: number;
  /** booked, arrived, late (booked, slot started, within grace), no-show, cancelled. */
  status: AppointmentState | 'late';
  bookedAt: number;
  arrivedAt: number | null;
  reason: string | null;
}

/** What a check-in answered. */
export type CheckInResult =
  | { kind: 'checked-in'; appointment: AppointmentView; ticket: { id: number; number: string; statusPath: string; late: boolean } }
  | { kind: 'too-early'; appointment: AppointmentView; comeBackAt: number }
  | { kind: 'too-late'; appointment: AppointmentView; walkInOffered: boolean };

/** A booking that a change of hours or a closure left outside the service's slots. */
export interface AffectedBooking {
  id: number;
  code: string;
  serviceId: string;
  at: number;
  name: string | null;
}

/** A service that takes appointments, as the booking page lists it. */
export interface AppointmentServiceView {
  id: string;
  organisationId: string | null;
  name: LocalizedText;
  prepare: LocalizedText | null;
  slotMinutes: number;
  horizonDays: number;
  only: boolean;
  earlyCheckInMinutes: number;
  graceMinutes: number;
}

/** A day with a bookable slot. */
export interface BookableDay {
  date: string;
  places: number;
}
