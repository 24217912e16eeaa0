import { z } from 'zod';
import type { DeviceState as DriversDeviceState } from '@vuoro/drivers/definition';
import { DeviceKind, DisplayConfig, HallMessage, KioskConfig, Organisation, OutcomeConfig } from './config.js';
import type { Exactly } from './typeChecks.js';
import { EventType, Feature, Language, LocalizedText, Need, Role, TicketState } from './vocabulary.js';

/**
 * Wire types: what the server sends, as zod schemas (the OpenAPI document's response schemas; the contract tests
 * validate real answers against them) with their types. All times are epoch milliseconds (UTC).
 */

export const HallInfo = z.object({
  name: LocalizedText,
  timeZone: z.string(),
  languages: z.array(Language),
  defaultLanguage: Language,
  demo: z.boolean(),
  /** Where visitors' phones reach the hall (the base of QR links); null: the address the screen was opened with. */
  publicUrl: z.string().nullable(),
});
export type HallInfo = z.infer<typeof HallInfo>;

const NextOpen = { nextOpenAt: z.number().nullable() };
export const Availability = z.discriminatedUnion('state', [
  z.object({ state: z.literal('open'), closesAt: z.number().nullable() }),
  z.object({ state: z.literal('closed'), ...NextOpen }),
  z.object({ state: z.literal('cutoff'), ...NextOpen }),
  z.object({ state: z.literal('cap-reached'), ...NextOpen }),
  z.object({ state: z.literal('stopped'), ...NextOpen }),
  /** The capacity-aware cut-off: today's counters cannot reach a new ticket before closing. */
  z.object({ state: z.literal('full'), ...NextOpen }),
]);
export type Availability = z.infer<typeof Availability>;

