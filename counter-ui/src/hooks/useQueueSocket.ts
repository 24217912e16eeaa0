import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  ACTIVE_STATES,
  type Ack,
  type ApiError,
  type ClientToServerEvents,
  type CounterView,
  type ServerToClientEvents,
  type Snapshot,
  type StaffSnapshot,
  type TicketView,
} from '@vuoro/server/protocol';
import { RetryAfterRefusal, SequenceFollower } from '@vuoro/server/protocol/client';
import { applyEvent, type StaffEvent } from './applyEvent.js';

type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TakenOver {
  counterId: string;
  by: string;
}

export interface QueueSocketState {
  snapshot: StaffSnapshot | null;
  connected: boolean;
  /** Milliseconds to add to Date.now() to get the server's clock. */
  clockOffset: number;
  takenOver: TakenOver | null;
  /** The server refused a join or a snapshot for being asked too often; the screen asks again by itself. */
  retrying: boolean;
}

export interface QueueSocket extends QueueSocketState {
  resync(): void;
  clearTakenOver(): void;
  /** Puts an action's answer into the picture at once, without waiting for its event. */
  patchTicket(t: TicketView): void;
  patchCounter(c: CounterView): void;
}

/**
 * Joins the staff channel with the session token and keeps the StaffSnapshot current. Events are applied in `seq`
 * order; a gap, a new server epoch or a config change asks for a fresh snapshot. Socket.IO reconnects by itself and
 * every (re)connection joins again, which re-syncs.
 */
export function useQueueSocket(token: string | null, onUnauthorized: (e: ApiError) => void): QueueSocket {
  const [state, setState] = useState<QueueSocketState>({ snapshot: null, connected: false, clockOffset: 0, takenOver: null, retrying: false });
  const ref = useRef(state);
  const socketRef = useRef<StaffSocket | null>(null);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const sequence = useRef(new SequenceFollower());
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  // `too_many_requests` (staff behind one address with a flooding client) is asked again after the delay the server
  // gave, with backoff (protocol/client/retry.ts), as displays and kiosks do.
  const retry = useRef(new RetryAfterRefusal());

  const update = useCallback((fn: (s: QueueSocketState) => QueueSocketState) => {
    ref.current = fn(ref.current);
    setState(ref.current);
  }, []);

  const accept = useCallback(
    (res: Ack<Snapshot>) => {
      if (!res.ok) {
        sequence.current.feed({ type: 'refused' });
        if (res.error.code === 'unauthorized') unauthorized.current(res.error);
        const retrying = retry.current.refused(res.error, () => {
          const socket = socketRef.current;
          if (!socket?.connected) return;
          // Not yet joined: join again (the join answers with a snapshot); joined: ask for the snapshot missed.
          if (ref.current.snapshot === null) {
            sequence.current.feed({ type: 'joining' });
            socket.emit('hall:join', { role: 'staff', token: tokenRef.current ?? '' }, accept);
          } else if (sequence.current.feed({ type: 'stale' }).requestSnapshot) socket.emit('hall:snapshot', accept);
        });
        if (retrying) update((s) => ({ ...s, retrying: true }));
        return;
      }
      if (res.data.role !== 'staff') return;
      retry.current.answered();
      const snap = res.data;
      sequence.current.feed({ type: 'snapshot', seq: snap.seq, epoch: snap.epoch });
      update((s) => ({ ...s, snapshot: snap, clockOffset: snap.now - Date.now(), retrying: false }));
    },
    [update],
  );

  const resync = useCallback(() => {
    const socket = socketRef.current;
    if (!socket || !socket.connected) return;
    if (sequence.current.feed({ type: 'stale' }).requestSnapshot) socket.emit('hall:snapshot', accept);
  }, [accept]);

  useEffect(() => {
    if (!token) return undefined;
    const socket: StaffSocket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
    socketRef.current = socket;

    const join = () => {
      sequence.current.feed({ type: 'joining' });
      update((s) => ({ ...s, connected: true }));
      socket.emit('hall:join', { role: 'staff', token }, accept);
    };
    const receive = (seq: number, e: StaffEvent) => {
      const step = sequence.current.feed({ type: 'event', seq });
      if (step.apply) update((s) => (s.snapshot ? { ...s, snapshot: applyEvent(s.snapshot, seq, e) } : s));
      else if (step.requestSnapshot) socket.emit('hall:snapshot', accept);
    };

    socket.on('connect', join);
    socket.on('disconnect', () => {
      retry.current.cancel();
      update((s) => ({ ...s, connected: false }));
    });
    socket.on('ticket:changed', (e) => receive(e.seq, { kind: 'ticket', ticketId: e.ticketId, ticket: e.ticket }));
    socket.on('counter:changed', (e) => receive(e.seq, { kind: 'counter', counter: e.counter }));
    socket.on('queue:changed', (e) => receive(e.seq, { kind: 'queue', services: e.services }));
    socket.on('ticket:called', (e) => receive(e.seq, { kind: 'call', call: e.call }));
    socket.on('hall:announcement', (e) => receive(e.seq, { kind: 'announcement', text: e.text }));
    socket.on('device:status', (e) => receive(e.seq, { kind: 'device', device: e.device }));
    socket.on('hall:config', () => resync());
    // Signed out elsewhere, or the account was disabled or changed: this screen stops receiving staff events.
    socket.on('session:ended', () => unauthorized.current({ code: 'unauthorized', message: 'Your session has ended. Sign in again.' }));
    socket.on('counter:taken-over', (e) => {
      receive(e.seq, { kind: 'none' });
      update((s) => (s.snapshot?.user.id === e.previousUserId ? { ...s, takenOver: { counterId: e.counterId, by: e.by } } : s));
    });
    return () => {
      retry.current.cancel();
      retry.current = new RetryAfterRefusal();
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      sequence.current = new SequenceFollower();
    };
  }, [token, accept, resync, update]);

  const clearTakenOver = useCallback(() => update((s) => ({ ...s, takenOver: null })), [update]);
  const patchTicket = useCallback(
    (t: TicketView) =>
      update((s) => {
        if (!s.snapshot) return s;
        const active = ACTIVE_STATES.includes(t.state);
        const others = s.snapshot.tickets.filter((x) => x.id !== t.id);
        return { ...s, snapshot: { ...s.snapshot, tickets: active ? [...others, t] : others } };
      }),
    [update],
  );
  const patchCounter = useCallback(
    (c: CounterView) =>
      update((s) => (s.snapshot ? { ...s, snapshot: { ...s.snapshot, counters: s.snapshot.counters.map((x) => (x.id === c.id ? c : x)) } } : s)),
    [update],
  );
  return { ...state, resync, clearTakenOver, patchTicket, patchCounter };
}
