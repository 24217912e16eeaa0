import { describe, expect, it } from 'vitest';
import type { CallView } from '@vuoro/server/protocol';
import { AnnouncementQueue, type AudioSink } from './announcementQueue.js';

function call(n: number, over: Partial<CallView> = {}): CallView {
  return {
    ticketId: n,
    number: `A${String(n).padStart(3, '0')}`,
    serviceId: 'identity',
    counterId: '1',
    counterLabel: '1',
    language: 'en',
    recall: false,
    at: 1_000 + n,
    ...over,
  };
}

/** A sink that records starts and ends and finishes each announcement when the test says so. */
class FakeSink implements AudioSink {
  readonly log: string[] = [];
  playing = 0;
  maxPlaying = 0;
  private finishers: (() => void)[] = [];
  play(c: CallView): Promise<void> {
    this.playing += 1;
    this.maxPlaying = Math.max(this.maxPlaying, this.playing);
    this.log.push(`start ${c.number}${c.recall ? ' recall' : ''}`);
    return new Promise((resolve) => {
      this.finishers.push(() => {
        this.playing -= 1;
        this.log.push(`end ${c.number}`);
        resolve();
      });
    });
  }
  /** Finishes the announcement playing, then lets the queue start the next one. */
  async finishOne(): Promise<void> {
    const f = this.finishers.shift();
    if (!f) throw new Error('nothing is playing');
    f();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('announcement queue', () => {
  it('announces calls in the order they were made, one at a time', async () => {
    const sink = new FakeSink();
    const q = new AnnouncementQueue(sink);
    q.enqueue(call(1));
    q.enqueue(call(2));
    q.enqueue(call(3));
    expect(sink.log).toEqual(['start A001']);
    await sink.finishOne();
    await sink.finishOne();
    await sink.finishOne();
    await q.whenIdle();
    expect(sink.log).toEqual(['start A001', 'end A001', 'start A002', 'end A002', 'start A003', 'end A003']);
    expect(sink.maxPlaying).toBe(1);
  });

  it('a burst of 20 calls is spoken one after another without dropping any', async () => {
    const sink = new FakeSink();
    const q = new AnnouncementQueue(sink);
    for (let n = 1; n <= 20; n += 1) expect(q.enqueue(call(n))).toBe(true);
    expect(q.size).toBe(19);
    for (let n = 1; n <= 20; n += 1) await sink.finishOne();
    await q.whenIdle();
    const started = sink.log.filter((l) => l.startsWith('start')).map((l) => l.slice(6));
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`));
    expect(sink.maxPlaying).toBe(1);
  });

  it('a recall is announced again, the same call delivered twice only once', async () => {
    const sink = new FakeSink();
    const q = new AnnouncementQueue(sink);
    expect(q.enqueue(call(7))).toBe(true);
    expect(q.enqueue(call(7))).toBe(false);
    expect(q.enqueue(call(7, { recall: true, at: 5_000 }))).toBe(true);
    await sink.finishOne();
    await sink.finishOne();
    await q.whenIdle();
    expect(sink.log).toEqual(['start A007', 'end A007', 'start A007 recall', 'end A007']);
  });

  it('a failing or hanging announcement does not stop the ones after it', async () => {
    const errors: string[] = [];
    let first = true;
    const sink: AudioSink = {
      play: (c) => {
        if (c.ticketId === 1) return Promise.reject(new Error('no audio device'));
        if (first && c.ticketId === 2) {
          first = false;
          return new Promise<void>(() => undefined);
        }
        return Promise.resolve();
      },
    };
    const played: number[] = [];
    const q = new AnnouncementQueue(
      { play: (c) => sink.play(c).then(() => void played.push(c.ticketId)) },
      { timeoutMs: 20, onError: (e) => errors.push(e instanceof Error ? e.message : String(e)) },
    );
    q.enqueue(call(1));
    q.enqueue(call(2));
    q.enqueue(call(3));
    await q.whenIdle();
    expect(played).toEqual([3]);
    expect(errors).toEqual(['no audio device', 'announcement of A002 took over 20 ms']);
  });

  it('keeps at most maxPending announcements waiting when audio stalls, dropping the oldest', async () => {
    const sink = new FakeSink();
    const q = new AnnouncementQueue(sink, { maxPending: 5 });
    for (let n = 1; n <= 12; n += 1) q.enqueue(call(n));
    expect(q.size).toBe(5);
    for (let n = 0; n < 6; n += 1) await sink.finishOne();
    await q.whenIdle();
    const started = sink.log.filter((l) => l.startsWith('start')).map((l) => l.slice(6));
    expect(started).toEqual(['A001', 'A008', 'A009', 'A010', 'A011', 'A012']);
  });
});