export const ServiceStatus = z.object({
  id: z.string(),
  organisationId: z.string().nullable(),
  prefix: z.string(),
  name: LocalizedText,
  prepare: LocalizedText.nullable(),
  category: z.string().nullable(),
  targetMinutes: z.number(),
  availability: Availability,
  open: z.boolean(),
  waiting: z.number().int(),
  /** Honest estimate for a ticket taken now; null when no counter serving it is open. */
  estimatedWaitMinutes: z.number().nullable(),
  /**
   * When the next of the visitors already waiting is expected to be called ("next visitor called in about …");
   * null when nobody waits or no open counter can call them.
   */
  nextCallMinutes: z.number().nullable(),
  /** Open counters serving it (whole counters). */
  countersOpen: z.number().int(),
  /** Present when it takes appointments; `only`: by appointment only (no walk-in tickets). */
  appointments: z.object({ only: z.boolean() }).optional(),
  /**
   * Present when a ticket taken now would probably not be called before the service closes today: the kiosk says so
   * before the visitor takes it, with when to come back (null: no opening within two weeks).
   */
  notToday: z.object({ comeBackAt: z.number().nullable() }).optional(),
  /**
   * Present when the service level is at risk in the next 30 minutes: of the waiting tickets due in that window (to
   * be called, or reaching the target), `late` of `due` are expected to be called after the target, more than 20 %.
   */
  serviceLevelAtRisk: z.object({ late: z.number().int(), due: z.number().int() }).optional(),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/**
 * The part of a ServiceStatus that moves with the queue: what `queue:changed` carries. The rest (names, what to
 * prepare, prefix, organisation, category, target, appointments) changes only with the configuration, which every
 * screen reads again on `hall:config`; a screen merges these into the services of its snapshot (withFigures).
 */
export const ServiceFigures = ServiceStatus.pick({
  id: true,
  availability: true,
  open: true,
  waiting: true,
  estimatedWaitMinutes: true,
  nextCallMinutes: true,
  countersOpen: true,
  notToday: true,
  serviceLevelAtRisk: true,
});
export type ServiceFigures = z.infer<typeof ServiceFigures>;

export const CounterStaffInfo = z.object({
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  openedAt: z.number().nullable(),
  pausedReason: z.string().nullable(),
  pausedAt: z.number().nullable(),
  currentTicketId: z.number().int().nullable(),
  parkedTicketIds: z.array(z.number().int()),
});
export type CounterStaffInfo = z.infer<typeof CounterStaffInfo>;

export const CounterView = z.object({
  id: z.string(),
  label: z.string(),
  name: LocalizedText.nullable(),
  features: z.array(Feature),
  roaming: z.boolean(),
  open: z.boolean(),
  paused: z.boolean(),
  /** Services served now (the active work profile). */
  services: z.array(z.object({ serviceId: z.string(), weight: z.number() })),
  /** Number on call or being served at this counter. */
  currentNumber: z.string().nullable(),
  /** Present for staff sockets and staff routes only. */
  staff: CounterStaffInfo.optional(),
});
export type CounterView = z.infer<typeof CounterView>;

/** Why call-next chose a ticket, so a supervisor can explain it. */
export const CallReason = z.object({
  rule: z.enum(['named', 'targeted', 'strict-priority', 'ratio-priority', 'ratio-normal', 'weighted-wait', 'resumed', 'appointment']),
  policy: z.enum(['strict', 'ratio', 'aging']),
  waitedMinutes: z.number(),
  weight: z.number(),
  score: z.number(),
  matchedFeature: Feature.nullable(),
  candidates: z.number().int(),
  /**
   * For an appointment's ticket: the slot's start, its local time ("10:30") and whether it was due (the slot had
   * started) when called; `text` says it in one line ("appointment at 10:30, due").
   */
  appointment: z.object({ at: z.number(), time: z.string(), due: z.boolean(), text: z.string() }).optional(),
});
export type CallReason = z.infer<typeof CallReason>;

export const CallView = z.object({
  ticketId: z.number().int(),
  number: z.string(),
  serviceId: z.string(),
  counterId: z.string(),
  counterLabel: z.string(),
  language: Language,
  recall: z.boolean(),
  at: z.number(),
});
export type CallView = z.infer<typeof CallView>;

export const TicketView = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceId: z.string(),
  originalServiceId: z.string(),
  state: TicketState,
  language: Language,
  needs: z.array(Need),
  issuedAt: z.number(),
  /** Effective arrival time used for ordering; a transfer keeps it. */
  queuedAt: z.number(),
  calledAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  counterId: z.string().nullable(),
  targetCounterId: z.string().nullable(),
  recallCount: z.number().int(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  callReason: CallReason.nullable(),
  kioskId: z.string().nullable(),
});
export type TicketView = z.infer<typeof TicketView>;

/** What a remote ticket's status page shows about checking in. */
export const RemoteStatus = z.object({
  /** Not checked in yet: never called until then. */
  held: z.boolean(),
  arrivalCode: z.string(),
  /** When its turn came while held (it keeps its place until `expiresAt`). */
  skippedAt: z.number().nullable(),
  expiresAt: z.number().nullable(),
  /** Whether the page offers "I'm here" (the hall's network is configured; the server checks the address). */
  canSayHere: z.boolean(),
  /** The hall's IANA time zone: the page tells times in it, not in the phone's. */
  timeZone: z.string(),
});
export type RemoteStatus = z.infer<typeof RemoteStatus>;

export const VisitorStatus = z.object({
  number: z.string(),
  state: TicketState,
  language: Language,
  service: z.object({ id: z.string(), name: LocalizedText, prepare: LocalizedText.nullable() }),
  hallName: LocalizedText,
  issuedAt: z.number(),
  calledAt: z.number().nullable(),
  /** People ahead in this ticket's queue; null once called. */
  position: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().nullable(),
  /** Present while waiting when the forecast has moved past the service's closing today: the page says so. */
  pastClosing: z.object({ closesAt: z.number(), comeBackAt: z.number().nullable() }).optional(),
  counter: z.object({ id: z.string(), label: z.string(), name: LocalizedText.nullable() }).nullable(),
  needs: z.array(Need),
  messages: z.array(HallMessage),
  recallCount: z.number().int(),
  languages: z.array(Language),
  /** A ticket taken from home: held until checked in ("I'm here", the kiosk with its arrival code, or a counter). */
  remote: RemoteStatus.optional(),
});
export type VisitorStatus = z.infer<typeof VisitorStatus>;

export const IssuedTicket = z.object({
  id: z.number().int(),
  number: z.string(),
  serviceId: z.string(),
  language: Language,
  needs: z.array(Need),
  issuedAt: z.number(),
  position: z.number().int(),
  estimatedWaitMinutes: z.number().nullable(),
  statusToken: z.string(),
  /** Path of the visitor's status page, e.g. /t/<token>. */
  statusPath: z.string(),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

export const PrintResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('printed'), deviceId: z.string() }),
  z.object({ status: z.literal('failed'), deviceId: z.string(), message: z.string() }),
  z.object({ status: z.literal('no-printer') }),
  /** The same request (Idempotency-Key) was answered before; whether that print came out is not known now. */
  z.object({ status: z.literal('repeat') }),
]);
export type PrintResult = z.infer<typeof PrintResult>;

export const IssueTicketResponse = z.object({ ticket: IssuedTicket, print: PrintResult });
export type IssueTicketResponse = z.infer<typeof IssueTicketResponse>;

/** The states a device can be in (the drivers' `DeviceState`, checked to be the same list). */
export const DEVICE_STATES = ['ready', 'paper-low', 'paper-out', 'cover-open', 'offline', 'error', 'connecting'] as const;
void (true satisfies Exactly<(typeof DEVICE_STATES)[number], DriversDeviceState>);
export const DeviceState = z.enum(DEVICE_STATES);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatusView = z.object({
  id: z.string(),
  kind: DeviceKind,
  state: DeviceState,
  lastError: z.string().nullable(),
  since: z.number(),
  kioskId: z.string().nullable(),
  counterId: z.string().nullable(),
});
export type DeviceStatusView = z.infer<typeof DeviceStatusView>;

