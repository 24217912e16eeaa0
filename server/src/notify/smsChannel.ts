import type { SmsGatewayConfig } from '../protocol/index.js';
import { DeliveryError, transientHttpStatus, type Channel, type OutgoingMessage } from './channel.js';

/** The JSON body of one SMS request (README: "SMS gateway"). */
export interface SmsRequestBody {
  to: string;
  text: string;
  from?: string;
  reference: string;
  language: string;
}

/**
 * SMS through an HTTP gateway: one POST of JSON per message, `Authorization: Bearer <token>` when configured and
 * `Idempotency-Key: <reference>`. 2xx = accepted; 408, 425, 429 and 5xx, timeouts and network errors are tried
 * again; any other answer is permanent.
 */
export class SmsChannel implements Channel {
  constructor(private readonly config: SmsGatewayConfig) {}

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<void> {
    const body: SmsRequestBody = { to: m.to, text: m.text, reference: m.reference, language: m.language };
    if (this.config.sender) body.from = this.config.sender;
    let res: Response;
    try {
      res = await fetch(this.config.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Vuoro-SMS/1',
          'idempotency-key': m.reference,
          ...(this.config.token ? { authorization: `Bearer ${this.config.token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.config.timeoutSeconds * 1000)]),
      });
    } catch (err) {
      const name = (err as Error).name;
      throw new DeliveryError(
        name === 'TimeoutError'
          ? `The SMS gateway did not answer within ${this.config.timeoutSeconds} s.`
          : `The SMS gateway could not be reached: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`,
        false,
      );
    }
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    if (res.ok) return;
    throw new DeliveryError(`The SMS gateway answered HTTP ${res.status}${detail ? `: ${detail}` : ''}.`, !transientHttpStatus(res.status));
  }
}
