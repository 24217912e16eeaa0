import { z } from 'zod';
import { Language, LocalizedText } from './vocabulary.js';
import { PrintResult } from './views.js';

/** Appointments and joining from home: configuration, requests and what the server answers. */

export { AppointmentConfig, AppointmentPolicy, RemoteJoinConfig, ReservedPlaces } from './appointmentConfig.js';

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
  /** For a reminder before the appointment (optional; kept only while the booking is ahead). */
  email: z.string().trim().min(3).max(254).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
});
export type BookRequest = z.input<typeof BookRequest>;

export const MoveRequest = z.strictObject({ at: SlotTime, reason: Reason.optional() });
export const CancelAppointmentRequest = z.strictObject({ reason: Reason.optional() });
export const CheckInRequest = z.strictObject({ code: BookingCode, kioskId: z.string().min(1).max(40).optional() });
/** "I'm here" on a remote ticket's status page; `entrance` is the code of the QR shown at the hall's entrance. */
export const VisitorHereRequest = z.strictObject({ entrance: z.string().trim().toUpperCase().regex(/^[2-9A-Z]{8}$/, 'the entrance code has 8 letters and digits').optional() });
/** Today's entrance code for the QR at the door (staff): it changes at the hall's midnight. */
export const EntranceCode = z.object({ code: z.string(), validOn: z.string(), path: z.string() });
export type EntranceCode = z.infer<typeof EntranceCode>;
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

export const SlotView = z.object({
  at: z.number(),
  /** Local "HH:MM" in the hall's time zone. */
  time: z.string(),
  /** Places left in this slot. */
  left: z.number().int(),
});
export type SlotView = z.infer<typeof SlotView>;

export const SlotsView = z.object({
  serviceId: z.string(),
  date: z.string(),
  /** Why there are no slots that day, when there are none. */
  closedReason: z.enum(['closed', 'beyond-horizon', 'past']).nullable(),
  slots: z.array(SlotView),
});
export type SlotsView = z.infer<typeof SlotsView>;

/** A booking as its holder sees it (through its code). */
export const AppointmentView = z.object({
  code: z.string(),
  serviceId: z.string(),
  serviceName: LocalizedText,
  at: z.number(),
  /** Local date and "HH:MM". */
  date: z.string(),
  time: z.string(),
  endsAt: z.number(),
  state: z.enum(APPOINTMENT_STATES),
  language: Language,
  name: z.string().nullable(),
  /** The ticket once checked in. */
  ticket: z.object({ number: z.string(), statusPath: z.string() }).nullable(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

/** A booking as staff see it on the day's list. */
export const AppointmentStaffView = AppointmentView.extend({
  id: z.number().int(),
  /** booked, arrived, late (booked, slot started, within grace), no-show, cancelled. */
  status: z.enum([...APPOINTMENT_STATES, 'late']),
  bookedAt: z.number(),
  arrivedAt: z.number().nullable(),
  reason: z.string().nullable(),
});
export type AppointmentStaffView = z.infer<typeof AppointmentStaffView>;

/** What the booking code's holder gets back with a booking: its view and where to manage it. */
export const BookedView = z.object({
  appointment: AppointmentView,
  managePath: z.string(),
  /** Where the reminder goes, masked (`j•••@example.org`, `+358 ••• ••67`); empty when none was asked for. */
  reminders: z.array(z.object({ channel: z.enum(['email', 'sms']), masked: z.string() })).optional(),
});
export type BookedView = z.infer<typeof BookedView>;

/** What a check-in answered. */
export const CheckInResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('checked-in'),
    appointment: AppointmentView,
    ticket: z.object({ id: z.number().int(), number: z.string(), statusPath: z.string(), late: z.boolean() }),
    /** The kiosk's printed ticket (a check-in at a kiosk); `repeat` when the booking had checked in before. */
    print: PrintResult.optional(),
  }),
  z.object({ kind: z.literal('too-early'), appointment: AppointmentView, comeBackAt: z.number() }),
  z.object({ kind: z.literal('too-late'), appointment: AppointmentView, walkInOffered: z.boolean() }),
  /** An arrival code of a ticket taken from home: it can be called from now on. */
  z.object({
    kind: z.literal('remote-checked-in'),
    ticket: z.object({ id: z.number().int(), number: z.string(), serviceId: z.string(), statusPath: z.string() }),
    print: PrintResult.optional(),
  }),
]);
export type CheckInResult = z.infer<typeof CheckInResult>;

