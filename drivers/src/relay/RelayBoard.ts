import { EventEmitter } from 'node:events';
import { emitDeviceError, StatusKeeper, toError, type DeviceEvents, type DeviceStatus } from '../deviceStatus.js';
import type { Link, LinkStatus } from '../link/Link.js';
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
export class RelayBoard extends EventEmitter<DeviceEvents> {
  readonly #link: Link;
  readonly #protocol: RelayProtocol;
  readonly #keeper: StatusKeeper;
  readonly #wanted = new Map<number, boolean>();
  #closed = false;

  constructor(options: RelayBoardOptions) {
    super();
    this.#link = options.link;
    this.#protocol = options.protocol;
    this.#keeper = new StatusKeeper((status) => this.emit('status', status), options.now);
    this.#link.on('status', this.#onLinkStatus);
    this.#link.on('error', this.#onLinkError);
  }

  get status(): DeviceStatus {
    return this.#keeper.current;
  }

  get protocol(): RelayProtocol {
    return this.#protocol;
  }

  /** The state each channel was last asked to be in. */
  get channels(): ReadonlyMap<number, boolean> {
    return this.#wanted;
  }

  async open(): Promise<void> {
    this.#closed = false;
    await this.#link.open();
    if (!this.#link.isOpen && this.#keeper.current.state === 'connecting') {
      this.#keeper.set('offline', `${this.#link.description} is not open`);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#link.close();
    this.#link.off('status', this.#onLinkStatus);
    this.#link.off('error', this.#onLinkError);
    this.#keeper.set('offline', 'relay driver closed');
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
    if (!this.#link.isOpen) {
      const message = `${what} failed: ${this.#link.description} is not open (will be set when it reconnects)`;
      this.#keeper.set('offline', message);
      return { ok: false, message };
    }
    try {
      await this.#link.write(frame);
      this.#keeper.set('ready', null);
      return { ok: true };
    } catch (error: unknown) {
      const failure = toError(error, `${what} failed`);
      this.#keeper.set(this.#link.isOpen ? 'error' : 'offline', failure.message);
      emitDeviceError(this, failure);
      return { ok: false, message: failure.message };
    }
  }

  async #restore(): Promise<void> {
    this.#keeper.set('ready', null);
    for (const [channel, on] of this.#wanted) {
      const frame = relayFrame(this.#protocol, channel, on);
      if (frame instanceof Error) continue;
      const outcome = await this.#send(frame, `restoring relay ${channel}`);
      if (!outcome.ok) return;
    }
  }

  readonly #onLinkStatus = (status: LinkStatus): void => {
    if (this.#closed) return;
    if (status === 'open') void this.#restore();
    else if (this.#keeper.current.state !== 'connecting') {
      this.#keeper.set('offline', `${this.#link.description} is ${status === 'closed' ? 'closed' : 'reconnecting'}`);
    }
  };

  readonly #onLinkError = (error: Error): void => {
    if (this.#closed) return;
    const repeated = this.#keeper.current.lastError === error.message;
    if (!this.#link.isOpen) this.#keeper.set('offline', error.message);
    if (!repeated) emitDeviceError(this, error);
  };
}