export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisationId: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

export const SessionView = z.object({ token: z.string(), expiresAt: z.number(), user: UserView });
export type SessionView = z.infer<typeof SessionView>;

/** One sign-in attempt, as the admin sees it (GET /admin/sign-ins). */
export const SignInAttemptView = z.object({
  at: z.number(),
  username: z.string(),
  /** The client's IP address. */
  address: z.string(),
  outcome: z.enum(['ok', 'wrong-password', 'refused']),
  /** Why it was refused (`pair-locked`, `account-slowed`, `address-locked`), or `unknown-user` / `disabled`. */
  reason: z.string().nullable(),
});
export type SignInAttemptView = z.infer<typeof SignInAttemptView>;

export const SignInActivity = z.object({
  attempts: z.array(SignInAttemptView),
  /** (username, address) pairs locked now, until when. */
  locked: z.array(z.object({ username: z.string(), address: z.string(), until: z.number() })),
  /** Accounts slowed down now (too many failures from several addresses): unknown addresses wait between tries. */
  slowed: z.array(z.object({ username: z.string(), failures: z.number().int() })),
});
export type SignInActivity = z.infer<typeof SignInActivity>;

export const EventView = z.object({
  id: z.number().int(),
  type: EventType,
  at: z.number(),
  ticketId: z.number().int().nullable(),
  counterId: z.string().nullable(),
  userId: z.number().int().nullable(),
  serviceId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type EventView = z.infer<typeof EventView>;

const SnapshotBase = z.object({
  /** Last sequence number of this channel; the next event carries seq + 1. */
  seq: z.number().int(),
  /** Changes when the server restarts; a client seeing a new epoch resyncs. */
  epoch: z.string(),
  now: z.number(),
});

/** What every screen of the hall draws from. */
export const HallSnapshot = SnapshotBase.extend({
  hall: HallInfo,
  organisations: z.array(Organisation),
  services: z.array(ServiceStatus),
  counters: z.array(CounterView),
  recentCalls: z.array(CallView),
  messages: z.array(HallMessage),
  /** Message a supervisor sent to the displays, if any. */
  announcement: z.string().nullable(),
});
export type HallSnapshot = z.infer<typeof HallSnapshot>;

export const PublicSnapshot = HallSnapshot.extend({
  role: z.enum(['display', 'kiosk']),
  display: DisplayConfig.nullable(),
  kiosk: KioskConfig.nullable(),
});
export type PublicSnapshot = z.infer<typeof PublicSnapshot>;

/** How many waiting tickets per service a staff snapshot lists (the oldest first). */
export const STAFF_SNAPSHOT_WAITING_PER_SERVICE = 300;

export const StaffSnapshot = HallSnapshot.extend({
  role: z.literal('staff'),
  /**
   * Every ticket on call, served or parked, every ticket sent to a named counter, and the first
   * STAFF_SNAPSHOT_WAITING_PER_SERVICE waiting tickets of each service in arrival order (a flood cannot make it huge).
   */
  tickets: z.array(TicketView),
  /** Waiting tickets left out of `tickets` (0 on an ordinary day); the services' `waiting` counts include them. */
  ticketsOmitted: z.number().int(),
  /**
   * The organisations whose counters and tickets this user may act on (their own and those it may help); null: all.
   * `tickets` holds only those organisations' tickets.
   */
  actsFor: z.array(z.string()).nullable(),
  outcomes: z.array(OutcomeConfig),
  user: UserView,
  devices: z.array(DeviceStatusView),
});
export type StaffSnapshot = z.infer<typeof StaffSnapshot>;

export const VisitorSnapshot = SnapshotBase.extend({ role: z.literal('visitor'), status: VisitorStatus });
export type VisitorSnapshot = z.infer<typeof VisitorSnapshot>;

export const Snapshot = z.union([PublicSnapshot, StaffSnapshot, VisitorSnapshot]);
export type Snapshot = z.infer<typeof Snapshot>;

/** GET /api/v1/hall: what a screen or an integration needs to know about the hall. */
export const HallView = z.object({
  hall: HallInfo,
  organisations: z.array(Organisation),
  kiosks: z.array(KioskConfig),
  displays: z.array(DisplayConfig),
  messages: z.array(HallMessage),
  outcomes: z.array(OutcomeConfig),
  announcement: z.string().nullable(),
});
export type HallView = z.infer<typeof HallView>;

/** An account as the administration lists it: where it signs in, and whether it is disabled. */
export const AdminUserView = UserView.extend({ disabled: z.boolean(), source: z.enum(['local', 'directory']) });
export type AdminUserView = z.infer<typeof AdminUserView>;

export const StrandedTicketView = z.object({ ticket: TicketView, reason: z.enum(['counter-closed', 'no-open-counter']) });
export type StrandedTicketView = z.infer<typeof StrandedTicketView>;
