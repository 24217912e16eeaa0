import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
import { access } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { ReconnectingLink, type LinkOptions, type Transport, type TransportHandlers } from './ReconnectingLink.js';

export interface SerialLinkOptions extends LinkOptions {
  /** Device path; prefer the stable /dev/serial/by-id/... link. */
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  /** Hardware flow control (RTS/CTS). */
  rtscts?: boolean;
  /** Serialport binding; tests pass MockBinding. Defaults to the native binding. */
  binding?: BindingInterface;
  /**
   * While open, check every this many ms that `path` still exists and treat
   * its disappearance as an unplug (default 1000 with the native binding, off
   * with an injected one; 0 turns it off). Needed because the native binding
   * can miss a hang-up that happens before its first read and then spin on
   * zero-byte reads instead of reporting the disconnect.
   */
  presenceCheckMs?: number;
}

/** A serial port that reopens itself after the device is unplugged or was not there yet. */
export class SerialLink extends ReconnectingLink {
  readonly description: string;
  readonly #options: SerialLinkOptions;

  constructor(options: SerialLinkOptions) {
    super(options);
    this.#options = options;
    this.description = `serial ${options.path}`;
  }

  protected async connectTransport(handlers: TransportHandlers): Promise<Transport> {
    const { path, baudRate, dataBits = 8, stopBits = 1, parity = 'none', rtscts = false } = this.#options;
    const binding: BindingInterface = this.#options.binding ?? SerialPort.binding;
    const port = new SerialPortStream({ binding, path, baudRate, dataBits, stopBits, parity, rtscts, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((error) => (error ? reject(error) : resolve()));
    });
    const presenceCheckMs = this.#options.presenceCheckMs ?? (this.#options.binding ? 0 : 1000);
    const presence = presenceCheckMs > 0 ? setInterval(() => void checkPresence(), presenceCheckMs) : null;
    presence?.unref();
    const checkPresence = async (): Promise<void> => {
      try {
        await access(path);
      } catch {
        if (presence) clearInterval(presence);
        if (!port.isOpen) return;
        handlers.onLost(new Error(`${path} disappeared`));
        port.close(() => undefined);
      }
    };
    port.on('data', (data: Buffer) => handlers.onData(data));
    port.on('error', (error: Error) => handlers.onError(error));
    port.on('close', (error: Error | null) => {
      if (presence) clearInterval(presence);
      handlers.onLost(error);
    });
    return {
      write: (data) =>
        new Promise<void>((resolve, reject) => {
          port.write(data, (writeError) => {
            if (writeError) {
              reject(writeError);
              return;
            }
            port.drain((drainError) => (drainError ? reject(drainError) : resolve()));
          });
        }),
      close: () =>
        new Promise<void>((resolve) => {
          if (!port.isOpen) {
            resolve();
            return;
          }
          if (presence) clearInterval(presence);
          port.close(() => resolve());
        }),
    };
  }
}
