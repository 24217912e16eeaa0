import type { DisplayConfig, HallMessage, KioskConfig, Organisation, OutcomeConfig } from './config.js';
import type { EventType, Feature, Language, LocalizedText, Need, Role, TicketState } from './vocabulary.js';

/** Wire types: what the server sends. All times are epoch milliseconds (UTC). */

export interface HallInfo {
  name: LocalizedText;
  timeZone: string;
  languages: Language[];
  defaultLanguage: Language;
  demo: boolean;
  /** Where visitors' phones reach the hall (the base of QR links); null: the address the screen was opened with. */
  publicUrl: string | null;
}

export type Availability =
  | { state: 'open'; closesAt: number | null }
  | { state: 'closed'; nextOpenAt: number | null }
  | { state: 'cutoff'; nextOpenAt: number | null }
  | { state: 'cap-reached'; nextOpenAt: number | null }
  | { state: 'stopped'; nextOpenAt: number | null };

export interface ServiceStatus {
  id: string;
  organisationId: string | null;
  prefix: string;
  name: LocalizedText;
  prepare: LocalizedText | null;
  category: string | null;
  targetMinutes: number;
  availability: Availability;
  open: boolean;
  waiting: number;
  /** Honest estimate for a ticket taken now; null when no counter serving it is open. */
  estimatedWaitMinutes: number | null;
  /**
   * When the next of the visitors already waiting is expected to be called ("next visitor called in about …");
   * null when nobody waits or no open counter can call them.
   */
  nextCallMinutes: number | null;
  /** Open counters serving it (whole counters). */
  countersOpen: number;
}

export interface CounterStaffInfo {
  userId: number | null;
  userName: string | null;
  openedAt: number | null;
  pausedReason: string | null;
  pausedAt: number | null;
  currentTicketId: number | null;
  parkedTicketIds: number[];
}

export interface CounterView {
  id: string;
  label: string;
  name: LocalizedText | null;
  features: Feature[];
  roaming: boolean;
  open: boolean;
  paused: boolean;
  /** Services served now (the active work profile). */
  services: { serviceId: string; weight: number }[];
  /** Number on call or being served at this counter. */
  currentNumber: string | null;
  /** Present for staff sockets and staff routes only. */
  staff?: CounterStaffInfo;
}

/** Why call-next chose a ticket, so a supervisor can explain it. */
export interface CallReason {
  rule: 'named' | 'targeted' | 'strict-priority' | 'ratio-priority' | 'ratio-normal' | 'weighted-wait' | 'resumed' | 'appointment';
  policy: 'strict' | 'ratio' | 'aging';
  waitedMinutes: number;
  weight: number;
  score: number;
  matchedFeature: Feature | null;
  candidates: number;
  /**
   * For an appointment's ticket: the slot's start, its local time ("10:30") and whether it was due (the slot had
   * started) when called; `text` says it in one line ("appointment at 10:30, due").
   */
  appointment?: { at: number; time: string; due: boolean; text: string };
}

export interface CallView {
  ticketId: number;
  number: string;
  serviceId: string;
  counterId: string;
  counterLabel: string;
  language: Language;
  recall: boolean;
  at: number;
}

export interface TicketView {
  id: number;
  number: string;
  serviceId: string;
  originalServiceId: string;
  state: TicketState;
  language: Language;
  needs: Need[];
  issuedAt: number;
  /** Effective arrival time used for ordering; a transfer keeps it. */
  queuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  counterId: string | null;
  targetCounterId: string | null;
  recallCount: number;
  outcome: string | null;
  note: string | null;
  callReason: CallReason | null;
  kioskId: string | null;
}

export interface VisitorStatus {
  number: string;
  state: TicketState;
  language: Language;
  service: { id: string; name: LocalizedText; prepare: LocalizedText | null };
  hallName: LocalizedText;
  issuedAt: number;
  calledAt: number | null;
  /** People ahead in this ticket's queue; null once called. */
  position: number | null;
  estimatedWaitMinutes: number | null;
  counter: { id: string; label: string; name: LocalizedText | null } | null;
  needs: Need[];
  messages: HallMessage[];
  recallCount: number;
  languages: Language[];
}

