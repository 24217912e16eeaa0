import { describe, expect, it } from 'vitest';
import { INITIAL_SEQUENCE, SequenceFollower, sequenceStep, type SequenceInput, type SequenceState } from './sequence.js';

const run = (inputs: SequenceInput[], from: SequenceState = INITIAL_SEQUENCE) => {
  let state = from;
  return inputs.map((input) => {
    const step = sequenceStep(state, input);
    state = step.state;
    return step;
  });
};
const joined = (seq = 10, epoch = 'a'): SequenceState => sequenceStep(INITIAL_SEQUENCE, { type: 'snapshot', seq, epoch }).state;
const event = (seq: number): SequenceInput => ({ type: 'event', seq });

describe('the sequence rule shared by the screens', () => {
  it('events before the first snapshot are ignored and ask for nothing (joining brings the snapshot)', () => {
    const [s] = run([event(1)]);
    expect(s).toMatchObject({ apply: false, requestSnapshot: false });
  });

  it('the next number is applied; numbers the snapshot already contains are ignored', () => {
    const steps = run([event(9), event(10), event(11), event(12)], joined());
    expect(steps.map((s) => s.apply)).toEqual([false, false, true, true]);
    expect(steps.some((s) => s.requestSnapshot)).toBe(false);
    expect(steps[3]?.state.seq).toBe(12);
  });

  it('a gap asks for one snapshot and every event is ignored until it arrives, even one that would follow on', () => {
    const steps = run([event(13), event(14), event(11), event(15)], joined());
    expect(steps.map((s) => s.apply)).toEqual([false, false, false, false]);
    expect(steps.map((s) => s.requestSnapshot)).toEqual([true, false, false, false]);
    const after = run([{ type: 'snapshot', seq: 15, epoch: 'a' }, event(15), event(16)], steps[3]?.state);
    expect(after[0]).toMatchObject({ restarted: false, state: { seq: 15, awaiting: false } });
    expect(after.map((s) => s.apply)).toEqual([false, false, true]);
  });

  it('a snapshot with a new epoch says the server restarted, and its lower numbers are followed from there', () => {
    const steps = run([{ type: 'snapshot', seq: 2, epoch: 'b' }, event(3)], joined(50, 'a'));
    expect(steps[0]?.restarted).toBe(true);
    expect(steps[1]?.apply).toBe(true);
  });

  it('the first snapshot is not a restart, nor is a second one with the same epoch', () => {
    expect(sequenceStep(INITIAL_SEQUENCE, { type: 'snapshot', seq: 5, epoch: 'a' }).restarted).toBe(false);
    expect(sequenceStep(joined(5, 'a'), { type: 'snapshot', seq: 9, epoch: 'a' }).restarted).toBe(false);
  });

  it('a stale picture (configuration changed) asks for a snapshot once and ignores events until it arrives', () => {
    const steps = run([{ type: 'stale' }, event(11), { type: 'stale' }], joined());
    expect(steps.map((s) => s.requestSnapshot)).toEqual([true, false, false]);
    expect(steps[1]?.apply).toBe(false);
  });

  it('while joining, events are ignored and no extra snapshot is asked for', () => {
    const steps = run([{ type: 'joining' }, event(11), event(20), { type: 'stale' }], joined());
    expect(steps.map((s) => s.apply)).toEqual([false, false, false, false]);
    expect(steps.map((s) => s.requestSnapshot)).toEqual([false, false, false, false]);
  });

  it('a refused snapshot stops the waiting, and the next gap asks again', () => {
    const steps = run([event(13), { type: 'refused' }, event(14)], joined());
    expect(steps.map((s) => s.requestSnapshot)).toEqual([true, false, true]);
  });

  it('the follower keeps the state between calls', () => {
    const f = new SequenceFollower();
    f.feed({ type: 'snapshot', seq: 1, epoch: 'a' });
    expect(f.feed(event(2)).apply).toBe(true);
    expect(f.feed(event(4)).requestSnapshot).toBe(true);
    expect(f.state).toEqual({ seq: 2, epoch: 'a', awaiting: true });
  });
});
