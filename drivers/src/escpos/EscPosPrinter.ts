import { EventEmitter } from 'node:events';
import { emitDeviceError, StatusKeeper, toError, type DeviceEvents, type DeviceState, type DeviceStatus } from '../deviceStatus.js';
import type { Link, LinkStatus } from '../link/Link.js';
import { STATUS_REQUEST_NAMES, statusRequest, type StatusRequestKind } from './commands.js';
import { interpretStatus, isStatusByte, type StatusBytes } from './printerStatus.js';
import { renderTicket, type TicketLayout, type TicketPrintData } from './renderTicket.js';

export interface EscPosPrinterOptions {
  link: Link;
  /** Default layout for every ticket; `printTicket` can override it per call. */
  layout?: TicketLayout;
  /** How long to wait for each DLE EOT answer before calling the printer offline (default 1500 ms). */
  statusTimeoutMs?: number;
  /** Status poll interval (default 15000 ms; 0 = no polling, status only before tickets). */
  pollIntervalMs?: number;
  now?: () => number;
}

export type PrintOutcome = { ok: true; state: DeviceState } | { ok: false; state: DeviceState; message: string };

/**
 * An ESC/POS receipt printer on a Link. Statuses come from DLE EOT 1–4, polled
 * on a timer and before each ticket. Nothing here throws into the caller.
 */
export class EscPosPrinter extends EventEmitter<DeviceEvents> {
  readonly #link: Link;
  readonly #layout: TicketLayout;
  readonly #statusTimeoutMs: number;
  readonly #pollIntervalMs: number;
  readonly #keeper: StatusKeeper;
  #poll: NodeJS.Timeout | null = null;
  #query: Promise<DeviceStatus> | null = null;
  #lastLinkError: string | null = null;
  #closed = false;

  constructor(options: EscPosPrinterOptions) {
    super();
    this.#link = options.link;
    this.#layout = options.layout ?? {};
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 15_000;
    this.#keeper = new StatusKeeper((status) => this.emit('status', status), options.now);
    this.#link.on('status', this.#onLinkStatus);
    this.#link.on('error', this.#onLinkError);
  }

  get status(): DeviceStatus {
    return this.#keeper.current;
  }

  /** Opens the link (retrying in the background if the printer is absent) and starts polling. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#link.open();
    if (!this.#link.isOpen) this.#keeper.set('offline', this.#lastLinkError ?? `${this.#link.description} is not open`);
    if (this.#pollIntervalMs > 0 && !this.#poll) {
      this.#poll = setInterval(() => void this.queryStatus(), this.#pollIntervalMs);
      this.#poll.unref();
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
    await this.#link.close();
    this.#link.off('status', this.#onLinkStatus);
    this.#link.off('error', this.#onLinkError);
    this.#keeper.set('offline', 'printer driver closed');
  }

  /** Asks the printer for DLE EOT 1–4 and updates the status. No answer means offline. */
  queryStatus(): Promise<DeviceStatus> {
    this.#query ??= this.#queryNow().finally(() => {
      this.#query = null;
    });
    return this.#query;
  }

  /** Prints a ticket if the printer is ready (or only low on paper). Never throws. */
  async printTicket(data: TicketPrintData, layout?: TicketLayout): Promise<PrintOutcome> {
    const status = await this.queryStatus();
    if (status.state !== 'ready' && status.state !== 'paper-low') {
      return { ok: false, state: status.state, message: status.lastError ?? `printer is ${status.state}` };
    }
    let bytes: Buffer;
    try {
      bytes = renderTicket(data, { ...this.#layout, ...layout });
    } catch (error: unknown) {
      const failure = toError(error, 'ticket could not be rendered');
      emitDeviceError(this, failure);
      return { ok: false, state: status.state, message: failure.message };
    }
    try {
      await this.#link.write(bytes);
    } catch (error: unknown) {
      const failure = toError(error, `printing ticket ${data.number} failed`);
      this.#keeper.set(this.#link.isOpen ? 'error' : 'offline', failure.message);
      emitDeviceError(this, failure);
      return { ok: false, state: this.#keeper.current.state, message: failure.message };
    }
    return { ok: true, state: status.state };
  }

  async #queryNow(): Promise<DeviceStatus> {
    if (this.#closed) return this.#keeper.current;
    if (!this.#link.isOpen) {
      this.#keeper.set('offline', this.#lastLinkError ?? `${this.#link.description} is not open`);
      return this.#keeper.current;
    }
    try {
      const bytes: StatusBytes = {
        printer: await this.#ask(1),
        offlineCause: await this.#ask(2),
        errorCause: await this.#ask(3),
        paperSensor: await this.#ask(4),
      };
      const { state, message } = interpretStatus(bytes);
      this.#keeper.set(state, message);
    } catch (error: unknown) {
      const failure = toError(error, 'printer did not answer');
      const wasOffline = this.#keeper.current.state === 'offline';
      this.#keeper.set('offline', failure.message);
      if (!wasOffline) emitDeviceError(this, failure);
    }
    return this.#keeper.current;
  }

  async #ask(n: StatusRequestKind): Promise<number> {
    const answer = await this.#link.request({
      command: STATUS_REQUEST_NAMES[n],
      data: statusRequest(n),
      timeoutMs: this.#statusTimeoutMs,
      // The first byte with the fixed DLE EOT bit pattern; stray bytes before it are skipped.
      match: (received) => received.findIndex(isStatusByte) + 1,
    });
    return answer[answer.length - 1] ?? 0;
  }

  readonly #onLinkStatus = (status: LinkStatus): void => {
    if (this.#closed) return;
    if (status === 'open') {
      this.#lastLinkError = null;
      void this.queryStatus();
    } else if (this.#keeper.current.state !== 'connecting' || status === 'closed') {
      this.#keeper.set('offline', this.#lastLinkError ?? `${this.#link.description} is ${status === 'closed' ? 'closed' : 'reconnecting'}`);
    }
  };

  readonly #onLinkError = (error: Error): void => {
    if (this.#closed) return;
    const repeated = error.message === this.#lastLinkError;
    this.#lastLinkError = error.message;
    if (this.#keeper.current.state === 'offline' || !this.#link.isOpen) this.#keeper.set('offline', error.message);
    if (!repeated) emitDeviceError(this, error);
  };
}