export interface IssuedTicket {
  id: number;
  number: string;
  serviceId: string;
  language: Language;
  needs: Need[];
  issuedAt: number;
  position: number;
  estimatedWaitMinutes: number | null;
  statusToken: string;
  /** Path of the visitor's status page, e.g. /t/<token>. */
  statusPath: string;
}

export type PrintResult =
  | { status: 'printed'; deviceId: string }
  | { status: 'failed'; deviceId: string; message: string }
  | { status: 'no-printer' }
  /** The same request (Idempotency-Key) was answered before; whether that print came out is not known now. */
  | { status: 'repeat' };

export interface IssueTicketResponse {
  ticket: IssuedTicket;
  print: PrintResult;
}

export type DeviceState = 'ready' | 'paper-low' | 'paper-out' | 'cover-open' | 'offline' | 'error' | 'connecting';

export interface DeviceStatusView {
  id: string;
  kind: 'printer' | 'relay' | 'counter-display';
  state: DeviceState;
  lastError: string | null;
  since: number;
  kioskId: string | null;
  counterId: string | null;
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
}

export interface SessionView {
  token: string;
  expiresAt: number;
  user: UserView;
}

/** One sign-in attempt, as the admin sees it (GET /admin/sign-ins). */
export interface SignInAttemptView {
  at: number;
  username: string;
  /** The client's IP address. */
  address: string;
  outcome: 'ok' | 'wrong-password' | 'refused';
  /** Why it was refused (`pair-locked`, `account-slowed`, `address-locked`), or `unknown-user` / `disabled`. */
  reason: string | null;
}

export interface SignInActivity {
  attempts: SignInAttemptView[];
  /** (username, address) pairs locked now, until when. */
  locked: { username: string; address: string; until: number }[];
  /** Accounts slowed down now (too many failures from several addresses): unknown addresses wait between tries. */
  slowed: { username: string; failures: number }[];
}

export interface EventView {
  id: number;
  type: EventType;
  at: number;
  ticketId: number | null;
  counterId: string | null;
  userId: number | null;
  serviceId: string | null;
  data: Record<string, unknown> | null;
}

interface SnapshotBase {
  /** Last sequence number of this channel; the next event carries seq + 1. */
  seq: number;
  /** Changes when the server restarts; a client seeing a new epoch resyncs. */
  epoch: string;
  now: number;
}

/** What every screen of the hall draws from. */
export interface HallSnapshot extends SnapshotBase {
  hall: HallInfo;
  organisations: Organisation[];
  services: ServiceStatus[];
  counters: CounterView[];
  recentCalls: CallView[];
  messages: HallMessage[];
  /** Message a supervisor sent to the displays, if any. */
  announcement: string | null;
}

export interface PublicSnapshot extends HallSnapshot {
  role: 'display' | 'kiosk';
  display: DisplayConfig | null;
  kiosk: KioskConfig | null;
}

/** How many waiting tickets per service a staff snapshot lists (the oldest first). */
export const STAFF_SNAPSHOT_WAITING_PER_SERVICE = 300;

export interface StaffSnapshot extends HallSnapshot {
  role: 'staff';
  /**
   * Every ticket on call, served or parked, every ticket sent to a named counter, and the first
   * STAFF_SNAPSHOT_WAITING_PER_SERVICE waiting tickets of each service in arrival order (a flood cannot make it huge).
   */
  tickets: TicketView[];
  /** Waiting tickets left out of `tickets` (0 on an ordinary day); the services' `waiting` counts include them. */
  ticketsOmitted: number;
  /**
   * The organisations whose counters and tickets this user may act on (their own and those it may help); null: all.
   * `tickets` holds only those organisations' tickets.
   */
  actsFor: string[] | null;
  outcomes: OutcomeConfig[];
  user: UserView;
  devices: DeviceStatusView[];
}

export interface VisitorSnapshot extends SnapshotBase {
  role: 'visitor';
  status: VisitorStatus;
}

export type Snapshot = PublicSnapshot | StaffSnapshot | VisitorSnapshot;
