import { FakeEscPosPrinter } from '@vuoro/drivers/testing';
import { SerialPort } from 'serialport';

/**
 * Plays an ESC/POS receipt printer on a real serial port (the far end of a
 * socat pair): parses what the driver sends and answers DLE EOT status
 * queries according to `printer.state`. After the pair is restarted, call
 * `reopen()` to plug the "printer" back in.
 */
export class SerialPrinterPlayer {
  readonly printer: FakeEscPosPrinter;
  #port: SerialPort | null = null;

  constructor(private readonly path: string) {
    this.printer = new FakeEscPosPrinter((bytes) => this.#port?.write(bytes));
  }

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: 19200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.printer.receive(chunk));
    // After socat is killed this end reports a disconnect; the test reopens it.
    port.on('error', () => undefined);
    this.#port = port;
  }

  async reopen(): Promise<void> {
    await this.close();
    await this.open();
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }
}
