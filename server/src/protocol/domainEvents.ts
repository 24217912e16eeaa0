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
  /** `estimateMinutes`: the wait promised at issue (null: no estimate could be given; absent before it was recorded). */
  ticket_issued: { number: string; language: Language; needs: Need[]; kioskId: string | null; estimateMinutes?: number | null };
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
  ticket_expired: { from: TicketState };
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
