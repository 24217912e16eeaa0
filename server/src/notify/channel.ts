import type { Language, NotifyKind } from '../protocol/index.js';
import type { RenderedMessage } from './messageText.js';

/** One message on its way to one visitor. */
export interface OutgoingMessage extends RenderedMessage {
  /** The email address, the E.164 number, or the push subscription (JSON). */
  to: string;
  language: Language;
  kind: NotifyKind;
  /** Unique per message (the outbox key): a gateway that sees it twice can drop the repeat. */
  reference: string;
  /** The visitor's status page, when known. */
  url: string | null;
}

/** A way of reaching visitors (email, SMS, Web Push). `send` resolves when the gateway accepted the message. */
export interface Channel {
  send(message: OutgoingMessage, signal: AbortSignal): Promise<void>;
}

/** A failed send. `permanent`: trying again cannot help (an address refused, a subscription gone). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** HTTP statuses worth trying again: timeouts, "too early", "too many requests" and every 5xx. */
export function transientHttpStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
