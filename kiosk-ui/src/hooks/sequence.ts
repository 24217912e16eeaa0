/** What to do with a server event, given the last sequence number this screen has seen. */
export type SequenceVerdict = 'apply' | 'stale' | 'resync';

/**
 * Follows one channel's sequence numbers. A snapshot sets the position; an event is applied when it is the next
 * one, ignored when the snapshot already contains it, and a gap means events were missed: ask for a snapshot.
 */
export class SequenceTracker {
  private seq = 0;
  private epoch = '';

  /** Takes a snapshot's position; true when the server restarted since the last snapshot. */
  snapshot(seq: number, epoch: string): boolean {
    const restarted = this.epoch !== '' && epoch !== this.epoch;
    this.seq = seq;
    this.epoch = epoch;
    return restarted;
  }

  event(seq: number): SequenceVerdict {
    if (seq === this.seq + 1) {
      this.seq = seq;
      return 'apply';
    }
    return seq <= this.seq ? 'stale' : 'resync';
  }

  /** An event that only asks for a snapshot (e.g. hall:config) still moves the position. */
  skipTo(seq: number): void {
    this.seq = Math.max(this.seq, seq);
  }
}