/** A booking that a change of hours or a closure left outside the service's slots. */
export const AffectedBooking = z.object({
  id: z.number().int(),
  code: z.string(),
  serviceId: z.string(),
  at: z.number(),
  name: z.string().nullable(),
});
export type AffectedBooking = z.infer<typeof AffectedBooking>;

/** A service that takes appointments, as the booking page lists it (GET /appointments/services). */
export const AppointmentServiceView = z.object({
  id: z.string(),
  organisationId: z.string().nullable(),
  name: LocalizedText,
  prepare: LocalizedText.nullable(),
  slotMinutes: z.number().int(),
  horizonDays: z.number().int(),
  only: z.boolean(),
  earlyCheckInMinutes: z.number().int(),
  graceMinutes: z.number().int(),
  /** How a booking can be reminded (the channels the hall sends): the booking page offers these fields. */
  reminders: z.array(z.enum(['email', 'sms'])),
});
export type AppointmentServiceView = z.infer<typeof AppointmentServiceView>;

/** A day with a bookable slot. */
export const BookableDay = z.object({ date: z.string(), places: z.number().int() });
export type BookableDay = z.infer<typeof BookableDay>;

/** A service whose queue can be joined from home, and whether it can be now. */
export const RemoteServiceView = z.object({
  id: z.string(),
  organisationId: z.string().nullable(),
  name: LocalizedText,
  /** open, or why not: closed (hours), cap-reached (today's remote places), too-long (the wait is beyond the limit). */
  state: z.enum(['open', 'closed', 'cap-reached', 'too-long']),
  estimatedWaitMinutes: z.number().nullable(),
  graceMinutes: z.number().int(),
});
export type RemoteServiceView = z.infer<typeof RemoteServiceView>;

/** A place taken from home: the ticket (held until its holder checks in) and the code to check in with at the kiosk. */
export const RemoteJoined = z.object({
  ticket: z.object({
    id: z.number().int(),
    number: z.string(),
    serviceId: z.string(),
    position: z.number().int(),
    estimatedWaitMinutes: z.number().nullable(),
    statusPath: z.string(),
  }),
  arrivalCode: z.string(),
});
export type RemoteJoined = z.infer<typeof RemoteJoined>;


/** Appointment figures of a service (or all) over a range of slot dates. Minutes; null where nothing was measured. */
export const AppointmentFigures = z.object({
  /** Bookings not cancelled (arrived, missed, or still to come). */
  booked: z.number().int(),
  cancelled: z.number().int(),
  arrived: z.number().int(),
  noShows: z.number().int(),
  /** noShows ÷ (arrived + noShows). */
  noShowRate: z.number().nullable(),
  /** Mean minutes of arrival after the slot's start (negative: early). */
  meanArrivalMinutes: z.number().nullable(),
  /** Share of arrivals at or before the slot's start. */
  onTimeShare: z.number().nullable(),
  /** Mean minutes from check-in to the first call. */
  meanWaitAfterCheckInMinutes: z.number().nullable(),
  /** Mean minutes from the slot's start (or a later check-in) to the first call: how late appointments are served. */
  meanWaitAfterSlotMinutes: z.number().nullable(),
});
export type AppointmentFigures = z.infer<typeof AppointmentFigures>;

export const AppointmentStats = z.object({
  from: z.string(),
  to: z.string(),
  totals: AppointmentFigures,
  byService: z.array(AppointmentFigures.extend({ serviceId: z.string() })),
});
export type AppointmentStats = z.infer<typeof AppointmentStats>;
