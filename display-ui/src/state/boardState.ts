import type { CallView, CounterView, PublicSnapshot, ServiceStatus } from '@vuoro/server/protocol';

/**
 * The board's state and the pure rules that apply server messages to it. Every server event carries the
 * channel's `seq`; a snapshot carries the last `seq` and the server's `epoch`. An event that skips a number
 * means something was missed: it is still applied (a call must not be lost) and a fresh snapshot is asked for.
 */

/** Calls kept in memory: enough for the largest history (20) plus the current calls; never more. */
export const CALLS_KEPT = 24;

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface BoardState {
  snapshot: PublicSnapshot | null;
  /** Newest first, at most CALLS_KEPT. */
  calls: CallView[];
  connection: Connection;
  seq: number;
  epoch: string | null;
}

export type ServerMessage =
  | { type: 'snapshot'; snapshot: PublicSnapshot }
  | { type: 'ticket:called'; seq: number; call: CallView }
  | { type: 'queue:changed'; seq: number; services: ServiceStatus[] }
  | { type: 'counter:changed'; seq: number; counter: CounterView }
  | { type: 'hall:announcement'; seq: number; text: string | null }
  | { type: 'hall:config'; seq: number };

export type BoardInput = ServerMessage | { type: 'connection'; connection: Connection };

export interface Step {
  state: BoardState;
  /** Ask the server for a fresh snapshot. */
  resync: boolean;
  /** Calls to announce (newest last). */
  announce: CallView[];
}

export const INITIAL_STATE: BoardState = { snapshot: null, calls: [], connection: 'connecting', seq: 0, epoch: null };

export const callKey = (c: CallView): string => `${c.ticketId}:${c.counterId}:${c.at}:${c.recall ? 'r' : 'c'}`;

/** How old a call found in a resync snapshot may be and still be announced (it was made while we were away). */
export const MISSED_CALL_WINDOW_MS = 60_000;

export function step(state: BoardState, input: BoardInput): Step {
  switch (input.type) {
    case 'connection':
      return { state: { ...state, connection: input.connection }, resync: false, announce: [] };
    case 'snapshot':
      return applySnapshot(state, input.snapshot);
    default:
      return applyEvent(state, input);
  }
}

function applySnapshot(state: BoardState, snapshot: PublicSnapshot): Step {
  const incoming = snapshot.recentCalls.slice(0, CALLS_KEPT);
  let announce: CallView[] = [];
  if (state.snapshot !== null) {
    // Calls made while this display was away (a restart, a gap): announce the recent ones it never saw.
    const known = new Set(state.calls.map(callKey));
    const newest = state.calls[0]?.at ?? 0;
    announce = incoming
      .filter((c) => !known.has(callKey(c)) && c.at > newest && c.at >= snapshot.now - MISSED_CALL_WINDOW_MS)
      .reverse();
  }
  return {
    state: { snapshot, calls: incoming, connection: 'live', seq: snapshot.seq, epoch: snapshot.epoch },
    resync: false,
    announce,
  };
}

function applyEvent(state: BoardState, e: Exclude<ServerMessage, { type: 'snapshot' }>): Step {
  const snap = state.snapshot;
  // Before the first snapshot, or an event already contained in the snapshot we hold: nothing to do.
  if (snap === null || e.seq <= state.seq) return { state, resync: false, announce: [] };
  const gap = e.seq !== state.seq + 1;
  const base: BoardState = { ...state, seq: e.seq };
  switch (e.type) {
    case 'ticket:called': {
      const key = callKey(e.call);
      if (state.calls.some((c) => callKey(c) === key)) return { state: base, resync: gap, announce: [] };
      const calls = [e.call, ...state.calls].slice(0, CALLS_KEPT);
      return { state: { ...base, calls }, resync: gap, announce: [e.call] };
    }
    case 'queue:changed':
      return { state: { ...base, snapshot: { ...snap, services: e.services } }, resync: gap, announce: [] };
    case 'counter:changed': {
      const counters = snap.counters.some((c) => c.id === e.counter.id)
        ? snap.counters.map((c) => (c.id === e.counter.id ? e.counter : c))
        : [...snap.counters, e.counter];
      return { state: { ...base, snapshot: { ...snap, counters } }, resync: gap, announce: [] };
    }
    case 'hall:announcement':
      return { state: { ...base, snapshot: { ...snap, announcement: e.text } }, resync: gap, announce: [] };
    case 'hall:config':
      return { state: base, resync: true, announce: [] };
  }
}
