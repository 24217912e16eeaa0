import type { CallView } from '@vuoro/server/protocol';

/**
 * One queue for everything the display says: calls are announced one after another, in the order they were made,
 * never over each other. A recall is a new call (its own time) and is announced again; the same call delivered
 * twice (an event and then a snapshot) is announced once. The audio itself is an injected sink, so the queue is
 * tested without a browser.
 */

export interface AudioSink {
  /** Plays one announcement (chime and speech); resolves when it has finished. */
  play(call: CallView): Promise<void>;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AnnouncementQueueOptions {
  /** A sink that never finishes must not silence the display: the next call starts after this long. */
  timeoutMs?: number;
  /** Upper bound of waiting announcements (memory stays bounded if audio stalls); the oldest go first. */
  maxPending?: number;
  onError?: (err: unknown, call: CallView) => void;
  timers?: Timers;
}

const REMEMBERED_KEYS = 64;

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const announcementKey = (c: CallView): string => `${c.ticketId}:${c.counterId}:${c.at}:${c.recall ? 'r' : 'c'}`;

export class AnnouncementQueue {
  private readonly pending: CallView[] = [];
  private readonly recent: string[] = [];
  private running = false;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly maxPending: number;
  private readonly timers: Timers;

  constructor(
    private readonly sink: AudioSink,
    private readonly options: AnnouncementQueueOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxPending = options.maxPending ?? 100;
    this.timers = options.timers ?? defaultTimers;
  }

  /** Adds a call; false when this very call was already announced or is waiting. */
  enqueue(call: CallView): boolean {
    if (this.disposed) return false;
    const key = announcementKey(call);
    if (this.recent.includes(key)) return false;
    this.recent.push(key);
    if (this.recent.length > REMEMBERED_KEYS) this.recent.shift();
    this.pending.push(call);
    if (this.pending.length > this.maxPending) this.pending.shift();
    void this.drain();
    return true;
  }

  /** Announcements waiting, not counting the one playing. */
  get size(): number {
    return this.pending.length;
  }

  get busy(): boolean {
    return this.running;
  }

  /** Resolves once nothing is playing or waiting. */
  whenIdle(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what is waiting; the announcement playing finishes. */
  clear(): void {
    this.pending.length = 0;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let call = this.pending.shift(); call !== undefined; call = this.pending.shift()) {
        try {
          await this.playBounded(call);
        } catch (err) {
          this.options.onError?.(err, call);
        }
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private playBounded(call: CallView): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = this.timers.set(() => reject(new Error(`announcement of ${call.number} took over ${this.timeoutMs} ms`)), this.timeoutMs);
      this.sink.play(call).then(
        () => {
          this.timers.clear(timer);
          resolve();
        },
        (err: unknown) => {
          this.timers.clear(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }
}
