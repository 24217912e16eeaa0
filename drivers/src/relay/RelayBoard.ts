import { emitDeviceError, toError } from '../deviceStatus.js';
import { LinkedDevice } from '../LinkedDevice.js';
import type { Link } from '../link/Link.js';
import { relayFrame, type RelayProtocol } from './relayFrames.js';

export interface RelayBoardOptions {
  link: Link;
  protocol: RelayProtocol;
  now?: () => number;
}

export type RelayOutcome = { ok: true } | { ok: false; message: string };

/**
 * A relay board switching a hearing-loop lamp or any on/off sign. It remembers
 * what each channel should be and sets it again after a reconnect, so a lamp
 * is right even after the board was unplugged. `set` never throws.
 */
export class RelayBoard extends LinkedDevice {
  readonly #protocol: RelayProtocol;
  readonly #wanted = new Map<number, boolean>();

  constructor(options: RelayBoardOptions) {
    super(options.link, options.now, 'relay');
    this.#protocol = options.protocol;
  }

  get protocol(): RelayProtocol {
    return this.#protocol;
  }

  /** The state each channel was last asked to be in. */
  get channels(): ReadonlyMap<number, boolean> {
    return this.#wanted;
  }

  async set(channel: number, on: boolean): Promise<RelayOutcome> {
    const frame = relayFrame(this.#protocol, channel, on);
    if (frame instanceof Error) {
      emitDeviceError(this, frame);
      return { ok: false, message: frame.message };
    }
    this.#wanted.set(channel, on);
    return this.#send(frame, `switching relay ${channel} ${on ? 'on' : 'off'}`);
  }

  async #send(frame: Buffer, what: string): Promise<RelayOutcome> {
    if (!this.link.isOpen) {
      const message = `${what} failed: ${this.link.description} is not open (will be set when it reconnects)`;
      this.keeper.set('offline', message);
      return { ok: false, message };
    }
    try {
      await this.link.write(frame);
      this.keeper.set('ready', null);
      return { ok: true };
    } catch (error: unknown) {
      const failure = toError(error, `${what} failed`);
      this.keeper.set(this.link.isOpen ? 'error' : 'offline', failure.message);
      emitDeviceError(this, failure);
      return { ok: false, message: failure.message };
    }
  }

  async #restore(): Promise<void> {
    this.keeper.set('ready', null);
    for (const [channel, on] of this.#wanted) {
      const frame = relayFrame(this.#protocol, channel, on);
      if (frame instanceof Error) continue;
      const outcome = await this.#send(frame, `restoring relay ${channel}`);
      if (!outcome.ok) return;
    }
  }

  protected restore(): void {
    void this.#restore();
  }
}
