import { describe, expect, it } from 'vitest';
import { SequenceTracker } from './sequence';

describe('the kiosk following sequence numbers', () => {
  it('applies the next event, ignores ones the snapshot already had, and asks for a snapshot after a gap', () => {
    const s = new SequenceTracker();
    expect(s.snapshot(10, 'a')).toBe(false);
    expect(s.event(9)).toBe('stale');
    expect(s.event(10)).toBe('stale');
    expect(s.event(11)).toBe('apply');
    expect(s.event(13)).toBe('resync');
    expect(s.snapshot(13, 'a')).toBe(false);
    expect(s.event(14)).toBe('apply');
  });

  it('notices a server restart by its new epoch and starts over from its numbers', () => {
    const s = new SequenceTracker();
    s.snapshot(50, 'a');
    expect(s.snapshot(0, 'b')).toBe(true);
    expect(s.event(1)).toBe('apply');
  });

  it('moves past an event that only asks for a snapshot', () => {
    const s = new SequenceTracker();
    s.snapshot(3, 'a');
    s.skipTo(4);
    expect(s.event(5)).toBe('apply');
  });
});
