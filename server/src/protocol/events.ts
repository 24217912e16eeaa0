import { z } from 'zod';
import type { ScreenHello, ScreenWelcome } from './ops.js';
import type { ApiError } from './errors.js';
import type {
  CallView,
  CounterView,
  DeviceStatusView,
  ServiceStatus,
  Snapshot,
  TicketView,
  VisitorStatus,
} from './views.js';

/** Socket.IO contract. Every server event carries `seq`: the channel's sequence number. */

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const JoinRequest = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('display'), displayId: z.string().max(40).optional() }),
  z.strictObject({ role: z.literal('kiosk'), kioskId: z.string().max(40).optional() }),
  z.strictObject({ role: z.literal('staff'), token: z.string().min(1).max(200) }),
  z.strictObject({ role: z.literal('visitor'), statusToken: z.string().min(1).max(200) }),
]);
export type JoinRequest = z.infer<typeof JoinRequest>;

interface Sequenced {
  seq: number;
}

export interface ServerToClientEvents {
  /** A ticket was called or recalled to a counter (displays, staff). */
  'ticket:called': (e: Sequenced & { call: CallView }) => void;
  /** Waiting counts, availability and estimates changed (displays, kiosks, staff). */
  'queue:changed': (e: Sequenced & { services: ServiceStatus[] }) => void;
  /** A counter opened, closed, paused or got a new ticket (displays, staff). */
  'counter:changed': (e: Sequenced & { counter: CounterView }) => void;
  /** A ticket changed; `ticket` is null when it left today's active list (staff). */
  'ticket:changed': (e: Sequenced & { ticketId: number; ticket: TicketView | null }) => void;
  /** The visitor's own ticket (the visitor's status page). */
  'visitor:status': (e: Sequenced & { status: VisitorStatus }) => void;
  /** A device changed state (staff, and the kiosk that owns the printer). */
  'device:status': (e: Sequenced & { device: DeviceStatusView }) => void;
  /** A supervisor's message to the displays; null clears it. */
  'hall:announcement': (e: Sequenced & { text: string | null }) => void;
  /** Configuration changed: fetch a fresh snapshot. */
  'hall:config': (e: Sequenced) => void;
  /** Another staff member took a counter over; the previous holder's screen says so (staff). */
  'counter:taken-over': (e: Sequenced & { counterId: string; by: string; previousUserId: number }) => void;
  /**
   * This staff socket's session ended (signed out, expired, or the account was disabled or changed): it no longer
   * receives staff events; the screen asks to sign in again. Sent to that socket only, so not sequenced.
   */
  'session:ended': (e: { reason: SessionEndReason }) => void;
}

export type SessionEndReason = 'signed-out' | 'expired' | 'account-changed';

export interface ClientToServerEvents {
  'hall:join': (req: JoinRequest, ack: (res: Ack<Snapshot>) => void) => void;
  'hall:snapshot': (ack: (res: Ack<Snapshot>) => void) => void;
  /** A screen's clock and build, on every (re)connection; the answer names the server's version (see ops.ts). */
  'screen:hello': (hello: ScreenHello, ack: (res: Ack<ScreenWelcome>) => void) => void;
}

export type ServerEventName = keyof ServerToClientEvents;
