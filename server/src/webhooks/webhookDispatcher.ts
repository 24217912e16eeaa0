import { webhookEventType, type WebhookPayload } from '../protocol/index.js';
import type { HallModel } from '../services/hallModel.js';
import type { DueDelivery, Store, WebhookRecord } from '../store/index.js';
import { sign } from './signature.js';

export interface DispatcherOptions {
  /** Deliveries in flight at once, over all subscriptions (each subscription has at most one, to keep order). */
  concurrency: number;
  /** A receiver that has not answered by then counts as failed. */
  timeoutMs: number;
  /** First retry delay; each failure doubles it up to `retryMaxMs`, each with random jitter (50–100 %). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A delivery still failing this long after its event is dead (visible to admins, can be replayed). */
  deadAfterMs: number;
  /** Delivered and skipped deliveries are kept this long; dead ones `deadHistoryMs`. */
  historyMs: number;
  deadHistoryMs: number;
  /** Safety poll, besides waking on every change and at the next due retry. */
  pollMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  concurrency: 4,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
  deadAfterMs: 24 * 3_600_000,
  historyMs: 7 * 24 * 3_600_000,
  deadHistoryMs: 30 * 24 * 3_600_000,
  pollMs: 5_000,
};

const PURGE_EVERY_MS = 3_600_000;

/**
 * When a failed delivery is tried again: the delay doubles with each attempt (from `retryBaseMs` up to
 * `retryMaxMs`), times a random 50–100 % (jitter, so receivers coming back are not hit by every sender at once).
 * Null once the delivery has failed for `deadAfterMs` since its event: it is dead.
 */
export function nextRetryAt(attempt: number, createdAt: number, now: number, opts: DispatcherOptions, random: number): number | null {
  if (now - createdAt >= opts.deadAfterMs) return null;
  const delay = Math.min(opts.retryMaxMs, opts.retryBaseMs * 2 ** Math.min(attempt - 1, 40)) * (0.5 + random * 0.5);
  return Math.round(now + delay);
}

/**
 * Sends the webhook outbox: for each active subscription its oldest pending delivery, one at a time (so each
 * receiver sees events in order), at most `concurrency` at once, each bounded by `timeoutMs`. It runs beside the
 * queue and never inside a request: a slow or dead receiver costs a slot here, not a millisecond of POST /tickets.
 * A restart (even kill -9) resumes from the outbox: at-least-once, in order.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<number>();
  private readonly stop = new AbortController();
  private pumping = false;
  private scheduled = false;
  private again = false;
  private wake: NodeJS.Timeout | undefined;
  private readonly poll: NodeJS.Timeout;
  private lastPurge = 0;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly hall: () => HallModel,
    private readonly now: () => number,
    private readonly log: (msg: string, err?: unknown) => void,
    private readonly opts: DispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
    private readonly random: () => number = Math.random,
  ) {
    this.poll = setInterval(() => this.kick(), opts.pollMs);
    this.poll.unref();
  }

  /** Look for due deliveries soon (after every committed change, and by timers); a burst of changes costs one look. */
  kick(): void {
    if (this.closed || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }

  private run(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        this.pump();
      } while (this.again && !this.closed);
    } catch (err) {
      this.log('webhook dispatch failed', err);
    } finally {
      this.pumping = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    clearTimeout(this.wake);
    this.stop.abort();
    // In-flight requests end at once (aborted); their deliveries stay pending and go out after the next start.
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    const now = this.now();
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      this.store.webhooks.purge(now - this.opts.historyMs, now - this.opts.deadHistoryMs);
    }
    const subscriptions = new Map(this.store.webhooks.all().map((w) => [w.id, w]));
    for (const d of this.store.webhooks.dueHeads(now)) {
      if (this.inFlight.has(d.subscriptionId)) continue;
      if (this.inFlight.size >= this.opts.concurrency) break;
      const sub = subscriptions.get(d.subscriptionId);
      if (!sub) continue;
      if (sub.organisationId !== null && !this.hall().belongsTo(sub.organisationId, d.event)) {
        this.store.webhooks.markSkipped(d.id, now);
        this.again = true;
        continue;
      }
      this.inFlight.add(sub.id);
      void this.send(sub, d).finally(() => {
        this.inFlight.delete(sub.id);
        this.kick();
      });
    }
    this.schedule();
  }

  /** Wake up when the earliest waiting retry is due. */
  private schedule(): void {
    clearTimeout(this.wake);
    const at = this.store.webhooks.nextDueAt();
    if (at === null) return;
    this.wake = setTimeout(() => this.kick(), Math.min(Math.max(at - this.now(), 10), this.opts.pollMs));
    this.wake.unref();
  }

  private async send(sub: WebhookRecord, d: DueDelivery): Promise<void> {
    const e = d.event;
    // Feedback is anonymous (stats/feedbackPrivacy.ts): a receiver gets the rating and its service, never the visit.
    const anonymous = e.type === 'feedback_given';
    const payload: WebhookPayload = {
      id: String(e.id),
      type: webhookEventType(e.type),
      timestamp: new Date(e.at).toISOString(),
      data: {
        eventId: e.id,
        ticketId: anonymous ? null : e.ticketId,
        ticketNumber: anonymous ? null : d.ticketNumber,
        counterId: anonymous ? null : e.counterId,
        serviceId: e.serviceId,
        userId: anonymous ? null : e.userId,
        details: e.data,
      },
    };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(this.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(sub.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Vuoro-Webhooks/1',
          'webhook-id': payload.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': sign(sub.secret, payload.id, timestamp, body),
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.opts.timeoutMs), this.stop.signal]),
      });
      status = res.status;
      await res.body?.cancel();
      if (status < 200 || status >= 300) error = `The receiver answered HTTP ${status}.`;
    } catch (err) {
      if (this.closed) return;
      const name = (err as Error).name;
      error =
        name === 'TimeoutError'
          ? `The receiver did not answer within ${Math.round(this.opts.timeoutMs / 1000)} s.`
          : `The receiver could not be reached: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`;
    }
    if (this.closed) return;
    const now = this.now();
    if (error === null) {
      this.store.webhooks.markDelivered(d.id, now, status ?? 0);
      return;
    }
    const attempt = d.attempts + 1;
    const next = nextRetryAt(attempt, d.createdAt, now, this.opts, this.random());
    this.store.webhooks.markFailed(d.id, now, status, error, next);
    if (next === null) this.log(`webhook delivery ${d.id} to ${sub.url} is dead after ${attempt} attempts: ${error}`);
  }
}
