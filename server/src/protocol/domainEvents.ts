import type { ProfileEntry } from './config.js';
import type { EventType, Language, Need, TicketState } from './vocabulary.js';
import type { CallReason } from './views.js';

/**
 * Domain events: what happened, as appended to the event log. After a transaction commits, the service that wrote
 * it publishes these (in commit order, each with its log id) to every consumer: realtime, counter devices,
 * statistics, and integrations. They are also what an integration (webhook, central statistics) will carry, so a
 * payload only ever gains optional fields.
 */
export interface EventPayloads {
  /**
   * `estimateMinutes`: the wait promised at issue (null: no estimate could be given; absent before it was recorded).
   * `appointmentAt`: a checked-in appointment's slot; `remote`: taken from home (held until checked in).
   */
  ticket_issued: {
    number: string;
    language: Language;
    needs: Need[];
    kioskId: string | null;
    estimateMinutes?: number | null;
    appointmentAt?: number;
    remote?: boolean;
  };
  ticket_called: { reason: CallReason; waitedMs: number };
  ticket_recalled: { recall: number };
  ticket_started: null;
  /** `articleId`: the knowledge-base article the visit was resolved with. */
  ticket_finished: { outcome: string | null; transactionMs: number; articleId?: number };
  ticket_no_show: null;
  ticket_requeued: null;
  ticket_transferred: { fromService: string; toService: string; toCounter: string | null; note: string | null; legMs: number };
  ticket_parked: null;
  ticket_resumed: null;
  ticket_cancelled: { by: 'visitor' };
  /** `notCheckedIn`: a remote ticket whose holder did not check in within the grace after their turn came. */
  ticket_expired: { from: TicketState; notCheckedIn?: boolean };
  /** A remote ticket's holder arrived ("I'm here"): it can be called from now on. */
  ticket_checked_in: { how: 'status-page' | 'kiosk' | 'counter' };
  /** A remote ticket's turn came while its holder had not checked in: it keeps its place for `graceMinutes`. */
  ticket_skipped: { graceMinutes: number };
  ticket_noted: { note: string };
  counter_opened: { services: string[] };
  /** `pausedReason` when the counter was paused as it closed. */
  counter_closed: { pausedReason: string | null } | null;
  counter_paused: { reason: string };
  counter_resumed: { reason: string | null; pausedMs: number };
  /** `from`: the user who held the counter; the event's userId took it over. */
  counter_taken_over: { from: number };
  counter_profile_changed: { services: ProfileEntry[] };
  service_stopped: null;
  service_restarted: null;
  /** `what: 'announcement'` carries the displays' announcement text (null clears it). */
  config_changed: { source?: string; imported?: boolean; what?: string; text?: string | null };
  feedback_given: { rating: number; comment?: string; language: Language };
  /** Appointment events carry no booking code (it is the holder's key) and no name. `by`: who acted. */
  appointment_booked: { appointmentId: number; slotAt: number; by: 'visitor' | 'staff' | 'integration' };
  appointment_moved: { appointmentId: number; from: number; slotAt: number; by: 'visitor' | 'staff' | 'integration'; reason: string | null };
  appointment_cancelled: { appointmentId: number; slotAt: number; by: 'visitor' | 'staff' | 'integration'; reason: string | null };
  /** `lateMinutes`: minutes after the slot's start (negative: early). */
  appointment_arrived: { appointmentId: number; slotAt: number; lateMinutes: number };
  appointment_no_show: { appointmentId: number; slotAt: number };
}

/** Where and by whom: the columns every event row has. */
export interface EventEnvelope {
  /** Position in the event log: strictly increasing, the id a consumer resumes from. */
  id: number;
  at: number;
  ticketId: number | null;
  counterId: string | null;
  userId: number | null;
  serviceId: string | null;
}

/** The body of an event of type `T` (or of any of the types in a union). */
export type EventBody<T extends EventType = EventType> = { [K in T]: { type: K; data: EventPayloads[K] } }[T];

/** A committed event: its log envelope and its typed body. Narrow on `type`. */
export type DomainEvent<T extends EventType = EventType> = { [K in T]: EventEnvelope & { type: K; data: EventPayloads[K] } }[T];

export type TicketEventType = Extract<EventType, `ticket_${string}`>;
export type CounterEventType = Extract<EventType, `counter_${string}`>;

export function isTicketEvent(e: DomainEvent): e is DomainEvent<TicketEventType> {
  return e.type.startsWith('ticket_');
}

export function isCounterEvent(e: DomainEvent): e is DomainEvent<CounterEventType> {
  return e.type.startsWith('counter_');
}
