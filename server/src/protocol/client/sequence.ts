/**
 * The one rule every screen follows for a channel's sequence numbers (kiosk, counter, display).
 *
 * Every server event on a channel carries `seq`, one more than the previous event; a snapshot carries the last
 * `seq` it contains and the server's `epoch` (new on every server start). The rule:
 * - before the first snapshot, nothing is applied (joining answers with a snapshot);
 * - the next number is applied; a number the snapshot already contains is ignored;
 * - a skipped number (a gap) means events were missed: ask for ONE snapshot and ignore every event until it
 *   arrives (applying events on top of a picture known to be incomplete would show a wrong hall, and the
 *   snapshot contains whatever the ignored events said);
 * - a snapshot is the truth: it replaces the position; when its epoch differs from the last one the server
 *   restarted, so whatever the screen kept outside the snapshot (device states, known calls) is stale.
 * Pure and free of IO: the screens' socket hooks feed it and do what it says.
 */
export interface SequenceState {
  /** The last sequence number contained in the picture the screen shows. */
  readonly seq: number;
  /** The epoch of the last snapshot; null before the first one. */
  readonly epoch: string | null;
  /** A snapshot has been asked for (or joining is under way): events are ignored until it arrives. */
  readonly awaiting: boolean;
}

export type SequenceInput =
  /** A snapshot arrived (a join or a snapshot request was answered). */
  | { readonly type: 'snapshot'; readonly seq: number; readonly epoch: string }
  /** A sequenced event arrived. */
  | { readonly type: 'event'; readonly seq: number }
  /** The screen is joining (it asks for its snapshot itself, with the join): ignore events until it arrives. */
  | { readonly type: 'joining' }
  /** The awaited snapshot was refused (e.g. rate-limited): stop waiting; the next gap asks again. */
  | { readonly type: 'refused' }
  /** The picture is out of date for another reason (the hall's configuration changed, a person asked). */
  | { readonly type: 'stale' };

export interface SequenceStep {
  readonly state: SequenceState;
  /** Apply this event to the picture. */
  readonly apply: boolean;
  /** Ask the server for a snapshot now. Never true while one is already awaited. */
  readonly requestSnapshot: boolean;
  /** The snapshot comes from a restarted server (a new epoch). */
  readonly restarted: boolean;
}

export const INITIAL_SEQUENCE: SequenceState = { seq: 0, epoch: null, awaiting: true };

const result = (state: SequenceState, apply: boolean, requestSnapshot: boolean, restarted = false): SequenceStep => ({
  state,
  apply,
  requestSnapshot,
  restarted,
});

export function sequenceStep(state: SequenceState, input: SequenceInput): SequenceStep {
  switch (input.type) {
    case 'snapshot': {
      const restarted = state.epoch !== null && state.epoch !== input.epoch;
      return result({ seq: input.seq, epoch: input.epoch, awaiting: false }, false, false, restarted);
    }
    case 'joining':
      return result({ ...state, awaiting: true }, false, false);
    case 'refused':
      return result({ ...state, awaiting: false }, false, false);
    case 'stale':
      return result({ ...state, awaiting: true }, false, !state.awaiting);
    case 'event': {
      if (state.awaiting || input.seq <= state.seq) return result(state, false, false);
      if (input.seq === state.seq + 1) return result({ ...state, seq: input.seq }, true, false);
      return result({ ...state, awaiting: true }, false, true);
    }
  }
}

/**
 * A mutable holder of the rule for socket hooks, whose callbacks need the latest state synchronously.
 * Each method returns the step so the caller can act on it.
 */
export class SequenceFollower {
  private current: SequenceState = INITIAL_SEQUENCE;

  get state(): SequenceState {
    return this.current;
  }

  feed(input: SequenceInput): SequenceStep {
    const step = sequenceStep(this.current, input);
    this.current = step.state;
    return step;
  }
}
