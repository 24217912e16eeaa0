import type { NotifyChannel } from '../protocol/index.js';
import { formatCode } from '../services/bookingCode.js';
import type { HallModel } from '../services/hallModel.js';
import type { DueMessage, Store } from '../store/index.js';
import { DeliveryError, type Channel } from './channel.js';
import { EmailChannel } from './emailChannel.js';
import { MessageTexts } from './messageText.js';
import { nextAttemptAt, type NotifyOptions } from './notifyOptions.js';
import { pushUnavailable } from './notifyService.js';
import { PushChannel } from './pushChannel.js';
import { SmsChannel } from './smsChannel.js';
import type { VapidKeys } from './vapid.js';

/**
 * The sending half of the notifications worker: takes the messages due from the outbox, at most `concurrency` at once,
 * renders each in its language, hands it to its channel (email, SMS, push; made from the hall config, and made again
 * when that changes) and records the outcome: sent, tried again later (`nextAttemptAt`), or failed for good. A message
 * whose address was deleted (the visit or booking ended) is dropped instead. `wake` is called as each send ends.
 */
export class OutboxSender {
  private readonly texts = new MessageTexts();
  private readonly inFlight = new Set<number>();
  private readonly stop = new AbortController();
  private closed = false;
  private channelCache = new Map<NotifyChannel, { config: string; channel: Channel }>();

  constructor(
    private readonly store: Store,
    private readonly hall: () => HallModel,
    private readonly now: () => number,
    private readonly vapid: VapidKeys,
    private readonly log: (msg: string, err?: unknown) => void,
    private readonly opts: NotifyOptions,
    private readonly random: () => number,
    private readonly wake: () => void,
  ) {}

  /** Starts sending the messages due now, as far as there are free places. */
  pump(): void {
    const now = this.now();
    const free = this.opts.concurrency - this.inFlight.size;
    if (free <= 0) return;
    for (const m of this.store.notifyOutbox.due(now, this.opts.concurrency * 2)) {
      if (this.inFlight.size >= this.opts.concurrency) break;
      if (this.inFlight.has(m.id)) continue;
      if (m.address === null) {
        this.store.notifyOutbox.drop(
          m.id,
          now,
          m.kind === 'reminder'
            ? 'The booking was cancelled, checked in or has begun before the reminder was sent; the address is deleted.'
            : 'The visit ended before the message was sent; the address is deleted.',
        );
        continue;
      }
      this.inFlight.add(m.id);
      void this.send(m, m.address).finally(() => {
        this.inFlight.delete(m.id);
        this.wake();
      });
    }
  }

  /** Sends in flight end at once; their messages stay pending and go out after the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 5));
    for (const c of this.channelCache.values()) if (c.channel instanceof EmailChannel) c.channel.close();
  }

  private channel(kind: NotifyChannel): Channel {
    const hall = this.hall();
    const n = hall.config.notifications;
    const config = JSON.stringify(kind === 'email' ? n?.email : kind === 'sms' ? n?.sms : [n?.push, hall.config.hall.publicUrl]);
    const cached = this.channelCache.get(kind);
    if (cached && cached.config === config) return cached.channel;
    if (cached?.channel instanceof EmailChannel) cached.channel.close();
    let channel: Channel;
    if (kind === 'email') {
      if (!n?.email) throw new DeliveryError('Email is not set up in the hall config (notifications.email).', true);
      channel = new EmailChannel(n.email, this.opts.timeoutMs);
    } else if (kind === 'sms') {
      if (!n?.sms) throw new DeliveryError('SMS is not set up in the hall config (notifications.sms).', true);
      channel = new SmsChannel(n.sms);
    } else {
      const reason = pushUnavailable(hall);
      if (reason) throw new DeliveryError(reason === 'not-https' ? "Push needs the hall's publicUrl to be https://." : 'Push is turned off in the hall config.', true);
      const subject = n?.push?.contact ?? hall.config.hall.publicUrl ?? 'mailto:admin@localhost';
      channel = new PushChannel(this.vapid, subject, this.opts.timeoutMs);
    }
    this.channelCache.set(kind, { config, channel });
    return channel;
  }

  private async send(m: DueMessage, address: string): Promise<void> {
    let error: DeliveryError | null = null;
    try {
      const hall = this.hall();
      const base = hall.config.hall.publicUrl?.replace(/\/+$/, '');
      const url =
        base && m.kind === 'reminder' && m.bookingCode
          ? `${base}/book/manage/${formatCode(m.bookingCode)}`
          : base && m.statusToken
            ? `${base}/t/${m.statusToken}`
            : null;
      const text = this.texts.render(m.language, m.kind, m.params, {
        hall: hall.config.hall.name,
        service: hall.services.get(m.serviceId)?.name ?? { en: m.serviceId },
        link: url,
        fallback: hall.config.hall.defaultLanguage,
      });
      await this.channel(m.channel).send({ ...text, to: address, language: m.language, kind: m.kind, reference: `vuoro-${m.key}`, url }, this.stop.signal);
    } catch (err) {
      error = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message, false);
    }
    if (this.closed) return;
    const now = this.now();
    if (error === null) {
      this.store.notifyOutbox.markSent(m.id, now);
      this.settled(m);
      return;
    }
    const next = error.permanent ? null : nextAttemptAt(m.attempts + 1, m.createdAt, now, this.opts, this.random());
    this.store.notifyOutbox.markFailed(m.id, now, error.message, next);
    if (next === null) this.settled(m);
    if (next === null) this.log(`notification ${m.id} (${m.channel}, ticket ${m.ticketId}) failed after ${m.attempts + 1} attempts: ${error.message}`);
  }

  /**
   * A visit that ended with a message still to send (an expired remote ticket) loses its contacts once it is sent.
   * Only an "expired" message settles that: any other may settle between the expiry's commit and the worker reading
   * its event, and must not delete the contacts the "expired" message is about to be queued for.
   */
  private settled(m: DueMessage): void {
    if (m.kind === 'expired' && m.ticketId !== null) this.store.notifyContacts.removeSettledContactsOf(m.ticketId);
  }
}
