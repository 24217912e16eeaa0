import webPush from 'web-push';
import { PushSubscriptionInput } from '../protocol/index.js';
import { DeliveryError, transientHttpStatus, type Channel, type OutgoingMessage } from './channel.js';
import type { VapidKeys } from './vapid.js';

/** What the service worker receives (kiosk-ui/public/status-sw.js shows it). */
export interface PushPayload {
  title: string;
  body: string;
  url: string | null;
  tag: string;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and the aes128gcm payload encryption (RFC 8291): web-push signs and
 * encrypts, the request is sent here with fetch (bounded, abortable). 404 and 410 mean the browser's subscription
 * is gone (permanent); 408, 429 and 5xx are tried again.
 */
export class PushChannel implements Channel {
  constructor(
    private readonly keys: VapidKeys,
    private readonly subject: string,
    private readonly timeoutMs: number,
  ) {}

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<void> {
    const subscription = PushSubscriptionInput.parse(JSON.parse(m.to));
    const payload: PushPayload = { title: m.title, body: m.text, url: m.url, tag: m.kind === 'ahead' ? 'vuoro-ahead' : 'vuoro-call' };
    const details = webPush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: subscription.keys },
      JSON.stringify(payload),
      {
        vapidDetails: { subject: this.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
        TTL: m.kind === 'ahead' ? 1800 : 600,
        urgency: 'high',
        contentEncoding: 'aes128gcm',
      },
    );
    let res: Response;
    try {
      res = await fetch(details.endpoint, {
        method: details.method,
        redirect: 'manual',
        headers: details.headers,
        body: details.body ?? null,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]),
      });
    } catch (err) {
      const name = (err as Error).name;
      throw new DeliveryError(
        name === 'TimeoutError'
          ? `The push service did not answer within ${Math.round(this.timeoutMs / 1000)} s.`
          : `The push service could not be reached: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`,
        false,
      );
    }
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    if (res.ok) return;
    if (res.status === 404 || res.status === 410) throw new DeliveryError('The browser no longer accepts notifications (its subscription ended).', true);
    throw new DeliveryError(`The push service answered HTTP ${res.status}${detail ? `: ${detail}` : ''}.`, !transientHttpStatus(res.status));
  }
}
