import type { DomainEvent } from '../protocol/index.js';

/**
 * One consumer of the event flow (realtime, counter devices, statistics, integrations). It receives committed
 * events in log order, each once. It should be quick: work that can wait (recomputing estimates, writing
 * projections) is scheduled by the consumer itself, so no request and no other consumer waits for it.
 */
export interface EventConsumer {
  /** Named in the log when it fails. */
  readonly name: string;
  handle(events: readonly DomainEvent[]): void;
}

/** Where a consumer that fell behind reads the events it missed. */
export interface EventLogReader {
  since(afterId: number, limit: number): DomainEvent[];
  lastId(): number;
}

export interface SubscribeOptions {
  /**
   * Resume after this event id (the consumer's own stored mark): the events after it are read from the log in
   * small batches, one per turn of the event loop, before live events follow. Omitted: from now on.
   */
  after?: number;
}

/** Events read from the log per turn of the event loop while a consumer catches up. */
const CATCH_UP_BATCH = 1_000;

class Subscription {
  last: number;
  live: boolean;
  timer: NodeJS.Immediate | null = null;

  constructor(
    readonly consumer: EventConsumer,
    after: number | undefined,
    lastId: number,
  ) {
    this.last = after ?? lastId;
    this.live = after === undefined || after >= lastId;
  }
}

/**
 * The one subscription point of the event flow. The store hands each committed transaction's events here
 * (`publish`); every consumer gets them in order. A consumer that throws is logged and skipped: the others, and
 * the request that made the change, carry on. A consumer that subscribes with `after` first catches up from the
 * event log, then goes live without a gap or a repeat (the server is single-threaded, so nothing can commit
 * between the last catch-up read and going live).
 */
export class EventBus {
  private readonly subs: Subscription[] = [];
  private readonly queue: (readonly DomainEvent[])[] = [];
  private delivering = false;
  private closed = false;

  constructor(
    private readonly log: EventLogReader,
    private readonly onError: (consumer: string, err: unknown) => void,
  ) {}

  /** Returns the function that unsubscribes. */
  subscribe(consumer: EventConsumer, opts: SubscribeOptions = {}): () => void {
    const sub = new Subscription(consumer, opts.after, this.log.lastId());
    this.subs.push(sub);
    if (!sub.live) this.catchUpSoon(sub);
    return () => this.unsubscribe(sub);
  }

  /** Delivers committed events to every consumer (events published by a consumer follow once this batch is done). */
  publish(events: readonly DomainEvent[]): void {
    if (this.closed || events.length === 0) return;
    this.queue.push(events);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let batch = this.queue.shift(); batch; batch = this.queue.shift()) {
        for (const sub of [...this.subs]) if (sub.live) this.deliver(sub, batch);
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Events after `afterId`, oldest first (at most `limit`). */
  since(afterId: number, limit: number): DomainEvent[] {
    return this.log.since(afterId, limit);
  }

  close(): void {
    this.closed = true;
    for (const sub of [...this.subs]) this.unsubscribe(sub);
  }

  private deliver(sub: Subscription, events: readonly DomainEvent[]): void {
    const fresh = events[0] && events[0].id > sub.last ? events : events.filter((e) => e.id > sub.last);
    const newest = fresh.at(-1);
    if (!newest) return;
    sub.last = newest.id;
    try {
      sub.consumer.handle(fresh);
    } catch (err) {
      this.onError(sub.consumer.name, err);
    }
  }

  private catchUpSoon(sub: Subscription): void {
    sub.timer = setImmediate(() => {
      sub.timer = null;
      if (this.closed || !this.subs.includes(sub)) return;
      let batch: DomainEvent[];
      try {
        batch = this.log.since(sub.last, CATCH_UP_BATCH);
      } catch (err) {
        this.onError(sub.consumer.name, err);
        return;
      }
      this.deliver(sub, batch);
      if (batch.length === CATCH_UP_BATCH) this.catchUpSoon(sub);
      else sub.live = true;
    });
  }

  private unsubscribe(sub: Subscription): void {
    const i = this.subs.indexOf(sub);
    if (i >= 0) this.subs.splice(i, 1);
    if (sub.timer) clearImmediate(sub.timer);
    sub.timer = null;
  }
}
