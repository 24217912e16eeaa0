import nodemailer from 'nodemailer';
import type { EmailGatewayConfig } from '../protocol/index.js';
import { DeliveryError, type Channel, type OutgoingMessage } from './channel.js';

/** Email over SMTP (nodemailer). A 5xx answer (address refused) is permanent; anything else is tried again. */
export class EmailChannel implements Channel {
  private readonly transport;

  constructor(
    private readonly config: EmailGatewayConfig,
    timeoutMs: number,
  ) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTls,
      ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
      tls: { rejectUnauthorized: config.verifyCertificate },
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(m: OutgoingMessage, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw new DeliveryError('Stopped before sending.', false);
    try {
      await this.transport.sendMail({
        from: this.config.from,
        to: m.to,
        subject: m.title,
        text: m.long,
        headers: { 'X-Vuoro-Reference': m.reference },
      });
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      const reason = (err as Error).message;
      throw new DeliveryError(`The SMTP server ${this.config.host} refused or failed: ${reason}`, code !== undefined && code >= 500 && code < 600);
    }
  }

  close(): void {
    this.transport.close();
  }
}
