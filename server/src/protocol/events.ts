import { z } from 'zod';
import { ScreenHello, ScreenWelcome } from './ops.js';
import { ApiError } from './errors.js';
import { CallView, CounterView, DeviceStatusView, ServiceFigures, Snapshot, TicketView, VisitorStatus } from './views.js';

/** Socket.IO contract. Every server event carries `seq`: the channel's sequence number. */

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const JoinRequest = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('display'), displayId: z.string().max(40).optional() }),
  z.strictObject({ role: z.literal('kiosk'), kioskId: z.string().max(40).optional() }),
  z.strictObject({ role: z.literal('staff'), token: z.string().min(1).max(200) }),
  z.strictObject({ role: z.literal('visitor'), statusToken: z.string().min(1).max(200) }),
]);
export type JoinRequest = z.infer<typeof JoinRequest>;

const Seq = z.object({ seq: z.number().int() });

export const SessionEndReason = z.enum(['signed-out', 'expired', 'account-changed']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/** The rooms a server event goes to (`counter:<id>` rooms are part of `staff`). */
export type EventAudience = 'display' | 'kiosk' | 'staff' | 'visitor';

/**
 * Every event the server pushes: its payload schema, who receives it and what it means. `ServerToClientEvents` (the
 * socket's types) and the AsyncAPI document (GET /api/v1/asyncapi.json) are derived from this table.
 */
export const SERVER_EVENTS = {
  'ticket:called': {
    to: ['display', 'staff'],
    summary:
      'A ticket was called or recalled to a counter. A display also takes it as the number now on call at that ' +
      'counter (withCall in @vuoro/server/protocol/client): displays get no counter:changed that says only that.',
    payload: Seq.extend({ call: CallView }),
  },
  'queue:changed': {
    to: ['display', 'kiosk', 'staff'],
    summary:
      "Waiting counts, availability and estimates changed: each service's figures (merged into the snapshot's " +
      'services by id; names and texts change only with the configuration, announced by hall:config).',
    payload: Seq.extend({ services: z.array(ServiceFigures) }),
  },
  'counter:changed': {
    to: ['display', 'staff'],
    summary: 'A counter opened, closed, paused or got a new ticket.',
    payload: Seq.extend({ counter: CounterView }),
  },
  'ticket:changed': {
    to: ['staff'],
    summary: "A ticket changed; `ticket` is null when it left today's active list.",
    payload: Seq.extend({ ticketId: z.number().int(), ticket: TicketView.nullable() }),
  },
  'visitor:status': {
    to: ['visitor'],
    summary: "The visitor's own ticket (the status page).",
    payload: Seq.extend({ status: VisitorStatus }),
  },
  'device:status': {
    to: ['kiosk', 'staff'],
    summary: 'A device changed state (staff, and the kiosk that owns the printer).',
    payload: Seq.extend({ device: DeviceStatusView }),
  },
  'hall:announcement': {
    to: ['display', 'staff'],
    summary: "A supervisor's message to the displays; null clears it.",
    payload: Seq.extend({ text: z.string().nullable() }),
  },
  'hall:config': {
    to: ['display', 'kiosk', 'staff', 'visitor'],
    summary: 'Configuration changed: fetch a fresh snapshot (hall:snapshot).',
    payload: Seq,
  },
  'counter:taken-over': {
    to: ['staff'],
    summary: "Another staff member took a counter over; the previous holder's screen says so.",
    payload: Seq.extend({ counterId: z.string(), by: z.string(), previousUserId: z.number().int() }),
  },
  'session:ended': {
    to: ['staff'],
    summary:
      "This staff socket's session ended (signed out, expired, or the account was disabled or changed): it no longer " +
      'receives staff events; the screen asks to sign in again. Sent to that socket only, so not sequenced.',
    payload: z.object({ reason: SessionEndReason }),
  },
} as const satisfies Record<string, { to: readonly EventAudience[]; summary: string; payload: z.ZodType }>;

export type ServerToClientEvents = { [E in keyof typeof SERVER_EVENTS]: (e: z.output<(typeof SERVER_EVENTS)[E]['payload']>) => void };

/** The acknowledgement of a client event: its data, or the error (as in HTTP error bodies). */
export function ackOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: ApiError })]);
}

/** Every event a client emits: its request schema (none for hall:snapshot) and the acknowledgement's. */
export const CLIENT_EVENTS = {
  'hall:join': {
    summary: 'Join as a display, kiosk, staff member (session token) or visitor (status token); the acknowledgement carries the snapshot.',
    request: JoinRequest,
    ack: ackOf(Snapshot),
  },
  'hall:snapshot': {
    summary: "Ask for a fresh snapshot of the joined role's channel (after a gap in seq, a new epoch, or hall:config).",
    request: null,
    ack: ackOf(Snapshot),
  },
  'screen:hello': {
    summary: "A screen's clock and build, on every (re)connection; the answer names the server's version.",
    request: ScreenHello,
    ack: ackOf(ScreenWelcome),
  },
} as const;

type ClientEvents = typeof CLIENT_EVENTS;
type AckCallback<E extends keyof ClientEvents> = (res: z.output<ClientEvents[E]['ack']>) => void;

/** The events a client emits, derived from `CLIENT_EVENTS`: the request (when the event has one), then the acknowledgement. */
export type ClientToServerEvents = {
  [E in keyof ClientEvents]: ClientEvents[E]['request'] extends z.ZodType
    ? (req: z.input<ClientEvents[E]['request']>, ack: AckCallback<E>) => void
    : (ack: AckCallback<E>) => void;
};

export type ServerEventName = keyof ServerToClientEvents;
