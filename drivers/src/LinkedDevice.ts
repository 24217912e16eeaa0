import { EventEmitter } from 'node:events';
import { emitDeviceError, StatusKeeper, type DeviceEvents, type DeviceStatus } from './deviceStatus.js';
import type { Link, LinkStatus } from './link/Link.js';

/**
 * A device that only sends commands over one link and cannot report what it shows (a relay board, an LED display):
 * its status follows the link, and when the link (re)opens the device is put back in the state it should be in.
 */
export abstract class LinkedDevice extends EventEmitter<DeviceEvents> {
  protected readonly link: Link;
  protected readonly keeper: StatusKeeper;
  #closed = false;

  constructor(
    link: Link,
    now: (() => number) | undefined,
    private readonly kind: string,
  ) {
    super();
    this.link = link;
    this.keeper = new StatusKeeper((status) => this.emit('status', status), now);
    this.link.on('status', this.#onLinkStatus);
    this.link.on('error', this.#onLinkError);
  }

  get status(): DeviceStatus {
    return this.keeper.current;
  }

  async open(): Promise<void> {
    this.#closed = false;
    await this.link.open();
    if (!this.link.isOpen && this.keeper.current.state === 'connecting') {
      this.keeper.set('offline', `${this.link.description} is not open`);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.link.close();
    this.link.off('status', this.#onLinkStatus);
    this.link.off('error', this.#onLinkError);
    this.keeper.set('offline', `${this.kind} driver closed`);
  }

  /** The link opened: send again what the device should show (it may have lost power meanwhile). */
  protected abstract restore(): void;

  readonly #onLinkStatus = (status: LinkStatus): void => {
    if (this.#closed) return;
    if (status === 'open') this.restore();
    else if (this.keeper.current.state !== 'connecting') {
      this.keeper.set('offline', `${this.link.description} is ${status === 'closed' ? 'closed' : 'reconnecting'}`);
    }
  };

  readonly #onLinkError = (error: Error): void => {
    if (this.#closed) return;
    const repeated = this.keeper.current.lastError === error.message;
    if (!this.link.isOpen) this.keeper.set('offline', error.message);
    if (!repeated) emitDeviceError(this, error);
  };
}
