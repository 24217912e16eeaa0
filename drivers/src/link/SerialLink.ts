import type { BindingInterface } from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import { SerialPortStream } from '@serialport/stream';
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
    port.on('data', (data: Buffer) => handlers.onData(data));
    port.on('error', (error: Error) => handlers.onError(error));
    port.on('close', (error: Error | null) => handlers.onLost(error));
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
          port.close(() => resolve());
        }),
    };
  }
}
