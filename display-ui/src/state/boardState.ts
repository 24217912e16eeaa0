import type { CallView, CounterView, PublicSnapshot, ServiceFigures } from '@vuoro/server/protocol';
import { INITIAL_SEQUENCE, sequenceStep, withCall, withFigures, type SequenceState } from '@vuoro/server/protocol/client';

/**
 * The board's state and the pure rules that apply server messages to it. Sequence numbers follow the screens'
 * shared rule (`sequenceStep`): an event that skips a number means something was missed, so one fresh snapshot is
 * asked for and events are ignored until it arrives. No call is lost that way: the snapshot's recent calls that
 * the board never saw are announced when it arrives.
 */

/** Calls kept in memory: enough for the largest history (20) plus the current calls; never more. */
export const CALLS_KEPT = 24;

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface BoardState {
  snapshot: PublicSnapshot | null;
  /** Newest first, at most CALLS_KEPT. */
  calls: CallView[];
  connection: Connection;
  sequence: SequenceState;
}

export type ServerMessage =
  | { type: 'snapshot'; snapshot: PublicSnapshot }
  | { type: 'ticket:called'; seq: number; call: CallView }
  | { type: 'queue:changed'; seq: number; services: ServiceFigures[] }
  | { type: 'counter:changed'; seq: number; counter: CounterView }
  | { type: 'hall:announcement'; seq: number; text: string | null }
  | { type: 'hall:config'; seq: number };

export type BoardInput =
  | ServerMessage
  | { type: 'connection'; connection: Connection }
  /** Joining (the join answers with a snapshot): events wait for it. */
  | { type: 'joining' }
  /** A snapshot request was refused. */
  | { type: 'refused' };

export interface Step {
  state: BoardState;
  /** Ask the server for a fresh snapshot. */
  resync: boolean;
  /** Calls to announce (newest last). */
  announce: CallView[];
}

export const INITIAL_STATE: BoardState = { snapshot: null, calls: [], connection: 'connecting', sequence: INITIAL_SEQUENCE };

export const callKey = (c: CallView): string => `${c.ticketId}:${c.counterId}:${c.at}:${c.recall ? 'r' : 'c'}`;

/** How old a call found in a resync snapshot may be and still be announced (it was made while we were away). */
export const MISSED_CALL_WINDOW_MS = 60_000;

export function step(state: BoardState, input: BoardInput): Step {
  switch (input.type) {
    case 'connection':
      return { state: { ...state, connection: input.connection }, resync: false, announce: [] };
    case 'joining':
    case 'refused':
      return { state: { ...state, sequence: sequenceStep(state.sequence, input).state }, resync: false, announce: [] };
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
    state: {
      snapshot,
      calls: incoming,
      connection: 'live',
      sequence: sequenceStep(state.sequence, { type: 'snapshot', seq: snapshot.seq, epoch: snapshot.epoch }).state,
    },
    resync: false,
    announce,
  };
}

function applyEvent(state: BoardState, e: Exclude<ServerMessage, { type: 'snapshot' }>): Step {
  const snap = state.snapshot;
  // A configuration change makes the whole picture stale; any other event is checked for its place in the sequence.
  const seq = sequenceStep(state.sequence, e.type === 'hall:config' ? { type: 'stale' } : { type: 'event', seq: e.seq });
  const base: BoardState = { ...state, sequence: seq.state };
  const gap = seq.requestSnapshot;
  if (!seq.apply || snap === null) return { state: base, resync: gap, announce: [] };
  switch (e.type) {
    case 'ticket:called': {
      const key = callKey(e.call);
      if (state.calls.some((c) => callKey(c) === key)) return { state: base, resync: gap, announce: [] };
      const calls = [e.call, ...state.calls].slice(0, CALLS_KEPT);
      // The call's number is now on call at its counter (the server sends no counter:changed that says only that).
      const snapshot = { ...snap, counters: withCall(snap.counters, e.call) };
      return { state: { ...base, snapshot, calls }, resync: gap, announce: [e.call] };
    }
    case 'queue:changed':
      return { state: { ...base, snapshot: { ...snap, services: withFigures(snap.services, e.services) } }, resync: gap, announce: [] };
    case 'counter:changed': {
      const counters = snap.counters.some((c) => c.id === e.counter.id)
        ? snap.counters.map((c) => (c.id === e.counter.id ? e.counter : c))
        : [...snap.counters, e.counter];
      return { state: { ...base, snapshot: { ...snap, counters } }, resync: gap, announce: [] };
    }
    case 'hall:announcement':
      return { state: { ...base, snapshot: { ...snap, announcement: e.text } }, resync: gap, announce: [] };
    case 'hall:config':
      return { state: base, resync: gap, announce: [] };
  }
}
