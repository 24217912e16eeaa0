import { emitDeviceError, toError } from '../deviceStatus.js';
import { LinkedDevice } from '../LinkedDevice.js';
import { LinkTimeoutError, type Link } from '../link/Link.js';
import {
  BROADCAST_UNIT,
  matchWriteResponse,
  responseError,
  WRITE_MULTIPLE_REGISTERS,
  WRITE_SINGLE_REGISTER,
  writeMultipleRegisters,
  writeSingleRegister,
} from '../modbus/modbusFrames.js';
import { registersFor, type CounterDisplayMapping, type RegisterWrite } from './counterDisplayMapping.js';

export interface CounterDisplayOptions {
  link: Link;
  /** Modbus unit (slave) id 1..247; 0 broadcasts without waiting for answers. */
  unit: number;
  mapping?: CounterDisplayMapping;
  /** Wait this long for each answer (default 500 ms). */
  responseTimeoutMs?: number;
  /** Extra attempts after a timeout (default 1). */
  retries?: number;
  now?: () => number;
}

export type DisplayOutcome = { ok: true } | { ok: false; message: string };

/** An LED counter display showing the called number, driven over Modbus RTU. Never throws. */
export class CounterDisplay extends LinkedDevice {
  readonly #unit: number;
  readonly #mapping: CounterDisplayMapping;
  readonly #timeoutMs: number;
  readonly #retries: number;
  #shown: string | null = null;

  constructor(options: CounterDisplayOptions) {
    super(options.link, options.now, 'display');
    this.#unit = options.unit;
    this.#mapping = options.mapping ?? { kind: 'number' };
    this.#timeoutMs = options.responseTimeoutMs ?? 500;
    this.#retries = options.retries ?? 1;
  }

  /** Shows a called number such as "A012". */
  show(text: string): Promise<DisplayOutcome> {
    return this.#display(text);
  }

  /** Clears the display (see CounterDisplayMapping for what "blank" writes). */
  blank(): Promise<DisplayOutcome> {
    return this.#display(null);
  }

  async #display(text: string | null): Promise<DisplayOutcome> {
    const writes = registersFor(this.#mapping, text);
    if (writes instanceof Error) {
      emitDeviceError(this, writes);
      return { ok: false, message: writes.message };
    }
    this.#shown = text;
    const what = text === null ? 'blanking the display' : `showing ${text}`;
    if (!this.link.isOpen) {
      const message = `${what} failed: ${this.link.description} is not open (will be shown when it reconnects)`;
      this.keeper.set('offline', message);
      return { ok: false, message };
    }
    try {
      for (const write of writes) await this.#write(write);
      this.keeper.set('ready', null);
      return { ok: true };
    } catch (error: unknown) {
      const failure = toError(error, `${what} on unit ${this.#unit} failed`);
      const silent = error instanceof LinkTimeoutError || !this.link.isOpen;
      this.keeper.set(silent ? 'offline' : 'error', failure.message);
      emitDeviceError(this, failure);
      return { ok: false, message: failure.message };
    }
  }

  async #write({ address, values }: RegisterWrite): Promise<void> {
    const single = values.length === 1;
    const fn = single ? WRITE_SINGLE_REGISTER : WRITE_MULTIPLE_REGISTERS;
    const frame = single ? writeSingleRegister(this.#unit, address, values[0] ?? 0) : writeMultipleRegisters(this.#unit, address, values);
    if (this.#unit === BROADCAST_UNIT) {
      await this.link.write(frame);
      return;
    }
    const command = single ? `modbus write register ${address} (function 06)` : `modbus write ${values.length} registers from ${address} (function 16)`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const answer = await this.link.request({ command, data: frame, timeoutMs: this.#timeoutMs, match: matchWriteResponse(this.#unit, fn) });
        const exception = responseError(answer, fn);
        if (exception) throw exception;
        return;
      } catch (error: unknown) {
        if (!(error instanceof LinkTimeoutError) || attempt >= this.#retries) throw error;
      }
    }
  }

  protected restore(): void {
    if (this.#shown !== null) void this.#display(this.#shown);
    else this.keeper.set('ready', null);
  }
}
